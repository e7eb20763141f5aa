"""`EvalRun`: one (model, task) evaluation with everything that changes its number, and its key.

Pure. A run is built from a spec's `inspect:` entry plus the model repo's revision at plan time
(`plan_runs`). Its `key` hashes only what changes a score: the model repo and its content
revision, the provider string, the task and its version and arguments, sample limit, epochs,
model args, generation settings, and the inspect-ai and task package versions.

The model's revision enters the key as its *content* id (`Hub.model_revision`: every file but
README.md and .eval_results/), not its commit sha: hfeval's own apply commits to the README, and
that must not make every stored result stale. The commit sha is recorded with the run
(`model_sha`) for provenance. Where a run happens (local or HF Jobs) and absolute paths on this
machine are carried along but left out of the key, so moving the spec repo keeps stored results.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KEY_VERSION = 1
INSPECT_EVALS_PREFIX = "inspect_evals/"


@dataclass(frozen=True)
class JobsSettings:
    """Where an `hf-jobs` run goes: hardware flavor, timeout, the logs' dataset repo, image."""

    flavor: str = "cpu-basic"
    timeout: str | None = None
    results_repo: str | None = None
    image: str | None = None


@dataclass(frozen=True)
class EvalRun:
    """One evaluation to run (or already run). Frozen; `key` is its content hash.

    `task` is the name as the spec writes it (`inspect_evals/gsm8k`, `evals/arith.py@arith`);
    `task_ref` is what inspect-ai is given (an absolute file path for local tasks);
    `task_version` is the task package's version, or the sha256 of a local task file.
    """

    model_repo: str
    model_sha: str | None
    model_revision: str | None
    model: str
    task: str
    task_ref: str
    task_version: str | None
    inspect_version: str | None
    task_args: Mapping[str, Any] = field(default_factory=dict)
    limit: int | None = None
    epochs: int | None = None
    model_args: Mapping[str, Any] = field(default_factory=dict)
    generate: Mapping[str, Any] = field(default_factory=dict)
    runner: str = "local"
    jobs: JobsSettings | None = None

    def identity(self) -> dict[str, Any]:
        """The fields that change a number, as canonical JSON-able data."""
        return {
            "v": KEY_VERSION,
            "model_repo": self.model_repo,
            "model_revision": self.model_revision,
            "model": self.model,
            "task": self.task,
            "task_version": self.task_version,
            "task_args": dict(self.task_args),
            "limit": self.limit,
            "epochs": self.epochs,
            "model_args": dict(self.model_args),
            "generate": dict(self.generate),
            "inspect_version": self.inspect_version,
        }

    @property
    def key(self) -> str:
        """A stable content hash of `identity()` (24 hex digits)."""
        canonical = json.dumps(self.identity(), sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()[:24]

    @property
    def task_name(self) -> str:
        """The task's short name: `gsm8k` for `inspect_evals/gsm8k`, `arith` for `f.py@arith`."""
        if "@" in self.task:
            return self.task.rsplit("@", 1)[1]
        return self.task.rsplit("/", 1)[-1]

    @property
    def is_local_task(self) -> bool:
        return not self.task.startswith(INSPECT_EVALS_PREFIX)

    @property
    def sample_text(self) -> str:
        """How many samples would run: "100 samples" or "all samples", times epochs."""
        text = f"{self.limit:,} samples" if self.limit is not None else "all samples"
        if self.epochs not in (None, 1):
            text += f" x {self.epochs} epochs"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The JSON form stored next to a result and in saved plans."""
        data = self.identity()
        data.pop("v")
        data.update(
            model_sha=self.model_sha, task_ref=self.task_ref, runner=self.runner, key=self.key
        )
        if self.jobs is not None:
            data["jobs"] = vars(self.jobs).copy()
        return data


@dataclass(frozen=True)
class Versions:
    """Installed versions that enter the key: inspect-ai and the inspect_evals package."""

    inspect_ai: str | None
    inspect_evals: str | None


def plan_runs(
    *,
    tasks: tuple[str, ...],
    model: str,
    model_repo: str,
    model_sha: str | None,
    model_revision: str | None,
    spec_dir: Path,
    versions: Versions,
    task_file_hashes: Mapping[str, str],
    limit: int | None = None,
    epochs: int | None = None,
    model_args: Mapping[str, Any] | None = None,
    generate: Mapping[str, Any] | None = None,
    task_args: Mapping[str, Mapping[str, Any]] | None = None,
    runner: str = "local",
    jobs: JobsSettings | None = None,
) -> list[EvalRun]:
    """One run per task. Pure: file hashes and versions are passed in by the caller."""
    runs = []
    for task in tasks:
        if task.startswith(INSPECT_EVALS_PREFIX):
            ref, version = task, versions.inspect_evals
        else:
            ref = local_task_ref(task, spec_dir)
            version = task_file_hashes.get(task)
        runs.append(
            EvalRun(
                model_repo=model_repo,
                model_sha=model_sha,
                model_revision=model_revision,
                model=model,
                task=task,
                task_ref=ref,
                task_version=version,
                inspect_version=versions.inspect_ai,
                task_args=dict((task_args or {}).get(task, {})),
                limit=limit,
                epochs=epochs,
                model_args=dict(model_args or {}),
                generate=dict(generate or {}),
                runner=runner,
                jobs=jobs,
            )
        )
    return runs


def local_task_file(task: str, spec_dir: Path) -> Path:
    """The file of a local task `path/to/file.py[@name]`, relative to the spec's directory."""
    path = task.rsplit("@", 1)[0] if "@" in task else task
    return (spec_dir / path).resolve()


def local_task_ref(task: str, spec_dir: Path) -> str:
    """What inspect-ai is given for a local task: the absolute file path, `@name` kept."""
    file = local_task_file(task, spec_dir)
    return f"{file}@{task.rsplit('@', 1)[1]}" if "@" in task else str(file)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inspect_command(run: EvalRun, *, log_dir: str | None = None) -> list[str]:
    """The `inspect eval` command line equivalent to this run (for --dry-run and for jobs)."""
    command = ["inspect", "eval", run.task_ref, "--model", run.model]
    if run.limit is not None:
        command += ["--limit", str(run.limit)]
    if run.epochs is not None:
        command += ["--epochs", str(run.epochs)]
    for flag, values in (("-M", run.model_args), ("-T", run.task_args)):
        for name, value in sorted(values.items()):
            command += [flag, f"{name}={_cli_value(value)}"]
    for name, value in sorted(run.generate.items()):
        command += [f"--{name.replace('_', '-')}", _cli_value(value)]
    if log_dir is not None:
        command += ["--log-dir", log_dir]
    return command


def _cli_value(value: Any) -> str:
    # inspect reads -M/-T values as YAML, so JSON (a YAML subset) keeps types exact.
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)
