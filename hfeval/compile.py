"""Compile: a spec's source results + the registry -> the desired evaluation metadata of one repo.

Pure. Observations are put on their benchmark's scale (`normalise`), canonicalised through the
registry (metric type, dataset identity), grouped into one model-index result block per (source,
task, dataset), and, for the eval-results target, turned into `.eval_results` entries
(`eval_entries`) for benchmarks the Hub hosts as Benchmark datasets. Anything that cannot be
published is kept as a note with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hfeval.benchmark_catalog import BenchmarkCatalog
from hfeval.eval_entries import (
    PER_BENCHMARK,
    PER_SOURCE,
    DesiredEvalEntry,
    desired_entries,
    eval_results_file,
)
from hfeval.normalise import benchmark_of, disagreements, normalise_results
from hfeval.observations import Observation, Provenance, SourceResult
from hfeval.plan import Finding
from hfeval.registry import Benchmark, Registry, slugify

MODEL_INDEX = "model-index"
EVAL_RESULTS = "eval-results"


@dataclass(frozen=True)
class DesiredMetric:
    """One metric hfeval wants in a result block."""

    type: str
    name: str
    value: float
    provenance: Provenance


@dataclass(frozen=True)
class DesiredResult:
    """One model-index result block (task + dataset + source) with its metrics."""

    task_type: str
    dataset_type: str
    dataset_name: str
    dataset_config: str | None
    dataset_split: str | None
    source_name: str
    source_url: str
    metrics: tuple[DesiredMetric, ...]

    @property
    def identity(self) -> tuple[str, str, str | None, str | None, str, str]:
        return (
            self.task_type,
            self.dataset_type,
            self.dataset_config,
            self.dataset_split,
            self.source_name,
            self.source_url,
        )


@dataclass(frozen=True)
class DesiredRepo:
    """What the specs want on one repo, before looking at the Hub."""

    repo_id: str
    spec_path: str
    model_name: str
    targets: tuple[str, ...]
    prune: bool
    replace_invalid: bool
    results: tuple[DesiredResult, ...]
    eval_entries: tuple[DesiredEvalEntry, ...]
    managed_sources: tuple[tuple[str, str], ...]  # (source name, url) pairs hfeval owns here
    eval_files: tuple[str, ...]  # .eval_results files hfeval writes its entries to
    notes: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    # Earlier hfeval's per-source files (`model-readme.yaml`): their entries are hfeval's own and
    # move to the per-benchmark files (unless the layout is per-source).
    legacy_eval_files: tuple[str, ...] = ()


def compile_repo(
    *,
    repo_id: str,
    spec_path: str,
    model_name: str,
    targets: Sequence[str],
    prune: bool,
    replace_invalid: bool,
    results: Sequence[SourceResult],
    registry: Registry,
    catalog: BenchmarkCatalog | None = None,
    eval_layout: str = PER_BENCHMARK,
) -> DesiredRepo:
    """Canonicalise every observation and group them into desired results and entries.

    Values are first put on their benchmark's scale (`normalise`); impossible ones become error
    findings, and sources that disagree become warnings. `catalog` is what the Hub says about
    its benchmarks (official list, eval.yaml tasks); None trusts the registry's task ids.
    """
    desired: list[DesiredResult] = []
    notes: list[str] = []
    scaled, findings, scale_notes = normalise_results(
        results, registry, strict=EVAL_RESULTS in targets
    )
    findings += disagreements(scaled, registry)
    for result in scaled:
        notes.extend(result.notes)
        blocks, block_notes = _result_blocks(result, registry)
        desired.extend(blocks)
        notes.extend(block_notes)
    notes.extend(scale_notes)
    entries: list[DesiredEvalEntry] = []
    if EVAL_RESULTS in targets:
        entries, entry_notes = desired_entries(
            scaled, registry, catalog=catalog, layout=eval_layout
        )
        notes.extend(entry_notes)
    managed = tuple(dict.fromkeys((r.source_name, r.source_url) for r in results))
    legacy = (
        ()
        if eval_layout == PER_SOURCE
        else tuple(dict.fromkeys(eval_results_file(r.source_name) for r in results))
    )
    return DesiredRepo(
        repo_id=repo_id,
        spec_path=spec_path,
        model_name=model_name,
        targets=tuple(targets),
        prune=prune,
        replace_invalid=replace_invalid,
        results=tuple(sorted(desired, key=lambda r: tuple(str(p) for p in r.identity))),
        eval_entries=tuple(entries),
        managed_sources=managed,
        eval_files=tuple(dict.fromkeys(e.file for e in entries)),
        notes=tuple(notes),
        findings=tuple(findings),
        legacy_eval_files=legacy,
    )


def _metric_type(observation: Observation, benchmark: Benchmark | None) -> str:
    if observation.metric:
        return slugify(observation.metric)
    if benchmark is not None:
        return benchmark.id
    return observation.benchmark_type or slugify(observation.benchmark)


def _metric_name(observation: Observation) -> str:
    if observation.metric:
        return f"{observation.benchmark} ({observation.metric})"
    return observation.benchmark


def _result_blocks(
    result: SourceResult, registry: Registry
) -> tuple[list[DesiredResult], list[str]]:
    grouped: dict[tuple[str, str, str | None, str | None], list[DesiredMetric]] = {}
    names: dict[tuple[str, str, str | None, str | None], str] = {}
    seen: dict[tuple[tuple[str, str, str | None, str | None], str], DesiredMetric] = {}
    notes: list[str] = []
    for observation in result.observations:
        benchmark = benchmark_of(observation, registry)
        identity: tuple[str, str, str | None, str | None]
        if benchmark is None and observation.benchmark_type is None:
            ambiguity = registry.ambiguity(observation.benchmark)
            notes.append(
                f'"{observation.benchmark}" is ambiguous ({ambiguity}); kept as metric type '
                f'"{slugify(observation.benchmark)}" — rename it in the spec to pin the benchmark'
                if ambiguity
                else f'"{observation.benchmark}" is not in the benchmark registry; kept as '
                f'metric type "{slugify(observation.benchmark)}"'
            )
        if benchmark is None:
            dataset_key = observation.benchmark_type or slugify(observation.benchmark)
            identity = (result.task_type, dataset_key, None, None)
            names.setdefault(identity, observation.benchmark)
        else:
            identity = (
                result.task_type,
                benchmark.dataset_id or benchmark.id,
                benchmark.dataset_config,
                benchmark.dataset_split,
            )
            names.setdefault(identity, benchmark.name)
        metric = DesiredMetric(
            type=_metric_type(observation, benchmark),
            name=_metric_name(observation),
            value=observation.value,
            provenance=observation.provenance,
        )
        previous = seen.get((identity, metric.type))
        if previous is not None:
            # Two labels of one table can canonicalise to one metric ("MMLU" and "MMLU (5-shot)").
            # Keep the first and say so rather than letting one silently overwrite the other.
            notes.append(
                f'"{metric.name}" = {metric.value} ({metric.provenance.description}) maps to the '
                f'same metric as "{previous.name}" = {previous.value}; kept the first'
            )
            continue
        seen[(identity, metric.type)] = metric
        grouped.setdefault(identity, []).append(metric)
    blocks = [
        DesiredResult(
            task_type=task,
            dataset_type=dataset,
            dataset_name=names[(task, dataset, config, split)],
            dataset_config=config,
            dataset_split=split,
            source_name=result.source_name,
            source_url=result.source_url,
            metrics=tuple(sorted(metrics, key=lambda m: m.type)),
        )
        for (task, dataset, config, split), metrics in grouped.items()
    ]
    return blocks, notes
