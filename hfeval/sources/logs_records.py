"""What every eval-log reader produces: one `TaskRun` per task of a log file, harness-agnostic.

Pure. The readers (`logs_inspect.py`, `logs_lm_eval.py`, `logs_lighteval.py`) fill these from
their harness's format; `logs_result.py` turns them into observations. Also here: whether a log's
model is the spec's model, with provider prefixes and routing suffixes removed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

INSPECT = "inspect-ai"
LM_EVAL = "lm-evaluation-harness"
LIGHTEVAL = "lighteval"

FAILED_STATUSES = ("error", "cancelled", "started")

# results_2026-01-04T12-00-00.json (lm-eval, lighteval; lighteval adds .ffffff)
_FILE_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})T\d{2}[-:]\d{2}[-:]\d{2}")


@dataclass(frozen=True)
class TaskRun:
    """One task's outcome in one log file, as the harness recorded it (values 0–1)."""

    harness: str
    file: str
    """The log as shown to people: a local path, or `<repo>/<path>` for Hub logs."""
    task: str
    model: str | None
    status: str = "success"
    error: str | None = None
    metrics: Mapping[str, float] = field(default_factory=dict)
    """Metric name -> value, in the log's order."""
    stderr: Mapping[str, float] = field(default_factory=dict)
    """Metric name -> its standard error, where the log has one."""
    headline: str | None = None
    """The metric the harness itself names as the task's result (inspect's headline)."""
    samples: int | None = None
    """Samples evaluated (per epoch)."""
    dataset_samples: int | None = None
    """Samples in the task's dataset, when the log says."""
    limit: str | None = None
    """The sample limit or subset the run was given, as text; None for a full run."""
    epochs: int | None = None
    shots: int | None = None
    run_date: str | None = None
    """ISO date the evaluation ran."""
    groups: tuple[str, ...] = ()
    """The lm-eval groups this task ran as part of, nearest first (mmlu_formal_logic ->
    mmlu_humanities, mmlu); a group with a score of its own stands for its subtasks."""
    url: str | None = None
    """The file's Hub URL (`…/datasets/<repo>/blob/<sha>/<path>`); None for local files."""

    @property
    def partial(self) -> str | None:
        """`100 of 1,319 samples` when the run covered part of its dataset, else None."""
        short = (
            self.samples is not None
            and self.dataset_samples is not None
            and self.samples < self.dataset_samples
        )
        if self.limit is None and not short:
            return None
        if self.samples is not None and self.dataset_samples is not None:
            return f"{self.samples:,} of {self.dataset_samples:,} samples"
        if self.samples is not None:
            return f"{self.samples:,} samples (limit {self.limit})"
        return f"limit {self.limit}"


def numbers(values: Mapping[str, object]) -> dict[str, float]:
    """The finite numeric entries of a mapping (logs write "N/A" or null for unknown stderr)."""
    return {
        key: float(value)
        for key, value in values.items()
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    }


def split_stderr(
    values: Mapping[str, float], stderr_key: Callable[[str], str]
) -> tuple[dict[str, float], dict[str, float]]:
    """(metrics, stderr by metric) of a task's numbers, where `stderr_key(metric)` names the
    entry holding a metric's standard error (`acc_stderr`, lm-eval's `acc_stderr,none`)."""
    errors = {stderr_key(name) for name in values}
    metrics = {name: value for name, value in values.items() if name not in errors}
    stderr = {name: values[stderr_key(name)] for name in metrics if stderr_key(name) in values}
    return metrics, stderr


def date_of_timestamp(value: object) -> str | None:
    """The UTC date of a UNIX timestamp (lm-eval's `date`)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return datetime.fromtimestamp(value, tz=UTC).date().isoformat()
    return None


def date_of_iso(value: object) -> str | None:
    """The date part of an ISO datetime string (inspect's `eval.created`)."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None


def date_of_file_name(name: str) -> str | None:
    """The date in `results_2026-01-04T12-00-00.json`, the name lm-eval and lighteval write."""
    found = _FILE_DATE.search(name)
    return found.group(1) if found else None


def canonical_model(name: str) -> str:
    """A model name without inspect provider prefixes, routing suffixes and case.

    `hf-inference-providers/acme/m:fastest`, `hf/acme/m`, `vllm/acme/m` and `openai-api/svc/acme/m`
    all become `acme/m`; a bare `acme/m` stays as it is.
    """
    text = name.strip().split(":", 1)[0].strip("/").casefold()
    parts = text.split("/")
    if parts[0] == "openai-api" and len(parts) > 3:
        parts = parts[2:]
    elif len(parts) > 2:
        parts = parts[1:]  # provider/org/model
    return "/".join(parts)


def same_model(logged: str, repo_id: str) -> bool:
    """Whether a log's model names the spec's Hub repo (provider decoration aside)."""
    return canonical_model(logged) == repo_id.casefold()
