"""The runner interface: how `hfeval eval` hands pending runs to whoever executes them.

A runner takes runs that have no `done` entry in the store, executes them (locally through
inspect-ai, or as Hugging Face Jobs), writes each result into the store as it finishes and
returns one `RunOutcome` per run. It reports what happens through a `Progress`, which the CLI
draws (tasks, samples, elapsed) and tests can record. Runners are chosen by name
(`runner:` in the spec) through `RUNNERS`, so a new runner is one module plus one line.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from hfeval.errors import EvalError
from hfeval.evals.runs import EvalRun
from hfeval.evals.store import ResultStore

OutcomeState = Literal["done", "failed"]


@dataclass(frozen=True)
class RunOutcome:
    """How one run ended: `done` with a stored log, or `failed` with an error (and log tail)."""

    run: EvalRun
    state: OutcomeState
    error: str | None = None
    log_tail: tuple[str, ...] = ()


class Progress(Protocol):
    """Callbacks a runner makes while it works; every method may be called from any thread."""

    def started(self, run: EvalRun, *, total_samples: int | None) -> None: ...

    def samples(self, run: EvalRun, *, completed: int, total: int | None) -> None: ...

    def message(self, run: EvalRun, text: str) -> None: ...

    def finished(self, outcome: RunOutcome) -> None: ...


class NullProgress:
    """A Progress that ignores everything (library use, tests that do not watch)."""

    def started(self, run: EvalRun, *, total_samples: int | None) -> None:
        return None

    def samples(self, run: EvalRun, *, completed: int, total: int | None) -> None:
        return None

    def message(self, run: EvalRun, text: str) -> None:
        return None

    def finished(self, outcome: RunOutcome) -> None:
        return None


class Runner(Protocol):
    """Executes runs and stores their logs. `parallelism` bounds how many run at once.

    `describe` is what `hfeval eval --dry-run` prints for a run: the exact command or job
    payload the runner would execute or submit (never a token).
    """

    name: str

    def run(
        self, runs: Sequence[EvalRun], store: ResultStore, progress: Progress
    ) -> list[RunOutcome]: ...

    def describe(self, run: EvalRun) -> str: ...


# runner name -> (module, factory). The factory takes `parallelism` and `endpoint` (the Hub that
# jobs and their logs live on; None: HF_ENDPOINT) and returns a Runner.
RUNNERS: dict[str, tuple[str, str]] = {
    "local": ("hfeval.evals.local", "LocalRunner"),
    "hf-jobs": ("hfeval.evals.hf_jobs", "HfJobsRunner"),
}


def make_runner(name: str, *, parallelism: int, endpoint: str | None = None) -> Runner:
    """The runner called `name`, imported only when it is used."""
    if name not in RUNNERS:
        known = ", ".join(sorted(RUNNERS))
        raise EvalError(f'unknown runner "{name}"', hint=f"use one of: {known}")
    module, attr = RUNNERS[name]
    factory = getattr(importlib.import_module(module), attr)
    runner: Runner = factory(parallelism=parallelism, endpoint=endpoint)
    return runner
