"""Planning many repos at once: threads for the Hub's latency, worker processes for the CPU.

Planning one repo is mostly Python work (reading a card's tables, merging its front matter) that
holds the GIL, so threads alone keep one core busy however many there are. With many repos and
more than one core, the repos are split across forked worker processes, each planning its share
with its part of the threads. A worker inherits everything the parent has loaded (specs,
registry, the run's shared resources) and sends back finished plans; nothing is re-read or
re-imported.

Nothing is lost to a worker: a share whose worker dies or whose result cannot be sent back is
planned here instead, on threads, so the plan is the same either way.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from multiprocessing import get_all_start_methods, get_context
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many repos per process, forking and sending plans back costs more than it saves.
MIN_ITEMS_PER_PROCESS = 100
# Shares per process: small enough that a fast worker takes over a slow one's remaining work.
SHARES_PER_PROCESS = 4


def fork_available() -> bool:
    """Whether worker processes can be forked here (Linux: cheap and safe; elsewhere threads)."""
    return sys.platform == "linux" and "fork" in get_all_start_methods()


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity, which containers and taskset narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_processes(count: int) -> int:
    """How many processes plan `count` repos by default: one per core, each with enough work."""
    if not fork_available():
        return 1
    return max(1, min(usable_cores(), count // MIN_ITEMS_PER_PROCESS))


def worker_count(requested: int | None, items: int, threads: int) -> int:
    """How many processes `run_all` uses: `requested` (None: `default_processes`), but never
    more than the items or the threads in flight, and one where fork is not available."""
    if not fork_available():
        return 1
    wanted = default_processes(items) if requested is None else requested
    return max(1, min(wanted, threads, items))


def run_all(
    items: Sequence[T],
    work: Callable[[T], R],
    *,
    threads: int,
    processes: int = 1,
    on_progress: Progress | None = None,
) -> list[R]:
    """`[work(item) for item in items]`, at most `threads` at a time, over up to `processes`.

    `threads` bounds the work in flight in all processes together (each gets its part), so the
    load on the Hub does not grow with the number of cores. `work` must not raise (the planner
    turns every failure into that repo's error) and its results must pickle when
    `processes > 1`. The order of the results is the order of `items`. `on_progress(done)` is
    called, from any thread of this process, as items finish.
    """
    report = _Tally(len(items), on_progress)
    processes = worker_count(processes, len(items), threads)
    if processes <= 1:
        return _threaded(items, report.counted(work), threads)
    results: list[Any] = [_MISSING] * len(items)
    _Job.current = _Job(items, work, -(-threads // processes))
    try:
        _fan_out(results, _Job.current, processes, report)
    finally:
        _Job.current = None
    left = [index for index, result in enumerate(results) if result is _MISSING]
    if left:  # a worker died or its share could not be sent back: do that share here
        redone = _threaded([items[index] for index in left], report.counted(work), threads)
        for index, result in zip(left, redone, strict=True):
            results[index] = result
    return results


Progress = Callable[[int], None]
_MISSING: Any = object()


class _Tally:
    """How many items are done, passed on to a progress callback (never more than the total)."""

    def __init__(self, total: int, on_progress: Progress | None) -> None:
        self._total = total
        self._on_progress = on_progress
        self._done = 0
        self._lock = threading.Lock()

    def counted(self, work: Callable[[T], R]) -> Callable[[T], R]:
        if self._on_progress is None:
            return work

        def counted_work(item: T) -> R:
            result = work(item)
            self.add(1)
            return result

        return counted_work

    def add(self, count: int) -> None:
        if self._on_progress is None or not count:
            return
        with self._lock:
            self._done = min(self._total, self._done + count)
            done = self._done
        self._on_progress(done)


def _threaded(items: Sequence[T], work: Callable[[T], R], threads: int) -> list[R]:
    if threads <= 1 or len(items) < 2:  # inline: no hand-off, and profilers see every call
        return [work(item) for item in items]
    pool = ThreadPoolExecutor(max_workers=min(threads, len(items)))
    try:
        return list(pool.map(work, items))
    finally:  # on Ctrl-C, what has not started yet is dropped instead of waited for
        pool.shutdown(wait=True, cancel_futures=True)


class _Stopped(Exception):
    """The parent was interrupted: a worker drops the rest of its share."""


class _Job(Generic[T, R]):
    """What the forked workers run; set just before they are forked, so they inherit it."""

    current: _Job[Any, Any] | None = None

    def __init__(self, items: Sequence[T], work: Callable[[T], R], threads: int) -> None:
        self.items = items
        self.work = work
        self.threads = threads
        self.stop = get_context("fork").Event()
        self.finished = get_context("fork").Value("i", 0)  # items done in all workers

    def guarded(self, item: T) -> R:
        if self.stop.is_set():
            raise _Stopped
        result = self.work(item)
        with self.finished.get_lock():
            self.finished.value += 1
        return result


def _in_worker() -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides, and tells the workers
    # through the job's stop event, so no worker dies half-way or prints a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_share(start: int, stop: int) -> list[Any]:
    """In a worker: the results of items[start:stop] (the job came with the fork)."""
    job = _Job.current
    assert job is not None, "a plan worker was started without a job"
    return _threaded(job.items[start:stop], job.guarded, job.threads)


def _fan_out(results: list[Any], job: _Job[Any, Any], processes: int, report: _Tally) -> None:
    count = len(results)
    shares = min(count, processes * SHARES_PER_PROCESS)
    bounds = [(count * i // shares, count * (i + 1) // shares) for i in range(shares)]
    # A forked child flushes what it inherited in the parent's stdout buffer when it exits.
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    pool = ProcessPoolExecutor(processes, mp_context=get_context("fork"), initializer=_in_worker)
    reported = 0
    try:
        pending: dict[Future[list[Any]], tuple[int, int]] = {
            pool.submit(_run_share, start, stop): (start, stop) for start, stop in bounds
        }
        while pending:
            finished, _ = wait(pending, timeout=_PROGRESS_EVERY, return_when=FIRST_COMPLETED)
            for future in finished:
                start, stop = pending.pop(future)
                try:
                    results[start:stop] = future.result()
                except Exception:  # that share is done in this process instead
                    continue
            done = job.finished.value
            report.add(done - reported)
            reported = done
    except (OSError, RuntimeError):  # could not fork (limits, memory): threads do the rest
        return
    except BaseException:  # Ctrl-C: the workers finish the repo in hand and stop
        job.stop.set()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_PROGRESS_EVERY = 0.1  # seconds between progress reports while workers run
