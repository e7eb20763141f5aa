"""Sample progress from inevitably global inspect-ai hooks, routed to the current run's Progress.

inspect-ai registers hooks once per process (`@hooks`), so one listener is registered the first
time a local run starts; `watch_samples` points it at the runs and the Progress of one inspect
call and detaches it afterwards. Imports inspect-ai: import this module only to run.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from inspect_ai.hooks import Hooks, SampleEnd, TaskStart, hooks

from hfeval.evals.runner import Progress
from hfeval.evals.runs import EvalRun


class _Watch:
    def __init__(self, runs: Sequence[EvalRun], progress: Progress) -> None:
        self.runs = runs
        self.progress = progress
        self.by_eval: dict[str, tuple[EvalRun, int | None]] = {}
        self.done: dict[str, int] = {}


_lock = threading.Lock()
_current: list[_Watch] = []


@hooks(name="hfeval_progress", description="Reports sample progress to hfeval eval.")
class _ProgressHooks(Hooks):
    async def on_task_start(self, data: TaskStart) -> None:
        watch = _watching()
        if watch is None:
            return
        name = str(data.spec.task).rsplit("/", 1)[-1]
        run = next((r for r in watch.runs if r.task_name == name), None)
        if run is None:
            return
        total = _total(data.spec)
        watch.by_eval[data.eval_id] = (run, total)
        watch.progress.started(run, total_samples=total)

    async def on_sample_end(self, data: SampleEnd) -> None:
        watch = _watching()
        if watch is None or data.eval_id not in watch.by_eval:
            return
        run, total = watch.by_eval[data.eval_id]
        watch.done[data.eval_id] = watch.done.get(data.eval_id, 0) + 1
        watch.progress.samples(run, completed=watch.done[data.eval_id], total=total)


def _total(spec: Any) -> int | None:
    samples = spec.dataset.samples
    limit = spec.config.limit
    if isinstance(limit, int) and samples is not None:
        samples = min(samples, limit)
    epochs = spec.config.epochs or 1
    return None if samples is None else samples * epochs


def _watching() -> _Watch | None:
    with _lock:
        return _current[-1] if _current else None


@contextlib.contextmanager
def watch_samples(runs: Sequence[EvalRun], progress: Progress) -> Iterator[None]:
    """Report the samples of `runs` to `progress` while inspect runs them."""
    watch = _Watch(runs, progress)
    with _lock:
        _current.append(watch)
    try:
        yield
    finally:
        with _lock:
            _current.remove(watch)
