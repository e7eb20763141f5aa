"""Reading one finished inspect log into the facts a plan needs: status, score, samples.

Reads through inspect-ai's own log API (`.eval` zips and `.json` logs alike). The published
number is the task's headline metric unless the spec names another metric of the same scorer.
A run is partial when a sample limit or sample filter was set, or fewer samples ran than the
dataset holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hfeval.errors import EvalError
from hfeval.evals.inspect_api import inspect_module


@dataclass(frozen=True)
class InspectLogResult:
    """What one inspect log says. `value`/`stderr` are inspect's (fractions for accuracy)."""

    status: str
    task: str
    model: str
    created: str
    error: str | None
    metric: str | None
    value: float | None
    stderr: float | None
    samples: int | None  # samples evaluated (per epoch)
    dataset_samples: int | None
    limit: int | None
    epochs: int

    @property
    def partial(self) -> bool:
        if self.limit is not None:
            return True
        return (
            self.samples is not None
            and self.dataset_samples is not None
            and self.samples < self.dataset_samples
        )

    @property
    def sample_text(self) -> str:
        """`100 of 1,319 samples` (or `5 samples` for a full run)."""
        if self.samples is None:
            return "unknown samples"
        if self.partial and self.dataset_samples:
            return f"{self.samples:,} of {self.dataset_samples:,} samples"
        return f"{self.samples:,} samples"


def read_inspect_log(path: Path, *, metric: str | None = None) -> InspectLogResult:
    """Read `path`; an unreadable file or a missing requested metric is an EvalError."""
    log_api = inspect_module("inspect_ai.log")
    try:
        log = log_api.read_eval_log(str(path))
    except Exception as error:  # inspect raises many types for a damaged log
        raise EvalError(
            f"cannot read the inspect log {path} ({type(error).__name__}: {error})"
        ) from error
    spec = log.eval
    limit = spec.config.limit if isinstance(spec.config.limit, int) else None
    epochs = spec.config.epochs or 1
    filtered = spec.dataset.sample_ids
    base: dict[str, Any] = {
        "status": log.status,
        "task": spec.task,
        "model": spec.model,
        "created": spec.created,
        "dataset_samples": spec.dataset.samples,
        "limit": limit if limit is not None else (len(filtered) if filtered else None),
        "epochs": epochs,
    }
    if log.status != "success" or log.results is None:
        message = log.error.message if log.error is not None else f"the run was {log.status}"
        return InspectLogResult(
            **base, error=message, metric=None, value=None, stderr=None, samples=None
        )
    chosen, value, stderr = _metric(log, log_api, metric, path)
    total = log.results.total_samples
    samples = total // epochs if epochs and total % epochs == 0 else total
    return InspectLogResult(
        **base, error=None, metric=chosen, value=value, stderr=stderr, samples=samples
    )


def _metric(
    log: Any, log_api: Any, wanted: str | None, path: Path
) -> tuple[str, float, float | None]:
    scores = list(log.results.scores)
    if wanted is None:
        headline = log_api.headline_metric(log)
        if headline is None:
            raise EvalError(f"the inspect log {path} has no scores")
        score, name, value = headline.score, headline.name, headline.metric.value
    else:
        found = [(s, s.metrics[wanted]) for s in scores if wanted in s.metrics]
        if not found:
            known = sorted({m for s in scores for m in s.metrics})
            raise EvalError(
                f'the inspect log {path} has no metric "{wanted}"',
                hint=f"metrics in this log: {', '.join(known) or '(none)'}",
            )
        score, name, value = found[0][0], wanted, found[0][1].value
    stderr_metric = score.metrics.get("stderr")
    stderr = float(stderr_metric.value) if stderr_metric is not None else None
    return str(name), float(value), stderr
