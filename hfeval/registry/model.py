"""Registry data types: the frozen `Benchmark` others read, and the pydantic entries that build it.

`BenchmarkEntry` validates both the packaged data file and the `registry:` list of a spec repo's
`hfeval.yaml`, so an entry written by a user and one shipped with hfeval obey the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Scale = Literal["percent", "fraction", "score_0_10", "elo", "other"]

_ID_PATTERN = r"^[a-z0-9][a-z0-9_]*$"


@dataclass(frozen=True)
class Benchmark:
    """Canonical identity of one benchmark."""

    id: str  # canonical metric type, e.g. "mmlu", "gsm8k", "gpqa_diamond"
    name: str  # display name, e.g. "MMLU"
    dataset_id: str | None = None  # Hub dataset id for model-index dataset.type
    dataset_config: str | None = None
    dataset_split: str | None = None
    eval_results_dataset: str | None = None  # .eval_results dataset.id (a Hub Benchmark dataset)
    eval_results_task: str | None = None  # .eval_results dataset.task_id
    scale: str = "percent"  # percent | fraction | score_0_10 | elo | other
    aliases: tuple[str, ...] = ()
    full_name: str | None = None
    category: str | None = None
    metric: str | None = None  # default metric name, e.g. "accuracy", "pass@1", "f1"
    higher_is_better: bool | None = True
    aa_keys: tuple[str, ...] = ()  # Artificial Analysis evaluation keys, classic and newer API
    tasks: tuple[str, ...] = ()  # eval-harness task names (inspect_evals, lm-eval, lighteval)
    distinct_from: tuple[str, ...] = ()  # look-alike ids whose scores are not comparable


class BenchmarkEntry(BaseModel):
    """One registry entry as written in YAML: a new benchmark, or additions to an existing id.

    For an id the registry already knows, only the fields written in the entry change; `aliases`,
    `aa_keys`, `tasks` and `distinct_from` are added to the existing ones rather than replacing
    them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID_PATTERN, description="canonical metric type (snake_case)")
    name: str | None = Field(default=None, description="display name; defaults to the id")
    dataset_id: str | None = None
    dataset_config: str | None = None
    dataset_split: str | None = None
    eval_results_dataset: str | None = None
    eval_results_task: str | None = None
    scale: Scale = "percent"
    aliases: tuple[str, ...] = ()
    full_name: str | None = None
    category: str | None = None
    metric: str | None = None
    higher_is_better: bool | None = True
    aa_keys: tuple[str, ...] = ()
    tasks: tuple[str, ...] = Field(
        default=(),
        description="eval-harness task names: inspect_evals/gsm8k, lm-eval gsm8k, lighteval "
        "arc:challenge (matched exactly, ignoring case; see Registry.resolve_task_name)",
    )
    distinct_from: tuple[str, ...] = ()

    @field_validator("aliases", "aa_keys", "tasks")
    @classmethod
    def _no_blank_names(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        if any(not value.strip() for value in values):
            raise ValueError("names must not be blank")
        return values

    def to_benchmark(self) -> Benchmark:
        """The benchmark this entry describes on its own (no existing entry to merge into)."""
        return Benchmark(
            id=self.id,
            name=self.name or self.id,
            dataset_id=self.dataset_id,
            dataset_config=self.dataset_config,
            dataset_split=self.dataset_split,
            eval_results_dataset=self.eval_results_dataset,
            eval_results_task=self.eval_results_task,
            scale=self.scale,
            aliases=self.aliases,
            full_name=self.full_name,
            category=self.category,
            metric=self.metric,
            higher_is_better=self.higher_is_better,
            aa_keys=self.aa_keys,
            tasks=self.tasks,
            distinct_from=self.distinct_from,
        )

    def merge_into(self, existing: Benchmark) -> Benchmark:
        """`existing` with the fields this entry sets overridden and its name lists extended."""
        overrides = {
            name: getattr(self, name)
            for name in self.model_fields_set
            if name not in {"id", "aliases", "aa_keys", "tasks", "distinct_from"}
        }
        if overrides.get("name") is None:  # an existing benchmark always keeps a display name
            overrides.pop("name", None)
        values = {**existing.__dict__, **overrides}
        values["aliases"] = _union(existing.aliases, self.aliases)
        values["aa_keys"] = _union(existing.aa_keys, self.aa_keys)
        values["tasks"] = _union(existing.tasks, self.tasks)
        values["distinct_from"] = _union(existing.distinct_from, self.distinct_from)
        return Benchmark(**values)


class AmbiguousLabel(BaseModel):
    """A label whose meaning depends on the card; lookup answers None instead of guessing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    reason: str
    # Only this spelling is ambiguous: "Math" heads category columns, "MATH" is the benchmark.
    case_sensitive: bool = False


class RegistryData(BaseModel):
    """The whole packaged data file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    ambiguous: tuple[AmbiguousLabel, ...] = ()
    benchmarks: tuple[BenchmarkEntry, ...]


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second)))
