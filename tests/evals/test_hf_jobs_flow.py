"""The whole hf-jobs path through the CLI on the sandbox: spec -> `hfeval eval` submits a Job ->
the job (run locally by the sandbox) uploads its inspect log to a dataset repo -> the log is
collected -> `plan` shows it with its Hub URL -> `apply` publishes it. And a failed job: its
status and log tail are reported, and nothing is published."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import test_eval_flow as eval_flow

from hfeval.card import parse_card
from hfeval.evals.store import ResultStore
from hfeval.hub import Hub
from hfeval.sandbox import Sandbox

SANDBOX_USER = "sandbox-user"
_numbers = itertools.count(1)
# The local-runner flow's CLI runner and spec-repo fixture (cwd and a private cache dir).
run = eval_flow.run
project = eval_flow.project

FAILING_TASK = """
from inspect_ai import Task, task
from inspect_ai.dataset import Sample
from inspect_ai.scorer import match
from inspect_ai.solver import generate


@task
def arith() -> Task:
    raise RuntimeError("the dataset is unavailable")
"""


def write_spec(root: Path, repo_id: str, task_text: str | None = None) -> str:
    """The local flow's spec repo (arith on mockllm, 4 of 5 right) run as HF Jobs, with another
    task file text if given; returns the results repo id."""
    results_repo = f"{SANDBOX_USER}/eval-logs-flow-{next(_numbers)}"
    jobs = {"flavor": "cpu-basic", "timeout": "10m", "results_repo": results_repo}
    eval_flow.write_spec(root, repo_id, runner="hf-jobs", jobs=jobs)
    if task_text is not None:
        (root / "specs" / "tasks" / "arith.py").write_text(task_text, encoding="utf-8")
    return results_repo


def test_eval_on_jobs_then_plan_then_apply(
    project: Path, hub_repo: Callable[..., str], sandbox: Sandbox
) -> None:
    repo_id = hub_repo()
    results_repo = write_spec(project, repo_id)

    code, output = run("plan", "specs", "--no-color")
    assert code == 0, output
    assert "would run hf-jobs cpu-basic" in output

    code, output = run("eval", "specs", "--dry-run")
    assert code == 0, output
    assert "hf jobs run --flavor cpu-basic --timeout 10m" in output
    assert "-s HF_TOKEN" in output and os.environ["HF_TOKEN"] not in output
    created_before = len(sandbox.jobs.created)

    code, output = run("eval", "specs")
    assert code == 0, output
    assert "Evaluations: 1 done, 0 failed." in output
    assert os.environ["HF_TOKEN"] not in output
    (created,) = sandbox.jobs.created[created_before:]
    store = ResultStore(project / "cache" / "evals")
    (key,) = [p.name for p in store.root.iterdir() if p.is_dir()]
    entry = store.get(key)
    assert entry is not None and entry.state == "done" and entry.job_id == created["id"]
    log_path = f"{repo_id}/{key}/arith.eval"
    assert log_path in sandbox.store.read_files(results_repo, repo_type="dataset")
    assert entry.log_url is not None and entry.log_url.endswith(log_path)
    assert entry.log_url.startswith(f"{sandbox.url}/datasets/{results_repo}/blob/")

    code, output = run("plan", "specs", "--json", "--no-save", stdout_only=True)
    assert code == 0, output
    change = json.loads(output)["changes"][0]
    (evaluation,) = change["evaluations"]
    assert evaluation["state"] == "done" and evaluation["published"] is True
    assert evaluation["job_id"] == created["id"]
    # arith is no registry benchmark, so it goes to model-index only (eval-results need an id).
    (metric,) = change["metrics"]
    assert (metric["key"]["target"], metric["after"]) == ("model-index", 80.0)
    assert metric["provenance"]["url"] == entry.log_url
    assert metric["provenance"]["details"]["job_id"] == created["id"]

    code, output = run("eval", "specs")
    assert code == 0 and "No evaluations pending (1 stored)." in output
    assert len(sandbox.jobs.created) == created_before + 1  # nothing submitted again

    code, output = run("plan", "specs", "--no-color")
    assert code == 0, output
    code, output = run("apply")
    assert code == 0, output
    hub = Hub()
    card = parse_card(hub.read_file(repo_id, "README.md").text or "", where="README.md")
    (result,) = card.get("model-index")[0]["results"]
    assert result["metrics"][0]["value"] == 80.0
    # model-index names the logs' dataset (at hfeval.yaml's public_url); the plan keeps the file.
    assert result["source"] == {
        "name": "inspect-ai",
        "url": f"https://huggingface.co/datasets/{results_repo}",
    }
    code, output = run("plan", "specs", "--no-color")
    assert code == 0 and "No changes." in output


def test_a_failed_job_is_reported_and_nothing_is_published(
    project: Path, hub_repo: Callable[..., str], sandbox: Sandbox
) -> None:
    repo_id = hub_repo()
    results_repo = write_spec(project, repo_id, FAILING_TASK)
    readme_before = sandbox.store.read_files(repo_id)["README.md"]

    code, output = run("eval", "specs")
    assert code == 1, output
    assert "Evaluations: 0 done, 1 failed." in output
    assert "ERROR: Job failed with exit code 1" in output
    assert "RuntimeError: the dataset is unavailable" in output  # from the job's log tail
    files = sandbox.store.read_files(results_repo, repo_type="dataset")
    assert not [path for path in files if path.endswith(".eval")]
    store = ResultStore(project / "cache" / "evals")
    (key,) = [p.name for p in store.root.iterdir() if p.is_dir()]
    entry = store.get(key)
    assert entry is not None and entry.state == "failed" and entry.job_id is not None
    assert entry.error == f"HF Job {entry.job_id} ERROR: Job failed with exit code 1"
    assert entry.error in output

    code, output = run("plan", "specs", "--json", "--no-save", stdout_only=True)
    assert code == 0, output
    change = json.loads(output)["changes"][0]
    (evaluation,) = change["evaluations"]
    assert evaluation["state"] == "failed" and evaluation["published"] is False
    assert not change["metrics"]
    code, output = run("plan", "specs", "--no-color")
    assert code == 0, output
    assert f"failed: {entry.error}  # nothing published" in output
    assert "No changes." in output and "1 evaluation not published" in output
    assert sandbox.store.read_files(repo_id)["README.md"] == readme_before
    assert not [path for path in sandbox.store.read_files(repo_id) if ".eval_results" in path]


def test_ctrl_c_then_eval_again_re_attaches_to_the_job(
    project: Path, hub_repo: Callable[..., str], sandbox: Sandbox
) -> None:
    repo_id = hub_repo()
    write_spec(project, repo_id)
    env = {**os.environ, "HFEVAL_CACHE_DIR": str(project / "cache"), "HF_ENDPOINT": sandbox.url}
    command = [sys.executable, "-c", "import sys; from hfeval.cli import main; sys.exit(main())"]
    created_before = len(sandbox.jobs.created)
    process = subprocess.Popen(
        [*command, "eval", "specs"], cwd=project, env=env, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:  # the line display (stderr is not a terminal)
        seen.append(line)
        if "submitted job" in line:
            break
    assert any("submitted job" in line for line in seen), "".join(seen)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) != 0  # stopped waiting promptly, without finishing
    assert "keeps running: `hfeval eval` collects it" in process.stderr.read()
    process.stderr.close()
    (created,) = sandbox.jobs.created[created_before:]
    store = ResultStore(project / "cache" / "evals")
    (key,) = [p.name for p in store.root.iterdir() if p.is_dir()]
    entry = store.get(key)
    assert entry is not None and (entry.state, entry.job_id) == ("submitted", created["id"])

    code, output = run("eval", "specs")
    assert code == 0, output
    assert f"re-attached to job {created['id']}" in output
    assert "Evaluations: 1 done, 0 failed." in output
    assert len(sandbox.jobs.created) == created_before + 1  # no second job
