"""Reading inspect-ai logs (`.eval` zips and `.json`) through inspect-ai's own log API.

inspect-ai is an optional dependency (`pip install 'hfeval[inspect]'`) and a heavy import, so it
is imported here, inside the function, only when a spec actually has an inspect log to read:
`hfeval --help`, `validate` and README/AA plans never load it. Only the log header is read (no
samples); the published number is the log's headline metric unless the spec names another.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hfeval.errors import SourceError
from hfeval.sources.logs_records import INSPECT, TaskRun, date_of_iso, numbers

INSTALL_HINT = "pip install 'hfeval[inspect]'"


def read_inspect_log(path: Path, shown: str) -> TaskRun:
    """The task run one inspect log records (an inspect log holds exactly one task)."""
    try:
        from inspect_ai.log import headline_metric, read_eval_log
    except ImportError as error:
        raise SourceError(
            f"{shown} is an inspect-ai log, and inspect-ai is not installed",
            hint=f"install the inspect extra: {INSTALL_HINT}",
        ) from error
    try:
        log = read_eval_log(str(path), header_only=True)
    except Exception as error:  # inspect raises many kinds for a damaged or foreign file
        raise SourceError(f"cannot read inspect log {shown}: {error}") from error
    spec = log.eval
    metrics: dict[str, float] = {}
    stderr: dict[str, float] = {}
    headline: str | None = None
    if log.results is not None:
        for score in log.results.scores:
            values = numbers({name: metric.value for name, metric in score.metrics.items()})
            for name, value in values.items():
                if name == "stderr":
                    continue
                key = name if name not in metrics else f"{score.name}/{name}"
                metrics[key] = value
                if "stderr" in values:
                    stderr[key] = values["stderr"]
        resolved = headline_metric(log)
        if resolved is not None:
            headline = next(
                (
                    key
                    for key in metrics
                    if key in (resolved.name, f"{resolved.score.name}/{resolved.name}")
                ),
                None,
            )
    epochs = spec.config.epochs or 1
    sample_ids = spec.dataset.sample_ids
    total = log.results.total_samples if log.results is not None else None
    samples = len(sample_ids) if sample_ids else (total // epochs if total else None)
    return TaskRun(
        harness=INSPECT,
        file=shown,
        task=spec.task,
        model=spec.model,
        status=log.status,
        error=_error_text(log.error),
        metrics=metrics,
        stderr=stderr,
        headline=headline,
        samples=samples,
        dataset_samples=spec.dataset.samples,
        limit=_limit_text(spec.config.limit, spec.config.sample_id),
        epochs=epochs,
        run_date=date_of_iso(spec.created),
    )


def is_inspect_json(data: object) -> bool:
    """Whether parsed JSON is an inspect log (its header has `eval` and `status`)."""
    return isinstance(data, dict) and isinstance(data.get("eval"), dict) and "status" in data


def _limit_text(limit: Any, sample_id: Any) -> str | None:
    if sample_id is not None:
        return f"sample_id {sample_id}"
    if limit is None:
        return None
    if isinstance(limit, list | tuple):
        return f"samples {limit[0]}–{limit[1]}"
    return str(limit)


def _error_text(error: Any) -> str | None:
    if error is None:
        return None
    message = getattr(error, "message", None)
    return str(message) if message else str(error)
