"""Desired `.eval_results` entries: observations -> one entry per (benchmark, task, variant).

Pure. An observation is publishable when its benchmark has a Hub Benchmark dataset and a task id
(`benchmark_catalog.resolve_task`: the registry's default, checked against the dataset's
`eval.yaml` when the plan read it). Its `notes` are the setup only (the spec's `variant:` and a
source's setup such as "5-shot"), never the card's label; `date` is the run date when the source
knows it, otherwise omitted (the Hub then uses the commit time).

Identity is (dataset id case-insensitively, task id, notes): "With tools" and the default setup
are separate entries. When two sources of one spec give the same identity, the first source in
the spec wins and the others are named in a note (the Hub shows one score per model and task).

Files follow Hugging Face's convention, one per benchmark variant (`gpqa.yaml`,
`hle_with_tools.yaml`; only the spec's `variant:` names a file, a source's other setup notes such
as a sample limit do not); `eval_results_layout: per-source` in hfeval.yaml keeps the older
one-file-per-source layout (`model-readme.yaml`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from hfeval.benchmark_catalog import BenchmarkCatalog, resolve_task
from hfeval.normalise import benchmark_of
from hfeval.observations import Observation, Provenance, SourceResult
from hfeval.registry import Registry, slugify
from hfeval.tables.cells import match_key

PER_BENCHMARK = "per-benchmark"
PER_SOURCE = "per-source"
EVAL_DIR = ".eval_results"

Variant = str | Mapping[str, str] | None

# Task ids earlier hfeval versions wrote that the benchmark's current id replaces
# ((dataset id lower-cased, current task id) -> earlier id); such entries are fixed, not doubled.
EARLIER_TASK_IDS: dict[tuple[str, str], str] = {("idavidrein/gpqa", "diamond"): "gpqa_diamond"}


@dataclass(frozen=True)
class DesiredEvalEntry:
    """One `.eval_results` entry: a value on a Hub Benchmark dataset's task, in one setup."""

    file: str
    dataset_id: str
    task_id: str
    value: float
    source_name: str
    source_url: str
    notes: str | None
    provenance: Provenance
    date: str | None = None
    # The `notes` earlier hfeval versions wrote (the card's label); replaced when found.
    legacy_notes: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return entry_key(self.dataset_id, self.task_id, self.notes)

    @property
    def earlier_task_id(self) -> str | None:
        return EARLIER_TASK_IDS.get((self.dataset_id.lower(), self.task_id))

    @property
    def label(self) -> str:
        """How the plan names the entry: task id, and the variant when there is one."""
        return self.task_id if not self.notes else f"{self.task_id} ({self.notes})"


def entry_key(dataset_id: object, task_id: object, notes: object) -> tuple[str, str, str]:
    """The identity of an entry: dataset id (case-insensitive), task id, normalised notes."""
    setup = " ".join(str(notes).split()).casefold() if notes else ""
    return (str(dataset_id).lower(), str(task_id), setup)


def eval_results_file(source_name: str) -> str:
    """`.eval_results/<source>.yaml`: the per-source layout (and earlier hfeval's only one)."""
    return f"{EVAL_DIR}/{slugify(source_name).replace('_', '-')}.yaml"


def benchmark_file(dataset_id: str, notes: str | None) -> str:
    """`.eval_results/<benchmark>[_<variant>].yaml`, e.g. `gpqa.yaml`, `hle_with_tools.yaml`."""
    stem = slugify(dataset_id.rsplit("/", 1)[-1])
    return f"{EVAL_DIR}/{stem}{'_' + slugify(notes) if notes else ''}.yaml"


def with_variant(result: SourceResult, variant: Variant, registry: Registry) -> SourceResult:
    """The spec's `variant:` applied: a string for every benchmark of the source, or a mapping
    from benchmark (label or registry id) to its variant."""
    if not variant:
        return result
    observations = []
    for observation in result.observations:
        chosen = (
            variant if isinstance(variant, str) else _variant_for(observation, variant, registry)
        )
        if chosen:
            setup = f"{chosen}, {observation.notes}" if observation.notes else chosen
            observation = replace(observation, notes=setup, variant=chosen)
        observations.append(observation)
    return replace(result, observations=tuple(observations))


def _variant_for(
    observation: Observation, variants: Mapping[str, str], registry: Registry
) -> str | None:
    benchmark = benchmark_of(observation, registry)
    for name, chosen in variants.items():
        named = registry.get(name) or registry.lookup(name)
        if benchmark is not None and named is not None and named.id == benchmark.id:
            return chosen
        if match_key(name) == match_key(observation.benchmark):
            return chosen
    return None


def desired_entries(
    results: Sequence[SourceResult],
    registry: Registry,
    *,
    catalog: BenchmarkCatalog | None,
    layout: str = PER_BENCHMARK,
) -> tuple[list[DesiredEvalEntry], list[str]]:
    """Every publishable observation as an entry (first source wins a shared identity)."""
    entries: list[DesiredEvalEntry] = []
    notes: list[str] = []
    first: dict[tuple[str, str, str], DesiredEvalEntry] = {}
    for result in results:
        for observation in result.observations:
            benchmark = benchmark_of(observation, registry)
            label = _label(observation)
            dataset = benchmark.eval_results_dataset if benchmark else None
            choice = resolve_task(
                dataset, benchmark.eval_results_task if benchmark else None, catalog
            )
            if choice.note:
                notes.append(choice.note)
            if dataset is None or choice.task_id is None:
                notes.append(f'not publishable to .eval_results: "{label}" ({choice.reason})')
                continue
            assert benchmark is not None
            entry = DesiredEvalEntry(
                file=(
                    eval_results_file(result.source_name)
                    if layout == PER_SOURCE
                    else benchmark_file(dataset, observation.variant)
                ),
                dataset_id=dataset,
                task_id=choice.task_id,
                value=observation.value,
                source_name=result.source_name,
                source_url=observation.source_url or result.source_url,
                notes=observation.notes,
                provenance=observation.provenance,
                date=observation.date,
                legacy_notes=label if label != benchmark.name else None,
            )
            earlier = first.get(entry.key)
            if earlier is not None:
                notes.append(
                    f'not published to .eval_results: "{label}" = {entry.value:g} from '
                    f"{entry.source_name}; {dataset} {entry.label} comes from "
                    f"{earlier.source_name} ({earlier.value:g}), the earlier source in the spec"
                )
                continue
            first[entry.key] = entry
            entries.append(entry)
    return entries, notes


def _label(observation: Observation) -> str:
    if observation.metric:
        return f"{observation.benchmark} ({observation.metric})"
    return observation.benchmark
