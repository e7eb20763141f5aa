"""Benchmark registry costs: building the default registry, and looking card labels up.

Each build runs in a fresh interpreter so that nothing is cached: it times reading and
validating `benchmarks.yaml` and building the alias index (imports excluded). Lookups run over
every alias and display name with a few settings appended, first on a new registry (every
label resolved from scratch), then again (memoised answers).

    python benchmarks/registry_lookup.py [--builds 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from hfeval.registry import Registry, default_registry

_BUILD_PROBE = """
import time
import hfeval.registry as registry
start = time.perf_counter()
registry.default_registry()
print(time.perf_counter() - start)
"""

_SETTINGS = ("", " (5-shot)", " 0-shot CoT", " (EM)", " pass@1")


def build_times(builds: int) -> list[float]:
    """Seconds to build the default registry, once per fresh interpreter."""
    times = []
    for _ in range(builds):
        output = subprocess.run(
            [sys.executable, "-c", _BUILD_PROBE], check=True, capture_output=True, text=True
        ).stdout
        times.append(float(output.strip()))
    return times


def sample_labels(registry: Registry) -> list[str]:
    names = [name for b in registry for name in (b.name, *b.aliases)]
    return [f"{name}{setting}" for name in names for setting in _SETTINGS]


def time_lookups(registry: Registry, labels: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    found = sum(registry.lookup(label) is not None for label in labels)
    return time.perf_counter() - start, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=7)
    args = parser.parse_args()

    times = build_times(args.builds)
    print(
        f"default_registry() build: median {statistics.median(times) * 1000:.1f} ms, "
        f"min {min(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms ({args.builds} runs)"
    )
    shipped = default_registry()
    print(f"benchmarks: {len(shipped)}, ambiguous labels: {len(shipped.ambiguous_labels)}")

    fresh = Registry(shipped, ambiguous=shipped.ambiguous_labels)
    labels = sample_labels(fresh)
    cold, found = time_lookups(fresh, labels)
    warm, _ = time_lookups(fresh, labels)
    print(
        f"lookups: {len(labels)} labels, {found} resolved; "
        f"first pass {cold / len(labels) * 1e6:.1f} µs/label, "
        f"memoised {warm / len(labels) * 1e6:.2f} µs/label"
    )


if __name__ == "__main__":
    main()
