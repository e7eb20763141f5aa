"""The saved plan file (`.hfeval/plan.json`): writing it, and reading it back safely.

`hfeval plan` writes it, `hfeval show` renders it and `hfeval apply` carries it out; all three go
through here so the file is parsed once and every failure is a PlanFileError with a hint.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from hfeval.crashpoints import crash_point
from hfeval.errors import PlanFileError
from hfeval.plan import Plan, plan_from_dict, plan_to_dict
from hfeval.redaction import redact_known

DEFAULT_PLAN_PATH = ".hfeval/plan.json"

_REPLAN_HINT = 'run "hfeval plan" to make a plan, or pass the path of a saved plan file'
_FRESH_HINT = 'run "hfeval plan" again to write a fresh plan file'


def write_plan_file(plan: Plan, path: Path) -> None:
    """Save the plan with the file contents apply needs (never a token: the plan holds none)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Known secrets only: token-shaped text inside a README's planned content must stay intact.
    text = redact_known(json.dumps(plan_to_dict(plan), indent=2) + "\n")
    # Write then rename: a crash mid-write leaves the old plan or none, never half a file.
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    crash_point("plan-file-written")
    os.replace(partial, path)


def read_plan_file(path: Path, *, verify_fingerprint: bool = False) -> Plan:
    """Load a saved plan; a missing, unreadable or corrupt file is a PlanFileError.

    With `verify_fingerprint`, a plan whose changes no longer match the fingerprint recorded when
    it was written (the file was edited after review) is refused too.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise PlanFileError("no saved plan here", where=str(path), hint=_REPLAN_HINT) from error
    except (OSError, UnicodeDecodeError) as error:
        raise PlanFileError(
            f"cannot read the plan file ({error})", where=str(path), hint=_REPLAN_HINT
        ) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlanFileError(
            f"the plan file is not valid JSON (line {error.lineno}: {error.msg})",
            where=str(path),
            hint=_FRESH_HINT,
        ) from error
    if not isinstance(data, dict):
        raise PlanFileError(
            "the plan file does not hold a plan (expected a JSON object)",
            where=str(path),
            hint=_FRESH_HINT,
        )
    try:
        plan = plan_from_dict(data)
    except PlanFileError as error:
        error.where = error.where or str(path)
        error.hint = error.hint or _FRESH_HINT
        raise
    recorded = data.get("fingerprint")
    if verify_fingerprint and recorded is not None and recorded != plan.fingerprint:
        raise PlanFileError(
            "the plan's changes no longer match its fingerprint",
            where=str(path),
            hint='the file was edited after "hfeval plan" wrote it; run "hfeval plan" again',
        )
    return plan
