"""The local runner: runs evaluations on this machine through `inspect_ai.eval`.

Runs that share every setting but the task go to inspect in one call (`max_tasks` =
`--parallelism`), each task's log is copied into the result store as soon as the call returns,
and an error or cancelled log is stored as `failed` with its message. inspect-ai is imported
only here and only when a run starts, so a missing install is an EvalError naming the extra.
"""

from __future__ import annotations

import contextlib
import io
import json
import shlex
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from hfeval.evals.inspect_api import inspect_module
from hfeval.evals.runner import Progress, RunOutcome
from hfeval.evals.runs import EvalRun, inspect_command
from hfeval.evals.store import ResultStore


class LocalRunner:
    """Runs inspect tasks in this process, `parallelism` tasks at a time."""

    name = "local"

    def __init__(self, *, parallelism: int = 1, endpoint: str | None = None) -> None:
        # `endpoint` is part of every runner's factory signature; a local run reads no Hub.
        del endpoint
        self.parallelism = max(1, parallelism)

    def run(
        self, runs: Sequence[EvalRun], store: ResultStore, progress: Progress
    ) -> list[RunOutcome]:
        inspect_ai = inspect_module()
        from hfeval.evals.inspect_progress import watch_samples  # imports inspect-ai

        outcomes: list[RunOutcome] = []
        for group in _groups(runs):
            # Hold every key's lock while inspect runs: a second `hfeval eval` started meanwhile
            # waits, then finds the results stored instead of running the same evaluations.
            with contextlib.ExitStack() as locks:
                for key in sorted({run.key for run in group}):
                    locks.enter_context(store.lock(key))
                todo = [run for run in group if not _is_done(store, run)]
                outcomes += [RunOutcome(run, "done") for run in group if run not in todo]
                if not todo:
                    continue
                with tempfile.TemporaryDirectory(prefix="hfeval-eval-") as log_dir:
                    for run in todo:
                        progress.started(run, total_samples=None)
                    with watch_samples(todo, progress):
                        outcomes += self._run_group(inspect_ai, todo, store, progress, log_dir)
        return outcomes

    def describe(self, run: EvalRun) -> str:
        """The `inspect eval` command equivalent to the in-process call."""
        return shlex.join(inspect_command(run, log_dir="<temporary dir, copied into the store>"))

    def _run_group(
        self,
        inspect_ai: Any,
        group: list[EvalRun],
        store: ResultStore,
        progress: Progress,
        log_dir: str,
    ) -> list[RunOutcome]:
        first = group[0]
        try:
            # inspect prints a banner naming the enabled hooks (ours: sample progress) to stdout;
            # hfeval's stdout carries its own report only.
            with contextlib.redirect_stdout(io.StringIO()):
                logs = inspect_ai.eval(
                    [run.task_ref for run in group],
                    model=first.model,
                    model_args=model_args_for(first.model, first.model_args),
                    task_args=dict(first.task_args),
                    limit=first.limit,
                    epochs=first.epochs,
                    log_dir=log_dir,
                    display="none",
                    max_tasks=self.parallelism,
                    **dict(first.generate),
                )
        except Exception as error:  # task construction (a dataset download) raises
            message = f"{type(error).__name__}: {error}"
            return [_failed(run, store, progress, message, None) for run in group]
        outcomes = []
        for run, log in zip(group, _match_logs(group, logs), strict=True):
            if log is None:
                outcomes.append(_failed(run, store, progress, "inspect returned no log", None))
                continue
            path = Path(log.location)
            if log.status == "success":
                store.record_done(run, path)  # the caller holds the key's lock
                outcome = RunOutcome(run, "done")
                progress.finished(outcome)
                outcomes.append(outcome)
            else:
                message = log.error.message if log.error is not None else f"run {log.status}"
                outcomes.append(_failed(run, store, progress, f"{log.status}: {message}", path))
        return outcomes


def model_args_for(model: str, model_args: Mapping[str, Any]) -> dict[str, Any]:
    """inspect model args; for mockllm, scripted `custom_outputs` written in YAML as strings
    (or ModelOutput mappings) become ModelOutputs, each with `usage` set so inspect does not
    try to download a tokenizer to count tokens."""
    args = dict(model_args)
    if not model.startswith("mockllm/") or "custom_outputs" not in args:
        return args
    model_api = inspect_module("inspect_ai.model")
    outputs = []
    for item in args["custom_outputs"]:
        if isinstance(item, str):
            output = model_api.ModelOutput.from_content(model="mockllm", content=item)
        else:
            output = model_api.ModelOutput.model_validate(item)
        if output.usage is None:
            output.usage = model_api.ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)
        outputs.append(output)
    args["custom_outputs"] = outputs
    return args


def _groups(runs: Sequence[EvalRun]) -> list[list[EvalRun]]:
    """Runs that only differ in their task can share one inspect call."""
    groups: dict[str, list[EvalRun]] = {}
    for run in runs:
        identity = run.identity()
        shared = {k: identity[k] for k in identity if k not in ("task", "task_version")}
        groups.setdefault(json.dumps(shared, sort_keys=True, default=str), []).append(run)
    return list(groups.values())


def _match_logs(group: list[EvalRun], logs: Sequence[Any]) -> list[Any]:
    """Each run's log: inspect returns one per task, matched here by task file and name."""
    remaining = list(logs)
    matched = []
    for run in group:
        found = next((log for log in remaining if _is_log_of(run, log)), None)
        if found is not None:
            remaining.remove(found)
        matched.append(found)
    return matched


def _is_log_of(run: EvalRun, log: Any) -> bool:
    task = str(log.eval.task)
    if task.rsplit("/", 1)[-1] != run.task_name:
        return False
    if run.is_local_task and log.eval.task_file:
        return Path(run.task_ref.split("@", 1)[0]).name == Path(str(log.eval.task_file)).name
    return True


def _is_done(store: ResultStore, run: EvalRun) -> bool:
    entry = store.get(run.key)
    return entry is not None and entry.state == "done"


def _failed(
    run: EvalRun, store: ResultStore, progress: Progress, message: str, log: Path | None
) -> RunOutcome:
    store.record_failed(run, message, log=log)  # the caller holds the key's lock
    outcome = RunOutcome(run, "failed", error=message)
    progress.finished(outcome)
    return outcome
