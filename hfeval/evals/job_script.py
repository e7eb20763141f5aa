"""The program each Hugging Face Job of the `hf-jobs` runner runs: one inspect task, then its log
uploaded to the results dataset repo.

It is self-contained on purpose: the job's image gets inspect-ai and huggingface_hub (through
`uv run --with`), not hfeval, so this file imports nothing from hfeval. `hf_jobs.py` sends its
source as `python -c` with one JSON argument:

    {"task": "inspect_evals/gsm8k" | "arith.py@arith", "task_file": {"name", "source"} | null,
     "model": ..., "model_args": {}, "task_args": {}, "limit": null, "epochs": null,
     "generate": {}, "results_repo": "acme/eval-logs", "path_in_repo": "<model>/<key>/<task>.eval",
     "run_key": "..."}

A local task file travels inside that argument and is written to the job's working directory.
The token arrives as the `HF_TOKEN` secret, which huggingface_hub reads from the environment; this
program never prints its environment or its arguments. Its own lines start with `hfeval-job:`.

Exit codes: 0 the log is uploaded; 1 the evaluation did not succeed (nothing is uploaded); 2 the
upload failed.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

MARKER = "hfeval-job:"
UPLOAD_ATTEMPTS = 8


def main(argv: list[str]) -> int:
    config = json.loads(argv[1])
    # A scratch directory, not the container's working directory (which may not be writable).
    with tempfile.TemporaryDirectory(prefix="hfeval-job-") as scratch:
        return _run(config, Path(scratch))


def _run(config: dict[str, Any], scratch: Path) -> int:
    task = _task_reference(config, scratch)
    say(f"running {config['task']} on {config['model']} (run {config['run_key']})")
    log = _evaluate(task, config, scratch)
    if log.status != "success":
        error = log.error.message if log.error is not None else "no error message"
        say(f"evaluation {log.status}: {error}")
        return 1
    say(f"evaluation success: {_summary(log)}")
    try:
        commit = upload(config["results_repo"], config["path_in_repo"], Path(log.location), config)
    except Exception as error:  # any Hub failure: report it, the runner sees exit code 2
        say(f"upload failed: {type(error).__name__}: {error}")
        return 2
    say(f"uploaded {config['path_in_repo']} to {config['results_repo']} at {commit}")
    return 0


def say(text: str) -> None:
    sys.stdout.write(f"{MARKER} {text}\n")
    sys.stdout.flush()


def _task_reference(config: dict[str, Any], scratch: Path) -> str:
    """What inspect is given: the registry name, or the local task file written to `scratch`."""
    task_file = config.get("task_file")
    if not task_file:
        return str(config["task"])
    path = scratch / Path(task_file["name"]).name
    path.write_text(task_file["source"], encoding="utf-8")
    task = str(config["task"])
    return f"{path}@{task.rsplit('@', 1)[1]}" if "@" in task else str(path)


def _evaluate(task: str, config: dict[str, Any], scratch: Path) -> Any:
    import inspect_ai

    logs = inspect_ai.eval(
        task,
        model=config["model"],
        model_args=_model_args(config["model"], config.get("model_args") or {}),
        task_args=config.get("task_args") or {},
        limit=config.get("limit"),
        epochs=config.get("epochs"),
        log_dir=str(scratch / "logs"),
        display="plain",
        metadata={"hfeval_run_key": config["run_key"], "job_id": os.environ.get("JOB_ID")},
        **(config.get("generate") or {}),
    )
    return logs[0]


def _model_args(model: str, args: dict[str, Any]) -> dict[str, Any]:
    """mockllm's scripted outputs, written in the spec as strings or ModelOutput mappings, become
    ModelOutputs with `usage` set (else inspect downloads a tokenizer to count tokens). The local
    runner does the same in `local.model_args_for`; this file cannot import hfeval."""
    if not model.startswith("mockllm/") or not args.get("custom_outputs"):
        return args
    from inspect_ai.model import ModelOutput, ModelUsage

    outputs = []
    for item in args["custom_outputs"]:
        if isinstance(item, str):
            output = ModelOutput.from_content(model="mockllm", content=item)
        else:
            output = ModelOutput.model_validate(item)
        if output.usage is None:
            output.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)
        outputs.append(output)
    return {**args, "custom_outputs": outputs}


def _summary(log: Any) -> str:
    results = log.results
    if results is None:
        return "no results"
    text = f"{results.completed_samples}/{results.total_samples} samples"
    for score in results.scores[:1]:
        for name, metric in list(score.metrics.items())[:1]:
            text += f", {score.name} {name}={metric.value:.4g}"
    return text


def upload(repo_id: str, path_in_repo: str, local: Path, config: dict[str, Any]) -> str:
    """Commit the log on top of the repo's current head; other jobs commit to the same repo at
    the same time, so a stale head (412) means: read the head again and retry."""
    from huggingface_hub import CommitOperationAdd, HfApi
    from huggingface_hub.errors import HfHubHTTPError

    api = HfApi()
    message = f"hfeval: {config['task']} on {config['model']}"
    description = f"run key {config['run_key']}, job {os.environ.get('JOB_ID', 'unknown')}"
    for attempt in range(UPLOAD_ATTEMPTS):
        head = api.repo_info(repo_id, repo_type="dataset").sha
        try:
            info = api.create_commit(
                repo_id,
                [CommitOperationAdd(path_in_repo=path_in_repo, path_or_fileobj=str(local))],
                commit_message=message,
                commit_description=description,
                repo_type="dataset",
                parent_commit=head,
            )
            return str(info.oid)
        except HfHubHTTPError as error:
            status = error.response.status_code if error.response is not None else None
            if status != 412 or attempt == UPLOAD_ATTEMPTS - 1:
                raise
            say("the results repo moved while uploading; retrying on its new head")
            time.sleep(random.uniform(0.1, 0.5) * (attempt + 1))
    raise AssertionError("unreachable")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
