"""The result store: entries per key, copied logs, atomic writes under concurrent writers."""

from __future__ import annotations

import json
import multiprocessing
from dataclasses import replace
from pathlib import Path

from hfeval.evals.runs import EvalRun
from hfeval.evals.store import ResultStore

RUN = EvalRun(
    model_repo="acme/aurora",
    model_sha="a" * 40,
    model_revision="c" * 64,
    model="mockllm/model",
    task="evals/arith.py@arith",
    task_ref="/x/evals/arith.py@arith",
    task_version="f" * 64,
    inspect_version="0.3.285",
)


def test_submitted_then_done_keeps_job_id_and_copies_the_log(tmp_path: Path) -> None:
    store = ResultStore(tmp_path / "store")
    assert store.get(RUN.key) is None
    store.record_submitted(RUN, job_id="job-1", job_url="https://hub/jobs/acme/job-1")
    submitted = store.get(RUN.key)
    assert submitted is not None and submitted.state == "submitted"
    assert submitted.job_id == "job-1"
    log = tmp_path / "run.eval"
    log.write_bytes(b"zip-bytes")
    done = store.record_done(RUN, log, log_url="https://hub/datasets/acme/logs/x.eval")
    assert done.state == "done" and done.job_id == "job-1"
    assert done.created_at == submitted.created_at
    path = store.log_path(done)
    assert path is not None and path.read_bytes() == b"zip-bytes"
    assert store.get(RUN.key) == done
    assert not list((tmp_path / "store" / RUN.key).glob("*.tmp"))


def test_failed_entries_keep_the_error(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    failed = store.record_failed(RUN, "RuntimeError: boom")
    assert failed.state == "failed" and failed.error == "RuntimeError: boom"
    assert store.log_path(failed) is None


def test_a_corrupt_entry_reads_as_missing(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    (tmp_path / RUN.key).mkdir()
    (tmp_path / RUN.key / "entry.json").write_text("{half", encoding="utf-8")
    assert store.get(RUN.key) is None


def test_store_location(tmp_path: Path) -> None:
    env = {"HFEVAL_CACHE_DIR": str(tmp_path / "cache")}
    assert ResultStore.for_project(None, tmp_path, env).root == tmp_path / "cache" / "evals"
    assert ResultStore.for_project("runs", tmp_path, env).root == tmp_path / "runs"


def _writer(root: str, index: int, rounds: int) -> None:
    store = ResultStore(Path(root))
    log = Path(root) / f"src-{index}.json"
    log.write_text(json.dumps({"writer": index, "pad": "x" * 20000}), encoding="utf-8")
    for _ in range(rounds):
        with store.lock(RUN.key):
            store.record_done(RUN, log, job_id=f"job-{index}")


def test_concurrent_writers_leave_one_whole_entry(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_writer, args=(str(tmp_path), i, 20)) for i in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    store = ResultStore(tmp_path)
    entry = store.get(RUN.key)
    assert entry is not None and entry.state == "done"
    path = store.log_path(entry)
    assert path is not None
    logged = json.loads(path.read_text(encoding="utf-8"))  # whole, never interleaved
    assert entry.job_id == f"job-{logged['writer']}"
    assert not list((tmp_path / RUN.key).glob("*.tmp"))


def test_distinct_runs_have_distinct_entries(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    other = replace(RUN, limit=5)
    store.record_failed(RUN, "x")
    store.record_submitted(other, job_id="j")
    assert {p.name for p in tmp_path.iterdir() if p.is_dir()} == {RUN.key, other.key}
