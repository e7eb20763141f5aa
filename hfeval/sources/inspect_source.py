"""The `inspect:` source kind: scores from inspect-ai runs that `hfeval eval` stored.

Planning never runs an evaluation. For each task of the entry this builds the `EvalRun` (pinned
to the model's revision at the plan's snapshot commit) and looks its key up in the result store:
a finished log becomes an observation with its provenance; a run with no result yet, a running
job, a failed run, or a partial run without `publish_partial` becomes an `EvalStatus` the plan
shows and does not publish.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Final

from pydantic import BaseModel

from hfeval.errors import HfevalError, SourceError
from hfeval.evals.inspect_api import installed_versions
from hfeval.evals.runs import EvalRun, JobsSettings, file_sha256, local_task_file, plan_runs
from hfeval.evals.status import EvalStatus
from hfeval.evals.store import ResultStore, StoredEntry
from hfeval.observations import Observation, Provenance, SourceResult
from hfeval.sources.base import Need, RunContext, Shared, SourceRequest
from hfeval.sources.logs_inspect import INSTALL_HINT, read_inspect_log
from hfeval.sources.logs_records import FAILED_STATUSES, TaskRun
from hfeval.sources.logs_result import choose_metric
from hfeval.sources.scale import on_scale
from hfeval.spec import InspectSource

SOURCE_NAME = "inspect-ai"
# Local logs live on one machine: the published link is inspect-ai itself, the path is shown.
LOCAL_SOURCE_URL = "https://inspect.aisi.org.uk/"

RESULT_STORE: Final = Shared[ResultStore](
    "evaluation result store",
    lambda context: ResultStore.for_project(context.config.eval_store, context.root),
)


class InspectKind:
    """Scores from inspect-ai tasks run by `hfeval eval`."""

    key: ClassVar[str] = "inspect"
    config_type: ClassVar[type[BaseModel]] = InspectSource
    needs: ClassVar[frozenset[Need]] = frozenset({Need.HUB, Need.LOCAL_FILES})
    shared: ClassVar[tuple[Shared[Any], ...]] = (RESULT_STORE,)

    def resolve(
        self, config: InspectSource, request: SourceRequest, context: RunContext
    ) -> SourceResult:
        commit, revision = context.hub.model_revision(request.model, request.snapshot.commit)
        runs = source_runs(
            config,
            spec_dir=request.spec_dir,
            model_repo=request.model,
            model_sha=commit,
            model_revision=revision,
        )
        store = context.get(RESULT_STORE)
        observations: list[Observation] = []
        statuses: list[EvalStatus] = []
        for run in runs:
            status, observation = run_status(run, store.get(run.key), store, config, context)
            statuses.append(status)
            if observation is not None:
                observations.append(observation)
        return SourceResult(
            source_name=SOURCE_NAME,
            source_url=source_url(config, context.config.public_url),
            observations=tuple(observations),
            task_type=context.config.task,
            evaluations=tuple(statuses),
        )


def source_runs(
    config: InspectSource,
    *,
    spec_dir: Path,
    model_repo: str,
    model_sha: str | None,
    model_revision: str | None,
) -> list[EvalRun]:
    """The runs an `inspect:` entry asks for (reads local task files to version them)."""
    hashes: dict[str, str] = {}
    for task in config.tasks:
        if task.startswith("inspect_evals/"):
            continue
        path = local_task_file(task, spec_dir)
        try:
            hashes[task] = file_sha256(path)
        except OSError as error:
            raise SourceError(
                f"cannot read the task file {path} ({error.strerror})",
                hint='local tasks are "path/to/file.py@task", relative to the spec file',
            ) from error
    jobs = None
    if config.jobs is not None:
        jobs = JobsSettings(
            flavor=config.jobs.flavor,
            timeout=config.jobs.timeout,
            results_repo=config.jobs.results_repo,
            image=config.jobs.image,
        )
    return plan_runs(
        tasks=tuple(config.tasks),
        model=config.model,
        model_repo=model_repo,
        model_sha=model_sha,
        model_revision=model_revision,
        spec_dir=spec_dir,
        versions=installed_versions(),
        task_file_hashes=hashes,
        limit=config.limit,
        epochs=config.epochs,
        model_args=config.model_args,
        generate=config.generate,
        task_args=config.task_args,
        runner=config.runner,
        jobs=jobs,
    )


def source_url(config: InspectSource, public_url: str) -> str:
    """The published `source.url`: the logs' dataset on the Hub for jobs, else inspect-ai."""
    if config.runner == "hf-jobs" and config.jobs is not None:
        return f"{public_url.rstrip('/')}/datasets/{config.jobs.results_repo}"
    return LOCAL_SOURCE_URL


def where_text(run: EvalRun) -> str:
    """Where a run goes: `local`, or `hf-jobs a10g-small`."""
    if run.runner == "hf-jobs" and run.jobs is not None:
        return f"hf-jobs {run.jobs.flavor}"
    return run.runner


def run_status(
    run: EvalRun,
    entry: StoredEntry | None,
    store: ResultStore,
    config: InspectSource,
    context: RunContext,
) -> tuple[EvalStatus, Observation | None]:
    """What the plan says about one run, and the observation to publish (if any)."""
    benchmark = context.registry.resolve_task_name(run.task)
    base = EvalStatus(
        key=run.key,
        task=run.task,
        model=run.model,
        state="pending",
        where=where_text(run),
        samples=run.sample_text,
        benchmark=benchmark.id if benchmark else None,
    )
    if entry is None:
        return base, None
    if entry.state == "submitted":
        return _with(base, state="running", job_id=entry.job_id, detail=entry.job_url), None
    local_log = store.log_path(entry)
    log = entry.log_url or (str(local_log) if local_log else None)
    failed = _with(base, state="failed", log=log, job_id=entry.job_id)
    if entry.state == "failed" or local_log is None or log is None:
        return _with(failed, detail=entry.error), None
    try:
        task_run = read_inspect_log(local_log, log)
    except HfevalError as error:
        if error.hint is not None and INSTALL_HINT in error.hint:
            raise  # inspect-ai missing here says nothing about the run: the plan fails, with hint
        return _with(failed, detail=error.message), None
    if task_run.status in FAILED_STATUSES:
        return _with(failed, detail=f"{task_run.status}: {task_run.error or 'no message'}"), None
    key = choose_metric(task_run, benchmark, config.metrics.get(run.task))
    if key is None:
        have = ", ".join(task_run.metrics) or "none"
        wanted = config.metrics.get(run.task)
        return _with(failed, detail=f'no metric "{wanted}" in the log (it has: {have})'), None
    scaled = on_scale(task_run.metrics[key], config.scale)
    samples = task_run.partial or _samples_text(task_run.samples, run.sample_text)
    status = _with(base, samples=samples, value=scaled.value, log=log, job_id=entry.job_id)
    if task_run.partial and not config.publish_partial:
        detail = "partial run; not published (set publish_partial: true to publish it)"
        return _with(status, state="partial", detail=detail), None
    observation = Observation(
        benchmark=benchmark.name if benchmark else run.task_name,
        metric=None,
        value=scaled.value,
        provenance=_provenance(run, task_run, key, scaled.converted, entry),
        benchmark_type=benchmark.id if benchmark else None,
        notes=settings_notes(run, task_run),
        date=task_run.run_date,
        source_url=entry.log_url,
    )
    return _with(status, state="done", published=True), observation


def settings_notes(run: EvalRun, task_run: TaskRun) -> str | None:
    """eval-results `notes`: the sample count of a partial run, epochs and provider when they
    are not the defaults (one epoch, the repo served by HF Inference Providers)."""
    parts = []
    if task_run.partial:
        parts.append(f"partial: {task_run.partial}")
    if task_run.epochs not in (None, 1):
        parts.append(f"epochs: {task_run.epochs}")
    if run.model != f"hf-inference-providers/{run.model_repo}":
        parts.append(f"model: {run.model}")
    return "; ".join(["inspect-ai", *parts]) if parts else None


def _samples_text(samples: int | None, planned: str) -> str:
    return f"{samples:,} samples" if samples is not None else planned


def _provenance(
    run: EvalRun, task_run: TaskRun, key: str, converted: bool, entry: StoredEntry
) -> Provenance:
    raw = task_run.metrics[key]
    stderr = task_run.stderr.get(key)
    samples = task_run.partial or _samples_text(task_run.samples, run.sample_text)
    description = f"inspect-ai {run.task} {key} {raw:.4g}"
    description += f" ±{stderr:.2g}" if stderr is not None else ""
    description += " ×100" if converted else ""
    description += f" on {run.model}, {'partial: ' if task_run.partial else ''}{samples}"
    description += f" (log {task_run.file})"
    details: dict[str, Any] = {
        "source": "inspect",
        "task": run.task,
        "model": run.model,
        "metric": key,
        "raw": raw,
        "stderr": stderr,
        "converted": converted,
        "samples": task_run.samples,
        "dataset_samples": task_run.dataset_samples,
        "limit": task_run.limit,
        "epochs": task_run.epochs,
        "date": task_run.run_date,
        "log": task_run.file,
        "key": run.key,
        "model_sha": run.model_sha,
        "job_id": entry.job_id,
    }
    return Provenance(
        kind="inspect",
        description=description,
        url=entry.log_url,
        details={k: v for k, v in details.items() if v is not None},
    )


def _with(status: EvalStatus, **changes: Any) -> EvalStatus:
    return EvalStatus(**{**status.to_dict(), **changes})
