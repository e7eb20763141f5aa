"""What the `hf-jobs` runner submits for one run: image, command, env, labels, log path. Pure.

Each job runs `job_script.py` (its source, as `python -c`) under `uv run --with` the pinned
inspect-ai (and inspect_evals for registry tasks), with one JSON argument saying what to run and
where to upload the log. The token is never part of this: it goes as the job's `HF_TOKEN`
*secret*, added by the runner at submission. Labels `hfeval=1` and `hfeval-key=<run key>` let a
later `hfeval eval` find jobs it submitted (`list_jobs(labels=...)`); the log's place in the
results repo, `<model repo>/<run key>/<task>.eval`, is fixed by the run key, so a finished log is
found again even without the job.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from hfeval.errors import EvalError
from hfeval.evals.runs import EvalRun, JobsSettings

DEFAULT_IMAGE = "ghcr.io/astral-sh/uv:python3.12-bookworm"
DEFAULT_ENDPOINT = "https://huggingface.co"
LABEL = "hfeval"
KEY_LABEL = "hfeval-key"
# Providers such as hf-inference-providers/ and openai-api/ need the openai package.
EXTRA_DEPENDENCIES = ("openai", "huggingface_hub")
# A local task file travels inside the command line; Linux caps one argument at 128 KiB.
MAX_TASK_FILE_BYTES = 64 * 1024
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class JobSpec:
    """The keyword arguments of `HfApi.run_job`, minus the secret token."""

    image: str
    command: list[str]
    env: dict[str, str]
    flavor: str
    timeout: str | None
    labels: dict[str, str]
    name: str
    config: dict[str, Any] = field(default_factory=dict)  # the script's JSON argument, for tests


def run_labels(key: str) -> dict[str, str]:
    return {LABEL: "1", KEY_LABEL: key}


def log_path_in_repo(run: EvalRun) -> str:
    """Where the run's log goes in the results repo: `<model repo>/<run key>/<task>.eval`."""
    return f"{run.model_repo}/{run.key}/{_safe(run.task_name)}.eval"


def job_settings(run: EvalRun) -> JobsSettings:
    if run.jobs is None or not run.jobs.results_repo:
        raise EvalError(
            f"{run.task} on {run.model_repo}: the hf-jobs runner needs jobs.results_repo",
            hint="add `jobs: {results_repo: <you>/eval-logs}` to the inspect source",
        )
    return run.jobs


def timeout_seconds(text: str | None) -> float | None:
    """`2h`, `90m`, `300` (seconds) as seconds, the forms `run_job` accepts."""
    if text is None:
        return None
    value = text.strip().lower()
    factor = _UNITS.get(value[-1:])
    number = value[:-1] if factor is not None else value
    try:
        return float(number) * (factor or 1)
    except ValueError:
        raise EvalError(
            f"invalid jobs timeout {text!r}", hint='use seconds or a unit, e.g. "90m" or "2h"'
        ) from None


def build_job_spec(
    run: EvalRun,
    *,
    model_args: Mapping[str, Any],
    task_source: str | None,
    endpoint: str,
) -> JobSpec:
    """The job for `run`. `model_args` as JSON-able data (mockllm outputs already dumped);
    `task_source` is the local task file's text (None for registry tasks)."""
    settings = job_settings(run)
    timeout_seconds(settings.timeout)  # refuse a bad timeout before anything is submitted
    config = {
        "task": run.task,
        "task_file": _task_file(run, task_source),
        "model": run.model,
        "model_args": dict(model_args),
        "task_args": dict(run.task_args),
        "limit": run.limit,
        "epochs": run.epochs,
        "generate": dict(run.generate),
        "results_repo": settings.results_repo,
        "path_in_repo": log_path_in_repo(run),
        "run_key": run.key,
    }
    env = {"PYTHONUNBUFFERED": "1"}
    if endpoint.rstrip("/") != DEFAULT_ENDPOINT:
        env["HF_ENDPOINT"] = endpoint  # a private Hub deployment (or the sandbox)
    command = [
        "uv",
        "run",
        "--no-project",
        *_with(run),
        "python",
        "-c",
        job_script_source(),
        json.dumps(config, sort_keys=True, separators=(",", ":")),
    ]
    return JobSpec(
        image=settings.image or DEFAULT_IMAGE,
        command=command,
        env=env,
        flavor=settings.flavor,
        timeout=settings.timeout,
        labels=run_labels(run.key),
        name=f"hfeval-{_safe(run.task_name).lower()}-{run.key[:8]}",
        config=config,
    )


def cli_command(spec: JobSpec) -> str:
    """The job as the equivalent `hf jobs run` command line: `-s HF_TOKEN` stands for the
    secret (the CLI reads it from the local login); the in-job script is shown by name."""
    script = job_script_source()
    words = ["hf", "jobs", "run", "--flavor", spec.flavor]
    if spec.timeout:
        words += ["--timeout", spec.timeout]
    words += ["--name", spec.name]
    words += [w for key, value in spec.labels.items() for w in ("-l", f"{key}={value}")]
    words += [w for key, value in spec.env.items() for w in ("-e", f"{key}={value}")]
    words += ["-s", "HF_TOKEN", spec.image]
    words += ["<hfeval/evals/job_script.py>" if w == script else w for w in spec.command]
    return shlex.join(words)


def task_file_path(run: EvalRun) -> Path:
    """A local task's file on this machine (its `task_ref` without `@name`)."""
    return Path(run.task_ref.rsplit("@", 1)[0] if "@" in run.task_ref else run.task_ref)


def job_script_source() -> str:
    """The in-job program (`job_script.py`, shipped in the package)."""
    return resources.files("hfeval.evals").joinpath("job_script.py").read_text(encoding="utf-8")


def _with(run: EvalRun) -> list[str]:
    inspect_ai = f"inspect-ai=={run.inspect_version}" if run.inspect_version else "inspect-ai"
    packages = [inspect_ai]
    if not run.is_local_task:
        version = run.task_version
        packages.append(f"inspect-evals=={version}" if version else "inspect-evals")
    packages += EXTRA_DEPENDENCIES
    return [word for package in packages for word in ("--with", package)]


def _task_file(run: EvalRun, source: str | None) -> dict[str, str] | None:
    if not run.is_local_task:
        return None
    if source is None:
        raise EvalError(f"{run.task}: the local task file's text is needed to run it as a job")
    if len(source.encode()) > MAX_TASK_FILE_BYTES:
        raise EvalError(
            f"{run.task}: the task file is too large to send with an HF Job "
            f"({len(source.encode()):,} bytes, at most {MAX_TASK_FILE_BYTES:,})",
            hint="publish the task in a package the job installs, or run it locally",
        )
    return {"name": task_file_path(run).name, "source": source}


def _safe(text: str) -> str:
    return _UNSAFE.sub("-", text).strip("-") or "task"
