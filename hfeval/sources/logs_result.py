"""Task runs read from eval logs -> the `SourceResult` of one `logs:` source. Pure.

Rules, in order, for each run (newest first, so a re-run wins over an older log of one task):
- a run that ended in error, was cancelled or never finished publishes nothing (a note says why);
- an lm-eval subtask whose group has its own score is folded into that group (counted once);
- the task name maps to a benchmark through `Registry.resolve_task_name`, or the run is listed
  as unknown; tasks are never guessed;
- the metric is the spec's choice (`metrics:`), else the log's headline (inspect), else the
  benchmark's usual metric, else the log's first;
- the 0–1 value goes on the benchmark's scale (`scale:` overrides) through `scale.on_scale`;
- a partial run (a limit, a sample subset, fewer samples than the dataset) is listed, and
  published only with `publish_partial: true`, then labelled with its sample count.
Every log must be of the spec's model, and one `logs:` source reads one harness's logs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Protocol

from hfeval.errors import SourceError
from hfeval.observations import Observation, Provenance, SourceResult
from hfeval.registry import Benchmark, Registry
from hfeval.registry.tasks import task_name_forms
from hfeval.sources.logs_records import FAILED_STATUSES, TaskRun, same_model
from hfeval.sources.scale import FRACTION, PERCENT, Scaled, on_scale

# Metric names a benchmark's registry `metric` goes by in harness logs.
_METRIC_NAMES: Mapping[str, tuple[str, ...]] = {
    "accuracy": ("accuracy", "acc"),
    "exact_match": ("exact_match", "em"),
    "acc_norm": ("acc_norm",),
    "mc2": ("mc2", "truthfulqa_mc2"),
}


class LogsSettings(Protocol):
    """What the result step reads from a spec's `logs:` entry."""

    @property
    def publish_partial(self) -> bool: ...
    @property
    def metrics(self) -> Mapping[str, str] | None: ...
    @property
    def scale(self) -> str | None: ...


def logs_source_result(
    runs: Sequence[TaskRun],
    settings: LogsSettings,
    *,
    registry: Registry,
    model: str,
    source_url: str,
    task_type: str,
    not_logs: Sequence[str] = (),
) -> SourceResult:
    """The observations the runs give for `model`, attributed to `source_url`."""
    harness = _one_harness(runs)
    _check_models(runs, model)
    scored = {run.task for run in runs if run.metrics}
    notes: list[str] = []
    observations: list[Observation] = []
    folded: Counter[str] = Counter()
    asked_for: set[str] = set()
    for run in sorted(runs, key=lambda r: r.run_date or "", reverse=True):
        if run.status in FAILED_STATUSES:
            error = f" ({run.error})" if run.error else ""
            notes.append(
                f"{run.file}: {run.task} ended with status {run.status}{error}; nothing published"
            )
            continue
        group = next((g for g in run.groups if g in scored and registry.resolve_task_name(g)), None)
        if group is not None:
            folded[group] += 1
            continue
        observation, note = _publishable(run, settings, registry, asked_for)
        notes.extend([note] if note else [])
        observations.extend([observation] if observation else [])
    notes.extend(
        f"{group}: {count} subtask scores folded into the group's score"
        for group, count in folded.items()
    )
    notes.extend(
        f'metrics: "{name}" matches no task in these logs'
        for name in settings.metrics or {}
        if name not in asked_for
    )
    if not_logs:
        notes.append(
            f"skipped {len(not_logs)} JSON files that are not eval logs: "
            + ", ".join(not_logs[:3])
            + (" …" if len(not_logs) > 3 else "")
        )
    return SourceResult(
        source_name=harness,
        source_url=source_url,
        observations=tuple(observations),
        task_type=task_type,
        notes=tuple(notes),
    )


def _publishable(
    run: TaskRun, settings: LogsSettings, registry: Registry, asked_for: set[str]
) -> tuple[Observation | None, str | None]:
    """A finished run's observation to publish, and/or the note saying why not (or a warning)."""
    benchmark = registry.resolve_task_name(run.task)
    if benchmark is None:
        return None, (
            f'{run.file}: task "{run.task}" is not a known benchmark; not published '
            "(add the task name to a registry entry's `tasks:` in hfeval.yaml)"
        )
    wanted = _requested_metric(settings.metrics, run.task, benchmark, registry, asked_for)
    key = choose_metric(run, benchmark, wanted)
    if key is None:
        have = ", ".join(run.metrics)
        if wanted is None:
            return None, f"{run.file}: {run.task} has no scores"
        return None, f'{run.file}: {run.task} has no metric "{wanted}" (it has: {have})'
    target = settings.scale or (benchmark.scale if benchmark.scale in (PERCENT, FRACTION) else None)
    scaled = on_scale(run.metrics[key], target)
    observation = _observation(run, benchmark, key, scaled)
    # The scale the value is now on (None when a "fraction" above 1 was left alone), so
    # hfeval.scales neither converts it twice nor takes a small percentage for a fraction.
    observation = replace(
        observation, scale=None if scaled.note else scaled.scale, publish_scale=settings.scale
    )
    if run.partial and not settings.publish_partial:
        return None, (
            f"{benchmark.name} = {observation.value} not published: partial: {run.partial} "
            f"({run.file}; `publish_partial: true` publishes it)"
        )
    warning = f"{run.file}: {run.task} {key}: {scaled.note}; not scaled" if scaled.note else None
    return observation, warning


def _one_harness(runs: Sequence[TaskRun]) -> str:
    harnesses = sorted({run.harness for run in runs})
    if not harnesses:
        raise SourceError("no evaluation results in these logs")
    if len(harnesses) > 1:
        raise SourceError(
            f"these logs come from {' and '.join(harnesses)}",
            hint="give each harness's logs their own `logs:` entry (each is published as its "
            "own source)",
        )
    return harnesses[0]


def _check_models(runs: Sequence[TaskRun], model: str) -> None:
    for run in runs:
        if run.model is None:
            raise SourceError(
                f"{run.file} does not say which model it evaluated",
                hint=f"only logs that name {model} can be published on it",
            )
        if not same_model(run.model, model):
            raise SourceError(
                f"{run.file} is a log of {run.model}, not of {model}",
                hint="point the logs source at this model's logs only",
            )


def _requested_metric(
    metrics: Mapping[str, str] | None,
    task: str,
    benchmark: Benchmark,
    registry: Registry,
    asked_for: set[str],
) -> str | None:
    for name, metric in (metrics or {}).items():
        named = registry.resolve_task_name(name) or registry.get(name)
        if name in task_name_forms(task) or (named is not None and named.id == benchmark.id):
            asked_for.add(name)
            return metric
    return None


def metric_base(key: str) -> str:
    """`acc_norm` of lm-eval's `acc_norm,none`; `accuracy` of inspect's `match/accuracy`."""
    return key.partition(",")[0].rsplit("/", 1)[-1]


def choose_metric(run: TaskRun, benchmark: Benchmark | None, wanted: str | None) -> str | None:
    """Which of the run's metrics to publish: `wanted` (by full key or base name), else the
    log's headline, else the benchmark's usual metric, else the first; None when `wanted` is
    missing or the run has no metrics."""
    if wanted is not None:
        return next((k for k in run.metrics if wanted in (k, metric_base(k))), None)
    if run.headline in run.metrics:
        return run.headline
    usual_name = benchmark.metric if benchmark is not None else None
    usual = _METRIC_NAMES.get(usual_name or "", (usual_name,) if usual_name else ())
    first = next(iter(run.metrics), None)
    return next((k for k in run.metrics if metric_base(k) in usual), first)


def _observation(run: TaskRun, benchmark: Benchmark, key: str, scaled: Scaled) -> Observation:
    label = benchmark.name if run.partial is None else f"{benchmark.name} (partial: {run.partial})"
    return Observation(
        benchmark=label,
        metric=None,
        value=scaled.value,
        provenance=_provenance(run, key, scaled),
        benchmark_type=benchmark.id,
        date=run.run_date,
        source_url=run.url,
    )


def _provenance(run: TaskRun, key: str, scaled: Scaled) -> Provenance:
    raw = run.metrics[key]
    stderr = run.stderr.get(key)
    description = f"{run.harness} {run.file}, {run.task} {metric_base(key)} {raw:.4g}"
    description += f" ±{stderr:.2g}" if stderr is not None else ""
    description += " ×100" if scaled.converted else ""
    description += f", partial: {run.partial}" if run.partial else ""
    return Provenance(
        kind="logs",
        description=description,
        url=run.url,
        details={
            "source": run.harness,
            "file": run.file,
            "task": run.task,
            "metric": key,
            "raw": raw,
            "stderr": stderr,
            "samples": run.samples,
            "dataset_samples": run.dataset_samples,
            "epochs": run.epochs,
            "shots": run.shots,
            "limit": run.limit,
            "scale": scaled.scale,
            "converted": scaled.converted,
            "model": run.model,
            "date": run.run_date,
        },
    )
