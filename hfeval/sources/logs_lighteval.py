"""Reading lighteval results JSON into task runs. Pure.

Shape (lighteval `results_<ISO>.json`): `config_general` (`model_name`, `max_samples`, …),
`results` → `"suite|task|shots"` (newer releases: `"task|shots"`) → metrics with `<metric>_stderr`
beside them, plus an `"all"` average that is not a task. `max_samples` set means a partial run.
The run date comes from the file name, which lighteval stamps.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hfeval.sources.logs_records import (
    LIGHTEVAL,
    TaskRun,
    date_of_file_name,
    numbers,
    split_stderr,
)


def is_lighteval_results(data: object) -> bool:
    """Whether parsed JSON is a lighteval results file."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("config_general"), dict)
        and isinstance(data.get("results"), dict)
    )


def read_lighteval_results(data: Mapping[str, Any], shown: str) -> list[TaskRun]:
    """One run per task key in `results` (the `all` average skipped), in the file's order."""
    general: Mapping[str, Any] = data["config_general"]
    model = _model_name(general)
    max_samples = general.get("max_samples")
    run_date = date_of_file_name(shown)
    runs = []
    for key, raw in data["results"].items():
        if key == "all" or not isinstance(raw, dict):
            continue
        metrics, stderr = split_stderr(numbers(raw), lambda name: f"{name}_stderr")
        runs.append(
            TaskRun(
                harness=LIGHTEVAL,
                file=shown,
                task=str(key),
                model=model,
                metrics=metrics,
                stderr=stderr,
                samples=max_samples if isinstance(max_samples, int) else None,
                limit=None if max_samples is None else str(max_samples),
                shots=_shots(str(key)),
                run_date=run_date,
            )
        )
    return runs


def _model_name(general: Mapping[str, Any]) -> str | None:
    name = general.get("model_name")
    if isinstance(name, str) and name.strip():
        return name
    config = general.get("model_config")
    nested = config.get("model_name") if isinstance(config, dict) else None
    return nested if isinstance(nested, str) and nested.strip() else None


def _shots(key: str) -> int | None:
    last = key.rsplit("|", 1)[-1]
    return int(last) if "|" in key and last.isdigit() else None
