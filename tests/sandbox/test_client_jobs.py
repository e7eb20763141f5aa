"""HF Jobs on the sandbox through the real huggingface_hub client: create, stages, logs, cancel,
list, timeouts and secrets. Jobs run their command locally (sandbox/jobs_run.py)."""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from huggingface_hub import HfApi
from huggingface_hub.errors import HfHubHTTPError, JobNotFoundError

from hfeval.sandbox import Sandbox, SandboxConfig, SandboxUser, start_sandbox
from hfeval.sandbox.jobs_run import JobSettings

SANDBOX_USER, SANDBOX_ORG = "sandbox-user", "sandbox-org"  # tests/conftest.py's accounts
OTHER_USER_TOKEN = "hf_other_user_token_not_secret"

SECRET = "hf_secret_value_for_jobs_test"


@pytest.fixture
def api(sandbox: Sandbox) -> HfApi:
    return HfApi()


def python_job(api: HfApi, code: str, **kwargs: object) -> str:
    job = api.run_job(image="python:3.12", command=["python", "-c", code], **kwargs)  # type: ignore[arg-type]
    return job.id


def wait(api: HfApi, job_id: str, timeout: float = 30) -> str:
    return str(api.wait_for_job(job_id, timeout=timeout, poll_interval=0.05).status.stage)


def test_run_job_runs_the_command_and_logs_its_output(api: HfApi, sandbox: Sandbox) -> None:
    job = api.run_job(
        image="python:3.12",
        command=["python", "-c", "import os; print('hello', os.environ['GREETING'])"],
        env={"GREETING": "world"},
        flavor="cpu-upgrade",
        timeout="5m",
        labels={"team": "evals"},
    )
    assert job.status.stage in ("SCHEDULING", "RUNNING", "COMPLETED")
    assert job.owner.name == SANDBOX_USER
    assert job.url == f"{sandbox.url}/jobs/{SANDBOX_USER}/{job.id}"
    assert wait(api, job.id) == "COMPLETED"
    info = api.inspect_job(job_id=job.id)
    assert (info.docker_image, info.flavor, info.environment) == (
        "python:3.12",
        "cpu-upgrade",
        {"GREETING": "world"},
    )
    assert info.labels is not None and info.labels["team"] == "evals"
    assert info.started_at is not None and info.finished_at is not None
    # The client drops the "===== Job started" banner, which the sandbox sends first.
    assert list(api.fetch_job_logs(job_id=job.id)) == ["hello world"]
    recorded = sandbox.jobs.created[-1]
    assert (recorded["id"], recorded["timeoutSeconds"]) == (job.id, 300)


def test_the_job_sees_its_secrets_but_nobody_else_does(api: HfApi, sandbox: Sandbox) -> None:
    code = (
        "import os; t = os.environ['HF_TOKEN']; print('token length', len(t)); print(t);"
        "print('job', os.environ['JOB_ID'], os.environ['ACCELERATOR'])"
    )
    job_id = python_job(api, code, secrets={"HF_TOKEN": SECRET}, flavor="a10g-small")
    assert wait(api, job_id) == "COMPLETED"
    info = api.inspect_job(job_id=job_id)
    assert info.secrets == {"HF_TOKEN": None}
    logs = list(api.fetch_job_logs(job_id=job_id))
    assert logs == [f"token length {len(SECRET)}", "***", f"job {job_id} a10g-small"]
    assert sandbox.jobs.get(SANDBOX_USER, job_id).masked_secrets == 1  # type: ignore[union-attr]
    raw = httpx.get(
        f"{sandbox.url}/api/jobs/{SANDBOX_USER}/{job_id}",
        headers={"Authorization": "Bearer x"},
    ).text + str(sandbox.jobs.created)
    assert SECRET not in raw
    digest = "sha256:" + hashlib.sha256(SECRET.encode()).hexdigest()
    assert sandbox.jobs.created[-1]["secrets"] == {"HF_TOKEN": digest}


def test_the_job_environment_is_clean(api: HfApi) -> None:
    # The test process's HF_TOKEN must not leak into a job that was not given it as a secret.
    code = "import os; print(sorted(k for k in os.environ if k.startswith('HF_')))"
    job_id = python_job(api, code)
    assert wait(api, job_id) == "COMPLETED"
    assert list(api.fetch_job_logs(job_id=job_id)) == [
        "['HF_ENDPOINT', 'HF_HOME', 'HF_HUB_DISABLE_TELEMETRY']"
    ]


def test_a_failing_command_ends_in_error_with_its_log(api: HfApi) -> None:
    code = "import sys; print('step 1'); print('boom', file=sys.stderr); sys.exit(3)"
    job_id = python_job(api, code)
    assert wait(api, job_id) == "ERROR"
    info = api.inspect_job(job_id=job_id)
    assert info.status.message == "Job failed with exit code 3"
    assert list(api.fetch_job_logs(job_id=job_id)) == ["step 1", "boom"]
    assert list(api.fetch_job_logs(job_id=job_id, tail=1)) == ["boom"]


def test_a_job_past_its_timeout_is_stopped(api: HfApi) -> None:
    job_id = python_job(api, "import time; print('start'); time.sleep(60)", timeout=1)
    started = time.monotonic()
    assert wait(api, job_id) == "ERROR"
    assert time.monotonic() - started < 20
    assert api.inspect_job(job_id=job_id).status.message == "Job timed out after 1 seconds"


def test_cancel_kills_the_process_group(api: HfApi, tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    code = (
        "import subprocess, sys, time;"
        f"child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)']);"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid)); print('ready', flush=True);"
        "time.sleep(120)"
    )
    job_id = python_job(api, code)
    deadline = time.monotonic() + 20
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the job never started its child"
        time.sleep(0.05)
    assert api.inspect_job(job_id=job_id).status.stage == "RUNNING"
    api.cancel_job(job_id=job_id)
    assert wait(api, job_id) == "CANCELED"
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while _alive(child):
        assert time.monotonic() < deadline, "the job's child survived the cancel"
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child of the job's process lingers as a zombie until reaped; that counts as dead.
    status = Path(f"/proc/{pid}/status")
    return not status.exists() or "zombie" not in status.read_text()


def test_list_jobs_filters_by_label_and_stage(api: HfApi) -> None:
    marker = f"run-{time.monotonic_ns()}"
    done = python_job(api, "print(1)", labels={"hfeval": "1", "hfeval-key": marker})
    failed = python_job(api, "raise SystemExit(1)", labels={"hfeval": "1", "hfeval-key": marker})
    other = python_job(api, "print(2)", labels={"hfeval": "1", "hfeval-key": "other"})
    for job_id in (done, failed, other):
        wait(api, job_id)
    mine = [job.id for job in api.list_jobs(labels={"hfeval": "1", "hfeval-key": marker})]
    assert mine == [done, failed]
    errors = api.list_jobs(labels={"hfeval-key": marker}, status="ERROR")
    assert [job.id for job in errors] == [failed]
    assert other in [job.id for job in api.list_jobs(labels={"hfeval": "1"})]


def test_follow_streams_until_the_job_ends(api: HfApi) -> None:
    code = "import time; print('first', flush=True); time.sleep(1.5); print('second')"
    job_id = python_job(api, code)
    assert list(api.fetch_job_logs(job_id=job_id, follow=True)) == ["first", "second"]
    assert api.inspect_job(job_id=job_id).status.stage == "COMPLETED"


def test_jobs_in_an_org_namespace_and_access_rules(api: HfApi, sandbox: Sandbox) -> None:
    job = api.run_job(image="python:3.12", command=["python", "-c", "1"], namespace=SANDBOX_ORG)
    assert api.inspect_job(job_id=job.id, namespace=SANDBOX_ORG).id == job.id
    with pytest.raises(JobNotFoundError):
        api.inspect_job(job_id=job.id)  # it is in the org, not the user's namespace
    with pytest.raises(JobNotFoundError):
        api.inspect_job(job_id="0" * 24)
    with pytest.raises(HfHubHTTPError) as caught:
        api.list_jobs(namespace=SANDBOX_USER, token=OTHER_USER_TOKEN).__iter__().__next__()
    assert caught.value.response.status_code == 403
    with pytest.raises(HfHubHTTPError) as caught:
        api.run_job(image="python:3.12", command=[], namespace=SANDBOX_USER)
    assert caught.value.response.status_code == 400


@pytest.fixture
def slow_hub(tmp_path: Path) -> Iterator[Sandbox]:
    settings = JobSettings(interpreters={"python:3.12": sys.executable}, scheduling_delay=1.0)
    hub = start_sandbox(
        tmp_path, config=SandboxConfig(user=SandboxUser(SANDBOX_USER), jobs=settings)
    )
    yield hub
    hub.stop()


def test_stages_go_from_scheduling_to_running_to_completed(slow_hub: Sandbox) -> None:
    api = HfApi(endpoint=slow_hub.url)
    job = api.run_job(image="python:3.12", command=["python", "-c", "import time; time.sleep(1)"])
    seen = [job.status.stage]
    while seen[-1] not in ("COMPLETED", "ERROR"):
        time.sleep(0.05)
        stage = api.inspect_job(job_id=job.id).status.stage
        if stage != seen[-1]:
            seen.append(stage)
    assert seen == ["SCHEDULING", "RUNNING", "COMPLETED"]
    # Cancelling while scheduled never starts the process.
    queued = api.run_job(image="python:3.12", command=["python", "-c", "print('ran')"])
    api.cancel_job(job_id=queued.id)
    assert api.inspect_job(job_id=queued.id).status.stage == "CANCELED"
    slow_hub.jobs.wait(queued.id)
    assert list(api.fetch_job_logs(job_id=queued.id)) == []
    # An image with no local stand-in fails as the Hub fails an image it cannot pull.
    unknown = api.run_job(image="ubuntu", command=["python", "-c", "1"])
    slow_hub.jobs.wait(unknown.id)
    info = api.inspect_job(job_id=unknown.id)
    assert (info.status.stage, info.status.message) == (
        "ERROR",
        "no local interpreter stands in for image 'ubuntu'",
    )


def test_logs_of_a_running_job_are_live(api: HfApi, sandbox: Sandbox) -> None:
    code = (
        "import time; print('a'); print('b', flush=True); time.sleep(1.5); print('c', flush=True);"
        "time.sleep(1)"
    )
    job_id = python_job(api, code)
    job = sandbox.jobs.get(SANDBOX_USER, job_id)
    assert job is not None
    deadline = time.monotonic() + 20
    while len(job.log) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    # Not following: what is there now; the stream stays open, and the client stops at the first
    # line newer than the response (or after a silence).
    assert list(api.fetch_job_logs(job_id=job_id)) == ["a", "b"]
    # Following from the tail: the last line so far, then the rest until the job ends.
    assert list(api.fetch_job_logs(job_id=job_id, tail=1, follow=True)) in (["b", "c"], ["c"])
    assert wait(api, job_id) == "COMPLETED"
