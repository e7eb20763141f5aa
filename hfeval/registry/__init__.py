"""The benchmark registry: benchmark labels as printed in cards -> canonical identity.

INTERFACE SKELETON: the registry helper replaces the body; the names and signatures below are
the contract other modules code against.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


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


def slugify(label: str) -> str:
    """A clean metric-type slug for a label the registry does not know ("Arena Hard" -> "arena_hard")."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "unknown"


class Registry:
    """Lookup of benchmarks by id or by any alias, insensitive to case, spacing and punctuation."""

    def __init__(self, benchmarks: Iterable[Benchmark] = ()) -> None:
        self._by_id = {b.id: b for b in benchmarks}

    def get(self, benchmark_id: str) -> Benchmark | None:
        return self._by_id.get(benchmark_id)

    def lookup(self, label: str) -> Benchmark | None:
        return self._by_id.get(slugify(label))

    def extend(self, entries: Iterable[Mapping[str, Any]]) -> Registry:
        raise NotImplementedError

    def __iter__(self) -> Any:
        return iter(self._by_id.values())


def default_registry() -> Registry:
    return Registry()
