"""The hf-jobs runner against the sandbox Hub, whose jobs run locally: the in-job script runs a
small inspect task with mockllm, uploads its log to a dataset repo, and the runner collects it.
Also: an interrupted run that resumes without a second job, a store that lost
its entries, a job that outlives hfeval's patience, and the token staying a secret."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from huggingface_hub import HfApi

from hfeval.evals import hf_jobs
from hfeval.evals.hf_jobs import HfJobsRunner
from hfeval.evals.job_spec import log_path_in_repo
from hfeval.evals.runner import RunOutcome
from hfeval.evals.runs import EvalRun, JobsSettings, Versions, plan_runs
from hfeval.evals.store import ResultStore
from hfeval.sandbox import Sandbox

FIXTURES = Path(__file__).parent / "fixtures"
SANDBOX_USER = "sandbox-user"  # tests/conftest.py's account
TOKEN = os.environ["HF_TOKEN"]
_numbers = itertools.count(1)


class Recorder:
    """A Progress that keeps every call; `interrupt_on` raises Ctrl-C on a matching message."""

    def __init__(self, interrupt_on: str | None = None) -> None:
        self.messages: list[str] = []
        self.samples_seen: list[tuple[int, int | None]] = []
        self.outcomes: list[RunOutcome] = []
        self.interrupt_on = interrupt_on
        self.lock = threading.Lock()

    def started(self, run: EvalRun, *, total_samples: int | None) -> None:
        return None

    def samples(self, run: EvalRun, *, completed: int, total: int | None) -> None:
        with self.lock:
            self.samples_seen.append((completed, total))

    def message(self, run: EvalRun, text: str) -> None:
        with self.lock:
            self.messages.append(text)
        if self.interrupt_on is not None and text.startswith(self.interrupt_on):
            raise KeyboardInterrupt

    def finished(self, outcome: RunOutcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


def _runs(
    spec_dir: Path, *tasks: str, limit: int | None = None, timeout: str | None = None
) -> list[EvalRun]:
    number = next(_numbers)
    return plan_runs(
        tasks=tasks,
        model="mockllm/model",
        model_repo=f"acme/tiny-{number}",
        model_sha="a" * 40,
        model_revision=f"{number:064d}",
        spec_dir=spec_dir,
        versions=Versions(inspect_ai="0.3.285", inspect_evals=None),
        task_file_hashes={task: "f" * 64 for task in tasks},
        limit=limit,
        model_args={"custom_outputs": ["4", "7", "7", "41", "19"]},
        runner="hf-jobs",
        jobs=JobsSettings(results_repo=f"{SANDBOX_USER}/eval-logs-{number}", timeout=timeout),
    )


def _repo(run: EvalRun) -> str:
    assert run.jobs is not None and run.jobs.results_repo is not None
    return run.jobs.results_repo


def _created(sandbox: Sandbox, run: EvalRun) -> list[dict[str, Any]]:
    """The create requests the sandbox saw for `run` (by its hfeval-key label)."""
    return [job for job in sandbox.jobs.created if job["labels"].get("hfeval-key") == run.key]


@pytest.fixture
def store(tmp_path: Path) -> ResultStore:
    return ResultStore(tmp_path / "store")


def runner() -> HfJobsRunner:
    return HfJobsRunner(parallelism=2, poll_interval=0.05)


def test_jobs_run_upload_and_are_collected(
    sandbox: Sandbox, store: ResultStore, capfd: pytest.CaptureFixture[str]
) -> None:
    (full,) = _runs(FIXTURES, "arith.py@arith")
    (partial,) = _runs(FIXTURES, "arith.py@arith", limit=2)
    progress = Recorder()
    outcomes = runner().run([full, partial], store, progress)
    assert [(o.state, o.error) for o in outcomes] == [("done", None), ("done", None)], outcomes
    for run in (full, partial):
        entry = store.get(run.key)
        assert entry is not None and entry.state == "done"
        repo = _repo(run)
        path = log_path_in_repo(run)
        assert entry.log_url is not None
        assert entry.log_url.startswith(f"{sandbox.url}/datasets/{repo}/blob/")
        assert entry.log_url.endswith(f"/{path}")
        (created,) = _created(sandbox, run)
        assert entry.job_id == created["id"]
        assert path in sandbox.store.read_files(repo, repo_type="dataset")
        from inspect_ai.log import read_eval_log

        log = read_eval_log(str(store.log_path(entry)))
        assert log.status == "success"
        assert log.eval.metadata == {"hfeval_run_key": run.key, "job_id": entry.job_id}
        job = sandbox.jobs.get(SANDBOX_USER, entry.job_id)  # type: ignore[arg-type]
        assert job is not None and job.masked_secrets == 0  # the job never printed its token
    assert "submitted job" in " ".join(progress.messages)
    # inspect's sample counter (printed as the run goes, so its counts vary) gives the totals.
    assert {total for _, total in progress.samples_seen} == {5, 2}
    assert "" not in progress.messages
    assert any(m.startswith("hfeval-job: uploaded") for m in progress.messages)
    # The token went as a secret, and only there.
    digest = "sha256:" + hashlib.sha256(TOKEN.encode()).hexdigest()
    for created in _created(sandbox, full) + _created(sandbox, partial):
        assert created["secrets"] == {"HF_TOKEN": digest}
        visible = json.dumps({k: v for k, v in created.items() if k != "secrets"})
        assert TOKEN not in visible
    captured = capfd.readouterr()
    assert TOKEN not in captured.out + captured.err
    assert TOKEN not in "\n".join(progress.messages)


def test_an_interrupted_eval_resumes_without_a_second_job(
    sandbox: Sandbox, store: ResultStore
) -> None:
    (run,) = _runs(FIXTURES, "arith.py@arith")
    with pytest.raises(KeyboardInterrupt):
        runner().run([run], store, Recorder(interrupt_on="submitted job"))
    (created,) = _created(sandbox, run)
    entry = store.get(run.key)
    assert entry is not None and (entry.state, entry.job_id) == ("submitted", created["id"])

    progress = Recorder()
    (outcome,) = runner().run([run], store, progress)
    assert outcome.state == "done"
    assert progress.messages[0].startswith(f"re-attached to job {created['id']}")
    assert len(_created(sandbox, run)) == 1

    # A store that lost the entry finds the job again by its labels.
    shutil.rmtree(store.root)
    progress = Recorder()
    (outcome,) = runner().run([run], store, progress)
    assert outcome.state == "done"
    assert progress.messages[0] == f"re-attached to job {created['id']} (COMPLETED)"
    assert len(_created(sandbox, run)) == 1

    # A finished job whose log was deleted from the results repo is no result: it runs again.
    sandbox.store.commit_files(
        _repo(run), {}, deletions=[log_path_in_repo(run)], repo_type="dataset"
    )
    shutil.rmtree(store.root)
    (outcome,) = runner().run([run], store, Recorder())
    assert outcome.state == "done"
    assert len(_created(sandbox, run)) == 2


def test_a_log_already_in_the_results_repo_is_collected_without_a_job(
    sandbox: Sandbox, store: ResultStore
) -> None:
    (run,) = _runs(FIXTURES, "arith.py@arith")
    repo = _repo(run)
    HfApi().create_repo(repo, repo_type="dataset")
    sandbox.store.commit_files(repo, {log_path_in_repo(run): b"log bytes"}, repo_type="dataset")
    progress = Recorder()
    (outcome,) = runner().run([run], store, progress)
    assert outcome.state == "done"
    assert progress.messages[0] == "log already in the results repo"
    assert _created(sandbox, run) == []
    entry = store.get(run.key)
    assert entry is not None and entry.job_id is None
    assert store.log_path(entry).read_bytes() == b"log bytes"  # type: ignore[union-attr]


def test_a_job_that_outlives_the_wait_is_left_running_and_picked_up_later(
    sandbox: Sandbox, store: ResultStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    (run,) = _runs(FIXTURES, "arith.py@arith")
    monkeypatch.setattr(hf_jobs, "HUB_DEFAULT_TIMEOUT", 0.0)
    monkeypatch.setattr(hf_jobs, "SCHEDULING_GRACE", 0.0)
    (outcome,) = runner().run([run], store, Recorder())
    (created,) = _created(sandbox, run)
    assert outcome.state == "failed"
    assert outcome.error is not None and "left running" in outcome.error
    entry = store.get(run.key)
    assert entry is not None and (entry.state, entry.job_id) == ("submitted", created["id"])
    monkeypatch.undo()
    (outcome,) = runner().run([run], store, Recorder())
    assert outcome.state == "done"
    assert len(_created(sandbox, run)) == 1


def test_no_token_no_jobs(store: ResultStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from hfeval.errors import EvalError

    monkeypatch.setattr(hf_jobs, "get_token", lambda: None)
    (run,) = _runs(FIXTURES, "arith.py@arith")
    with pytest.raises(EvalError, match="need a Hugging Face token"):
        runner().run([run], store, Recorder())


def test_a_refused_submission_fails_its_run_and_spares_the_others(
    sandbox: Sandbox, store: ResultStore
) -> None:
    (refused,) = _runs(FIXTURES, "arith.py@arith")
    (accepted,) = _runs(FIXTURES, "arith.py@arith", limit=1)
    sandbox.faults.add(
        method="POST",
        path_prefix=f"/api/jobs/{SANDBOX_USER}",
        status=402,
        body='{"error": "Jobs need a payment method"}',
        times=1,
    )
    progress = Recorder()
    outcomes = HfJobsRunner(parallelism=1, poll_interval=0.05).run(
        [refused, accepted], store, progress
    )
    assert [o.state for o in outcomes] == ["failed", "done"]
    assert outcomes[0].error == (
        f"HF Jobs in {SANDBOX_USER}: Hub request failed (402): Jobs need a payment method"
    )
    assert store.get(refused.key) is None  # nothing was submitted: the next eval tries again
    assert _created(sandbox, refused) == []
