"""Benchmark the plan renderers: text, markdown (with its size cap) and JSON on synthetic plans.

Each plan has N repos with M changed metrics spread over result blocks of ten; the figures are
the median of a few runs, in milliseconds, plus the size of each rendering.

    python benchmarks/render_plans.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from hfeval.observations import Provenance
from hfeval.plan import Action, Delivery, FileChange, MetricChange, MetricKey, Plan, RepoPlan
from hfeval.render import render_json, render_markdown, render_text

_PROVENANCE = Provenance("readme", 'README table 2, column "Model"')
_SHAPES = ((10, 20), (100, 20), (1_000, 5), (3_000, 1))


def synthetic_plan(repos: int, metrics: int) -> Plan:
    def repo(index: int) -> RepoPlan:
        model = f"model-{index:05d}"
        changes = tuple(
            MetricChange(
                key=MetricKey(
                    "model-index",
                    model,
                    "text-generation",
                    f"bench/suite-{m // 10}",
                    None,
                    None,
                    f"metric_{m:03d}",
                ),
                action=Action.UPDATE if m % 3 else Action.CREATE,
                file="README.md",
                source="Model README",
                name=None,
                before=40.0 if m % 3 else None,
                after=41.5,
                provenance=_PROVENANCE,
            )
            for m in range(metrics)
        )
        return RepoPlan(
            repo_id=f"acme/{model}",
            spec_path=f"specs/acme/{model}.yaml",
            model_name=model,
            mode="pr",
            base_commit="ab" * 20,
            delivery=Delivery.NEW_PR,
            files=(FileChange.write("README.md", f"---\n# {model}\n---\n", Action.UPDATE),),
            metrics=changes,
        )

    return Plan(repos=tuple(repo(i) for i in range(repos)))


def median_ms(render: Callable[[Plan], str], plan: Plan, runs: int) -> tuple[float, int]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        output = render(plan)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, len(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    renderers: tuple[tuple[str, Callable[[Plan], str]], ...] = (
        ("text", render_text),
        ("markdown", render_markdown),
        ("json", render_json),
    )
    print(f"{'repos':>6} {'metrics':>8} {'view':>9} {'median ms':>10} {'chars':>10}")
    for repos, metrics in _SHAPES:
        plan = synthetic_plan(repos, metrics)
        for name, render in renderers:
            ms, chars = median_ms(render, plan, args.runs)
            print(f"{repos:>6} {repos * metrics:>8} {name:>9} {ms:>10.1f} {chars:>10,}")


if __name__ == "__main__":
    main()
