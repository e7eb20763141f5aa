"""The benchmark registry: benchmark labels as printed in cards -> canonical identity.

`default_registry()` holds the benchmarks shipped in `benchmarks.yaml`; a spec repo extends it
with `Registry.extend` (its `hfeval.yaml` `registry:` list, validated by `BenchmarkEntry`).
`lookup` maps a card label to a `Benchmark` or None; `by_aa_key` maps an Artificial Analysis
evaluation key; `slugify` names benchmarks the registry does not know.
"""

from __future__ import annotations

from functools import cache

from hfeval.registry.data import read_registry_data
from hfeval.registry.lookup import clean_label, normalise_label, slugify, strip_qualifier
from hfeval.registry.model import AmbiguousLabel, Benchmark, BenchmarkEntry, Scale
from hfeval.registry.registry import Registry

__all__ = [
    "AmbiguousLabel",
    "Benchmark",
    "BenchmarkEntry",
    "Registry",
    "Scale",
    "clean_label",
    "default_registry",
    "normalise_label",
    "slugify",
    "strip_qualifier",
]


@cache
def default_registry() -> Registry:
    """The registry of every benchmark shipped with hfeval (built once per process)."""
    data = read_registry_data()
    return Registry(
        (entry.to_benchmark() for entry in data.benchmarks),
        ambiguous=data.ambiguous,
        where="hfeval/registry/benchmarks.yaml",
    )
