"""The saved plan file (`.hfeval/plan.json`): writing it, and reading it back safely.

`hfeval plan` writes it, `hfeval show` renders it and `hfeval apply` carries it out; all three go
through here so the file is parsed once and every failure is a PlanFileError with a hint.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from hfeval.crashpoints import crash_point
from hfeval.errors import PlanFileError
from hfeval.plan import Plan, plan_from_dict, plan_to_dict
from hfeval.redaction import redact_known

DEFAULT_PLAN_PATH = ".hfeval/plan.json"

_REPLAN_HINT = 'run "hfeval plan" to make a plan, or pass the path of a saved plan file'
_FRESH_HINT = 'run "hfeval plan" again to write a fresh plan file'


def write_plan_file(plan: Plan, path: Path) -> None:
    """Save the plan with the file contents apply needs (never a token: the plan holds none).

    Each top-level key and each repo of `changes` sits on a line of its own, so the file stays
    readable and diffable while the C JSON encoder writes it (an indented dump runs the
    pure-Python encoder, about 3x slower). A file's old text is stored as its difference from
    the new text (`before_delta`): a README rewrite changes only the front matter, and keeping
    both whole texts doubled the file.
    """
    data = plan_to_dict(plan)
    for repo in data["changes"]:
        for change in repo["files"]:
            _compact_before(change)
    parts = []
    for key, value in data.items():
        if key == "changes" and value:
            rows = ",\n".join(json.dumps(repo, ensure_ascii=False) for repo in value)
            encoded = f"[\n{rows}\n]"
        else:
            encoded = json.dumps(value, ensure_ascii=False)
        parts.append(f"{json.dumps(key)}: {encoded}")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Known secrets only: token-shaped text inside a README's planned content must stay intact.
    text = redact_known("{\n" + ",\n".join(parts) + "\n}\n")
    # Write then rename: a crash mid-write leaves the old plan or none, never half a file.
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    crash_point("plan-file-written")
    os.replace(partial, path)


def _compact_before(change: dict[str, Any]) -> None:
    """Replace `before` by [common prefix length, common suffix length, the differing middle]."""
    before, content = change.get("before"), change.get("content")
    if before is None or content is None:
        return
    prefix = _common_length(before, content, from_end=False)
    rest = min(len(before), len(content)) - prefix
    suffix = _common_length(before[len(before) - rest :], content[len(content) - rest :], True)
    del change["before"]
    change["before_delta"] = [prefix, suffix, before[prefix : len(before) - suffix]]


def _common_length(left: str, right: str, from_end: bool) -> int:
    """Length of the common prefix (or suffix), by bisection over C-level slice comparisons."""
    low, high = 0, min(len(left), len(right))
    while low < high:
        middle = (low + high + 1) // 2
        if from_end:
            same = left[len(left) - middle :] == right[len(right) - middle :]
        else:
            same = left[:middle] == right[:middle]
        low, high = (middle, high) if same else (low, middle - 1)
    return low


def _expand_before(change: dict[str, Any]) -> None:
    """Rebuild `before` from `before_delta` (the inverse of `_compact_before`)."""
    delta = change.pop("before_delta", None)
    if not isinstance(delta, list) or len(delta) != 3 or not isinstance(change.get("content"), str):
        return
    prefix, suffix, middle = delta
    content = change["content"]
    change["before"] = content[:prefix] + middle + content[len(content) - suffix :]


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
        for repo in data.get("changes") or ():
            for change in repo.get("files") or ():
                _expand_before(change)
        plan = plan_from_dict(data)
    except (AttributeError, TypeError) as error:
        raise PlanFileError(
            f"the plan file is corrupt ({error!r})", where=str(path), hint=_FRESH_HINT
        ) from error
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
