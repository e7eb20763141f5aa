"""The JSON view of a plan (`--json`): `plan_to_dict` without file contents, stable and indented."""

from __future__ import annotations

import json

from hfeval.plan import Plan, plan_to_dict
from hfeval.render.common import redact


def render_json(plan: Plan) -> str:
    """The plan as JSON text ending with a newline; same input, same bytes."""
    return redact(
        json.dumps(plan_to_dict(plan, include_contents=False), indent=2, ensure_ascii=False) + "\n"
    )
