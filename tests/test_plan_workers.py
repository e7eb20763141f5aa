"""Running work over threads and forked worker processes: same results, same order, and a share
whose worker dies or cannot send its result back is done in this process instead."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from hfeval import plan_workers
from hfeval.plan_workers import default_processes, fork_available, run_all

needs_fork = pytest.mark.skipif(not fork_available(), reason="worker processes need fork (Linux)")
PARENT = os.getpid()


def square_with_pid(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


@needs_fork
def test_processes_give_the_results_in_order_and_work_in_other_processes() -> None:
    def slow_square(item: int) -> tuple[int, int]:
        time.sleep(0.01)  # long enough that both workers take shares
        return square_with_pid(item)

    results = run_all(range(40), slow_square, threads=3, processes=2)
    assert [value for value, _ in results] == [i * i for i in range(40)]
    pids = {pid for _, pid in results}
    assert PARENT not in pids
    assert len(pids) == 2


def test_threads_only_when_one_process_or_no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    assert {pid for _, pid in run_all(range(10), square_with_pid, threads=4)} == {PARENT}
    monkeypatch.setattr(plan_workers, "fork_available", lambda: False)
    results = run_all(range(10), square_with_pid, threads=4, processes=4)
    assert results == [(i * i, PARENT) for i in range(10)]


def test_one_thread_runs_inline() -> None:
    seen: list[str] = []
    run_all(range(3), lambda _: seen.append(threading.current_thread().name), threads=1)
    assert seen == [threading.current_thread().name] * 3


@needs_fork
def test_a_share_whose_worker_dies_is_done_here() -> None:
    def dies_on_seven(item: int) -> tuple[int, int]:
        if item == 7 and os.getpid() != PARENT:
            os._exit(3)  # the worker process dies mid-share, without a word
        return square_with_pid(item)

    results = run_all(range(30), dies_on_seven, threads=2, processes=2)
    assert [value for value, _ in results] == [i * i for i in range(30)]
    assert dict(results)[49] == PARENT


@needs_fork
def test_a_result_that_cannot_be_sent_back_is_redone_here() -> None:
    def unpicklable_in_workers(item: int) -> object:
        if os.getpid() != PARENT and item % 5 == 0:
            return lambda: item  # a lambda does not pickle: that share comes back as an error
        return item

    results = run_all(range(20), unpicklable_in_workers, threads=2, processes=2)
    assert results == list(range(20))


def test_default_processes_wants_enough_work_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_workers, "fork_available", lambda: True)
    monkeypatch.setattr(plan_workers, "usable_cores", lambda: 4)
    assert default_processes(10) == 1
    assert default_processes(2 * plan_workers.MIN_ITEMS_PER_PROCESS) == 2
    assert default_processes(100 * plan_workers.MIN_ITEMS_PER_PROCESS) == 4
    monkeypatch.setattr(plan_workers, "fork_available", lambda: False)
    assert default_processes(10_000) == 1


INTERRUPTED_RUN = """
import os, sys, time
from hfeval.plan_workers import run_all

def work(item):
    time.sleep(0.02)
    with open(sys.argv[1], "a") as done:
        done.write(f"{item}\\n")
    return item

print("started", flush=True)
run_all(range(400), work, threads=2, processes=int(sys.argv[2]))
"""


@pytest.mark.parametrize("processes", [1, 2])
def test_ctrl_c_drops_the_work_not_yet_started(tmp_path, processes: int) -> None:
    done = tmp_path / "done"
    run = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED_RUN, str(done), str(processes)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C would reach
    )
    assert run.stdout is not None and run.stdout.readline() == b"started\n"
    deadline = time.monotonic() + 30
    while not done.exists() and time.monotonic() < deadline:  # the work is under way
        time.sleep(0.01)
    time.sleep(0.3)
    os.killpg(run.pid, signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    finished = done.read_text().split()
    assert run.returncode != 0 and b"KeyboardInterrupt" in stderr
    # Without stopping, all 400 would run (threads), or at least the two shares of 50 in the
    # workers' hands and the one queued (processes); a worker stops inside its share.
    assert 0 < len(finished) < 100
    assert stderr.count(b"Traceback") == 1  # the parent's; the workers stop without a word


@pytest.mark.parametrize("processes", [1, 2])
def test_progress_counts_every_item_once(processes: int) -> None:
    seen: list[int] = []
    run_all(range(60), square_with_pid, threads=3, processes=processes, on_progress=seen.append)
    assert seen and seen[-1] == 60
    assert seen == sorted(seen)


@needs_fork
def test_the_thread_bound_holds_across_all_processes(tmp_path) -> None:
    running = tmp_path / "running"

    def one_at_a_time_per_slot(item: int) -> int:
        with running.open("a") as log:  # O_APPEND lines from every process, in time order
            log.write("+\n")
        time.sleep(0.02)
        with running.open("a") as log:
            log.write("-\n")
        return item

    assert run_all(range(24), one_at_a_time_per_slot, threads=2, processes=4) == list(range(24))
    in_flight = peak = 0
    for mark in running.read_text().split():
        in_flight += 1 if mark == "+" else -1
        peak = max(peak, in_flight)
    assert peak <= 2  # 4 processes were asked for, but only 2 repos may be read at once


def test_worker_count_is_capped_by_items_and_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_workers, "fork_available", lambda: True)
    monkeypatch.setattr(plan_workers, "usable_cores", lambda: 4)
    assert plan_workers.worker_count(None, 1000, threads=8) == 4
    assert plan_workers.worker_count(6, 1000, threads=2) == 2
    assert plan_workers.worker_count(6, 3, threads=8) == 3
    assert plan_workers.worker_count(None, 50, threads=8) == 1
    monkeypatch.setattr(plan_workers, "fork_available", lambda: False)
    assert plan_workers.worker_count(6, 1000, threads=8) == 1
