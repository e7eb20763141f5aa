"""What `hfeval eval` shows while runs execute: a rich table of tasks, samples and elapsed time
on a terminal, one line per event otherwise (CI logs)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from hfeval.evals.runner import RunOutcome
from hfeval.evals.runs import EvalRun


def run_label(run: EvalRun) -> str:
    return f"{run.model_repo} {run.task} ({run.model})"


class RichEvalProgress:
    """A live table: one row per run with a sample bar, counts and elapsed time."""

    def __init__(self, console: Console) -> None:
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("samples"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[state]}"),
            console=console,
        )
        self._rows: dict[str, TaskID] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> RichEvalProgress:
        self._bar.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._bar.stop()

    def _row(self, run: EvalRun) -> TaskID:
        with self._lock:
            if run.key not in self._rows:
                self._rows[run.key] = self._bar.add_task(run_label(run), total=None, state="")
            return self._rows[run.key]

    def started(self, run: EvalRun, *, total_samples: int | None) -> None:
        self._bar.update(self._row(run), total=total_samples, state="running")

    def samples(self, run: EvalRun, *, completed: int, total: int | None) -> None:
        self._bar.update(self._row(run), completed=completed, total=total)

    def message(self, run: EvalRun, text: str) -> None:
        self._bar.update(self._row(run), state=text)

    def finished(self, outcome: RunOutcome) -> None:
        row = self._row(outcome.run)
        self._bar.update(row, state=outcome.state)
        self._bar.stop_task(row)


class LineEvalProgress:
    """One line per start, message and finish (for logs; no sample-by-sample noise)."""

    def __init__(self, echo: Callable[[str], None]) -> None:
        self._echo = echo
        self._started: dict[str, float] = {}
        self._announced: set[str] = set()

    def __enter__(self) -> LineEvalProgress:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def started(self, run: EvalRun, *, total_samples: int | None) -> None:
        self._started.setdefault(run.key, time.monotonic())
        if total_samples is not None and run.key not in self._announced:
            self._announced.add(run.key)
            self._echo(f"  started  {run_label(run)}: {total_samples} samples")

    def samples(self, run: EvalRun, *, completed: int, total: int | None) -> None:
        return None

    def message(self, run: EvalRun, text: str) -> None:
        self._echo(f"  {run_label(run)}: {text}")

    def finished(self, outcome: RunOutcome) -> None:
        elapsed = time.monotonic() - self._started.get(outcome.run.key, time.monotonic())
        self._echo(f"  {outcome.state:<8} {run_label(outcome.run)} in {elapsed:.1f}s")
