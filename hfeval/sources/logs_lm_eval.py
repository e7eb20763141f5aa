"""Reading lm-evaluation-harness results JSON (0.4 format) into task runs. Pure.

Shape (lm-eval 0.4.x `results_<ISO>.json`): `results` → task → `"<metric>,<filter>": value` with
`"<metric>_stderr,<filter>"` beside it; `group_subtasks` names each group's members; `n-shot`,
`n-samples` (`original`, `effective`), `config` (`model_args`, `limit`), `model_name`, and `date`
(a UNIX float). A results file only exists for a run that finished, so its status is success.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hfeval.sources.logs_records import (
    LM_EVAL,
    TaskRun,
    date_of_file_name,
    date_of_timestamp,
    numbers,
    split_stderr,
)

_NOT_METRICS = ("alias", "name", "sample_len", "sample_count")


def is_lm_eval_results(data: object) -> bool:
    """Whether parsed JSON is an lm-eval results file."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("results"), dict)
        and any(key in data for key in ("versions", "n-shot", "config", "configs"))
        and "config_general" not in data
    )


def read_lm_eval_results(data: Mapping[str, Any], shown: str) -> list[TaskRun]:
    """One run per task in `results` (groups included), in the file's order."""
    config = _mapping(data.get("config"))
    model = _model_name(data, config)
    limit = config.get("limit")
    shots = _mapping(data.get("n-shot"))
    counts = _mapping(data.get("n-samples"))
    run_date = date_of_timestamp(data.get("date")) or date_of_file_name(shown)
    groups = _groups_of_each_subtask(data.get("group_subtasks"))
    runs = []
    for task, raw in data["results"].items():
        if not isinstance(raw, dict):
            continue
        metrics, stderr = _metrics(raw)
        if not metrics and task in _mapping(data.get("group_subtasks")):
            continue  # a group lm-eval lists without an aggregate score of its own
        count = _mapping(counts.get(task))
        shot = shots.get(task)
        runs.append(
            TaskRun(
                harness=LM_EVAL,
                file=shown,
                task=str(task),
                model=model,
                metrics=metrics,
                stderr=stderr,
                samples=_int(count.get("effective")),
                dataset_samples=_int(count.get("original")),
                limit=None if limit is None else str(limit),
                shots=shot if isinstance(shot, int) and not isinstance(shot, bool) else None,
                run_date=run_date,
                groups=groups.get(str(task), ()),
            )
        )
    return runs


def _metrics(raw: Mapping[str, Any]) -> tuple[dict[str, float], dict[str, float]]:
    values = numbers({k: v for k, v in raw.items() if k not in _NOT_METRICS})
    return split_stderr(values, _stderr_key)


def _stderr_key(key: str) -> str:
    """`acc_stderr,none` for `acc,none`: the filter stays after the comma."""
    metric, comma, filter_name = key.partition(",")
    return f"{metric}_stderr{comma}{filter_name}"


def _model_name(data: Mapping[str, Any], config: Mapping[str, Any]) -> str | None:
    """`model_name`, else `pretrained=` (local models) or `model=` (API models) of model_args."""
    if isinstance(data.get("model_name"), str) and data["model_name"].strip():
        return str(data["model_name"])
    args = config.get("model_args")
    if isinstance(args, str):
        pairs = dict(item.split("=", 1) for item in args.split(",") if "=" in item)
    elif isinstance(args, dict):
        pairs = {str(k): str(v) for k, v in args.items()}
    else:
        return None
    return pairs.get("pretrained") or pairs.get("model")


def _groups_of_each_subtask(group_subtasks: object) -> dict[str, tuple[str, ...]]:
    """Each subtask -> its groups, nearest first (mmlu_formal_logic -> mmlu_humanities, mmlu)."""
    if not isinstance(group_subtasks, dict):
        return {}
    parent: dict[str, str] = {}
    for group, members in group_subtasks.items():
        for member in members if isinstance(members, list) else []:
            parent.setdefault(str(member), str(group))
    chains: dict[str, tuple[str, ...]] = {}
    for member in parent:
        chain: list[str] = []
        current = member
        while current in parent and parent[current] not in chain and parent[current] != member:
            current = parent[current]
            chain.append(current)
        chains[member] = tuple(chain)
    return chains


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
