"""hfeval: declarative evaluation metadata for the Hugging Face Hub.

Public API (imported lazily, so `import hfeval` stays cheap and does not import huggingface_hub,
which reads HF_ENDPOINT at import):

    from hfeval import load_specs, plan_specs, build_plan, apply_plan, Plan
    plan = plan_specs([Path("specs")])          # resolve sources, read the Hub, diff
    plan.summary, plan.exit_code(detailed=True)  # the numbers every view prints
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_specs": "hfeval.spec",
    "plan_specs": "hfeval.planner",
    "build_plan": "hfeval.planner",
    "apply_plan": "hfeval.apply",
    "Plan": "hfeval.plan",
    "plan_from_dict": "hfeval.plan",
    "plan_to_dict": "hfeval.plan",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'hfeval' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
