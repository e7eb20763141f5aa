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

from hfeval.errors import EvalError, SourceError
from hfeval.evals.inspect_api import installed_versions
from hfeval.evals.inspect_log import InspectLogResult, read_inspect_log
from hfeval.evals.runs import EvalRun, JobsSettings, file_sha256, local_task_file, plan_runs
from hfeval.evals.status import EvalStatus
from hfeval.evals.store import ResultStore, StoredEntry
from hfeval.observations import Observation, Provenance, SourceResult
from hfeval.registry import Benchmark, Registry
from hfeval.sources.base import Need, RunContext, Shared, SourceRequest
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


def task_benchmark(task: str, registry: Registry) -> Benchmark | None:
    """The registry benchmark of an inspect task name (`inspect_evals/gsm8k` -> gsm8k)."""
    name = task.rsplit("@", 1)[1] if "@" in task else task.rsplit("/", 1)[-1]
    return registry.lookup(name)


def run_status(
    run: EvalRun,
    entry: StoredEntry | None,
    store: ResultStore,
    config: InspectSource,
    context: RunContext,
) -> tuple[EvalStatus, Observation | None]:
    """What the plan says about one run, and the observation to publish (if any)."""
    benchmark = task_benchmark(run.task, context.registry)
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
    if entry.state == "failed" or local_log is None:
        return _with(base, state="failed", detail=entry.error, log=log, job_id=entry.job_id), None
    try:
        result = read_inspect_log(local_log, metric=config.metrics.get(run.task))
    except EvalError as error:
        return _with(base, state="failed", detail=error.message, log=log), None
    if result.error is not None or result.value is None:
        detail = f"{result.status}: {result.error}"
        return _with(base, state="failed", detail=detail, log=log, job_id=entry.job_id), None
    value = _scaled(result.value, config.scale)
    status = _with(base, samples=result.sample_text, value=value, log=log, job_id=entry.job_id)
    if result.partial and not config.publish_partial:
        detail = "partial run; not published (set publish_partial: true to publish it)"
        return _with(status, state="partial", detail=detail), None
    observation = Observation(
        benchmark=benchmark.name if benchmark else run.task_name,
        metric=None,
        value=value,
        provenance=_provenance(run, result, log, entry, config),
        benchmark_type=benchmark.id if benchmark else None,
        notes=settings_notes(run, result),
    )
    return _with(status, state="done", published=True), observation


def settings_notes(run: EvalRun, result: InspectLogResult) -> str | None:
    """eval-results `notes`: the sample count of a partial run, epochs and provider when they
    are not the defaults (one epoch, the repo served by HF Inference Providers)."""
    parts = []
    if result.partial:
        parts.append(f"partial: {result.sample_text}")
    if result.epochs != 1:
        parts.append(f"epochs: {result.epochs}")
    if run.model != f"hf-inference-providers/{run.model_repo}":
        parts.append(f"model: {run.model}")
    return "; ".join(["inspect-ai", *parts]) if parts else None


def _provenance(
    run: EvalRun,
    result: InspectLogResult,
    log: str | None,
    entry: StoredEntry,
    config: InspectSource,
) -> Provenance:
    partial = f", partial: {result.sample_text}" if result.partial else f", {result.sample_text}"
    description = f"inspect-ai {run.task} {result.metric} on {run.model}{partial} (log {log})"
    details: dict[str, Any] = {
        "source": "inspect",
        "task": run.task,
        "model": run.model,
        "metric": result.metric,
        "value": result.value,
        "scale": config.scale,
        "stderr": result.stderr,
        "samples": result.samples,
        "dataset_samples": result.dataset_samples,
        "limit": result.limit,
        "epochs": result.epochs,
        "created": result.created,
        "log": log,
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


def _scaled(value: float, scale: str) -> float:
    # Rounded so 0.71 * 100 prints as 71.0, not 70.99999999999999.
    return round(value * 100, 6) if scale == "percent" else round(value, 8)


def _with(status: EvalStatus, **changes: Any) -> EvalStatus:
    return EvalStatus(**{**status.to_dict(), **changes})
