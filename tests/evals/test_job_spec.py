"""What the hf-jobs runner submits: the exact job for inspect_evals/gsm8k, local task files,
log paths, timeouts. Pure; tests/evals/test_hf_jobs.py runs jobs on the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hfeval.errors import EvalError
from hfeval.evals.job_spec import (
    MAX_TASK_FILE_BYTES,
    build_job_spec,
    job_script_source,
    log_path_in_repo,
    timeout_seconds,
)
from hfeval.evals.runs import EvalRun, JobsSettings, Versions, plan_runs

JOBS = JobsSettings(flavor="a10g-small", timeout="2h", results_repo="acme/eval-logs")


def _run(
    task: str = "inspect_evals/gsm8k", jobs: JobsSettings = JOBS, **options: object
) -> EvalRun:
    (run,) = plan_runs(
        tasks=(task,),
        model="hf-inference-providers/acme/aurora-7b-instruct",
        model_repo="acme/aurora-7b-instruct",
        model_sha="a" * 40,
        model_revision="c" * 64,
        spec_dir=Path("/specs"),
        versions=Versions(inspect_ai="0.3.285", inspect_evals="0.26.0"),
        task_file_hashes={"evals/arith.py@arith": "f" * 64},
        runner="hf-jobs",
        jobs=jobs,
        **options,  # type: ignore[arg-type]
    )
    return run


def test_the_job_for_gsm8k() -> None:
    run = _run(limit=100, generate={"temperature": 0, "max_tokens": 1024})
    spec = build_job_spec(run, model_args={}, task_source=None, endpoint="https://huggingface.co")
    assert spec.image == "ghcr.io/astral-sh/uv:python3.12-bookworm"
    assert (spec.flavor, spec.timeout) == ("a10g-small", "2h")
    assert spec.labels == {"hfeval": "1", "hfeval-key": run.key}
    assert spec.name == f"hfeval-gsm8k-{run.key[:8]}"
    assert spec.env == {"PYTHONUNBUFFERED": "1"}  # no token, no endpoint override
    config = {
        "task": "inspect_evals/gsm8k",
        "task_file": None,
        "model": "hf-inference-providers/acme/aurora-7b-instruct",
        "model_args": {},
        "task_args": {},
        "limit": 100,
        "epochs": None,
        "generate": {"max_tokens": 1024, "temperature": 0},
        "results_repo": "acme/eval-logs",
        "path_in_repo": f"acme/aurora-7b-instruct/{run.key}/gsm8k.eval",
        "run_key": run.key,
    }
    assert spec.command == [
        "uv", "run", "--no-project",
        "--with", "inspect-ai==0.3.285",
        "--with", "inspect-evals==0.26.0",
        "--with", "openai",
        "--with", "huggingface_hub",
        "python", "-c", job_script_source(),
        json.dumps(config, sort_keys=True, separators=(",", ":")),
    ]  # fmt: skip
    assert spec.config == config
    assert "def main(argv" in spec.command[-2]


def test_a_local_task_travels_with_the_job_and_a_custom_endpoint_is_passed(tmp_path: Path) -> None:
    run = _run("evals/arith.py@arith", JobsSettings(results_repo="acme/logs", image="my/image"))
    spec = build_job_spec(
        run, model_args={"x": 1}, task_source="# task\n", endpoint="http://127.0.0.1:9"
    )
    assert spec.image == "my/image"
    assert (spec.flavor, spec.timeout) == ("cpu-basic", None)
    assert spec.config["task_file"] == {"name": "arith.py", "source": "# task\n"}
    assert spec.config["model_args"] == {"x": 1}
    assert "inspect-evals" not in " ".join(spec.command)
    assert spec.env["HF_ENDPOINT"] == "http://127.0.0.1:9"
    assert log_path_in_repo(run) == f"acme/aurora-7b-instruct/{run.key}/arith.eval"


def test_what_cannot_be_submitted() -> None:
    with pytest.raises(EvalError, match="results_repo"):
        build_job_spec(_run(jobs=JobsSettings()), model_args={}, task_source=None, endpoint="x")
    big = "#" * (MAX_TASK_FILE_BYTES + 1)
    with pytest.raises(EvalError, match="too large"):
        build_job_spec(_run("evals/arith.py@arith"), model_args={}, task_source=big, endpoint="x")
    with pytest.raises(EvalError, match="invalid jobs timeout"):
        build_job_spec(
            _run(jobs=JobsSettings(results_repo="a/b", timeout="two hours")),
            model_args={},
            task_source=None,
            endpoint="x",
        )


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("300", 300.0), ("90m", 5400.0), ("2h", 7200.0), ("1d", 86400.0), (None, None)],
)
def test_timeout_seconds(text: str | None, seconds: float | None) -> None:
    assert timeout_seconds(text) == seconds


def test_dry_run_shows_the_job_as_an_hf_jobs_command() -> None:
    from huggingface_hub import HfApi

    from hfeval.evals.hf_jobs import HfJobsRunner

    run = _run(limit=100)
    text = HfJobsRunner(api=HfApi(endpoint="https://huggingface.co")).describe(run)
    assert text.startswith(
        "hf jobs run --flavor a10g-small --timeout 2h "
        f"--name hfeval-gsm8k-{run.key[:8]} -l hfeval=1 -l hfeval-key={run.key} "
        "-e PYTHONUNBUFFERED=1 -s HF_TOKEN ghcr.io/astral-sh/uv:python3.12-bookworm "
        "uv run --no-project --with inspect-ai==0.3.285 --with inspect-evals==0.26.0 "
        "--with openai --with huggingface_hub python -c '<hfeval/evals/job_script.py>' '{"
    )
    assert '"limit":100' in text and '"path_in_repo":"acme/aurora-7b-instruct/' in text
    local = HfJobsRunner(api=HfApi()).describe(_run("evals/arith.py@arith"))
    assert '"source":"<text of /specs/evals/arith.py>"' in local


def test_eval_endpoint_reaches_the_jobs_runner() -> None:
    from hfeval.evals.hf_jobs import HfJobsRunner
    from hfeval.evals.runner import make_runner

    runner = make_runner("hf-jobs", parallelism=1, endpoint="http://127.0.0.1:9/")
    assert isinstance(runner, HfJobsRunner)
    assert runner.api.endpoint == "http://127.0.0.1:9"
