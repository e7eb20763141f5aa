"""Observations on one scale per benchmark, and what the sources of one spec disagree about.

Pure. `normalise_results` runs before anything is compiled: every observation whose benchmark the
registry knows is converted to that benchmark's scale (`hfeval.scales.to_benchmark_scale`), the
conversion is appended to its provenance (`gpqa 0.652 ×100`), and a value that cannot be a score
on that scale becomes an error finding instead of a publication. A README table whose every
value lies between 0 and 1 (an lm-eval dump) is read as printing fractions. `disagreements`
then compares the sources: two values for one benchmark (and one setup) further apart than the
scale's tolerance are a warning shown beside both values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from hfeval.observations import Observation, SourceResult
from hfeval.plan import Finding
from hfeval.registry import Benchmark, Registry
from hfeval.scales import (
    FRACTION,
    PERCENT,
    ScaleError,
    describe,
    disagree,
    to_benchmark_scale,
    tolerance,
)


def benchmark_of(observation: Observation, registry: Registry) -> Benchmark | None:
    """The registry benchmark an observation is about (by its known id, else its label)."""
    if observation.benchmark_type is not None:
        return registry.get(observation.benchmark_type)
    return registry.lookup(observation.benchmark)


def normalise_results(
    results: Sequence[SourceResult], registry: Registry, *, strict: bool = True
) -> tuple[list[SourceResult], list[Finding], list[str]]:
    """Each result with its observations on their benchmark's scale; errors for impossible ones.

    `strict` (the spec publishes `.eval_results`, where leaderboards rank bare numbers) makes a
    percentage that only looks like a fraction an error too; for model-index alone it is a
    warning and the value is kept as the card prints it.
    """
    normalised: list[SourceResult] = []
    findings: list[Finding] = []
    notes: list[str] = []
    for result in results:
        kept: list[Observation] = []
        fractions = _prints_fractions(result, registry)
        if fractions:
            notes.append(
                f"{result.source_name}: every value under a percent benchmark is between 0 and 1, "
                "so the table prints fractions; they are published ×100"
            )
        for observation in result.observations:
            benchmark = benchmark_of(observation, registry)
            if fractions and observation.scale is None and _percent(benchmark):
                observation = replace(observation, scale=FRACTION)
            try:
                scaled = _scaled(observation, benchmark)
            except ScaleError as error:
                lenient = error.ambiguous and not strict
                findings.append(
                    Finding(
                        kind="out_of_range",
                        severity="warning" if lenient else "error",
                        benchmark=benchmark.name if benchmark else observation.benchmark,
                        message=f"{error} ({result.source_name}: "
                        f"{observation.provenance.description}); "
                        + ("kept as printed" if lenient else "not published"),
                        values=(
                            (
                                result.source_name,
                                observation.value,
                                observation.provenance.description,
                            ),
                        ),
                    )
                )
                if lenient:
                    kept.append(observation)
                continue
            if (
                benchmark is not None
                and observation.publish_scale is not None
                and observation.publish_scale != benchmark.scale
            ):
                notes.append(
                    f"{benchmark.name} from {result.source_name} is published as a "
                    f"{describe(observation.publish_scale)} (the spec's `scale:`), although the "
                    f"benchmark is published in {describe(benchmark.scale)} elsewhere"
                )
            kept.append(scaled)
        normalised.append(replace(result, observations=tuple(kept)))
    return normalised, findings, notes


def _percent(benchmark: Benchmark | None) -> bool:
    return benchmark is not None and benchmark.scale == PERCENT


def _prints_fractions(result: SourceResult, registry: Registry) -> bool:
    """A source that does not state its scale prints fractions (an lm-evaluation-harness dump)
    when every value under a percent benchmark, or every value at all, lies between 0 and 1 (two
    or more, at least one under a percent benchmark). One such value alone proves nothing."""
    unstated = [o for o in result.observations if o.scale is None]
    percent = [o.value for o in unstated if _percent(benchmark_of(o, registry))]
    every = [o.value for o in unstated]
    return bool(percent) and any(
        len(values) >= 2 and all(0 <= v <= 1 for v in values) for values in (percent, every)
    )


def _scaled(observation: Observation, benchmark: Benchmark | None) -> Observation:
    if benchmark is None and observation.publish_scale is None and observation.scale is None:
        return observation
    value, note = to_benchmark_scale(
        observation.value, observation.scale, benchmark, override=observation.publish_scale
    )
    if note is None:
        return observation
    provenance = observation.provenance
    return replace(
        observation,
        value=value,
        scale=observation.publish_scale or (benchmark.scale if benchmark else observation.scale),
        provenance=replace(
            provenance,
            description=f"{provenance.description} {note}",
            details={**provenance.details, "scale_conversion": f"{observation.value} {note}"},
        ),
    )


def disagreements(results: Sequence[SourceResult], registry: Registry) -> list[Finding]:
    """Warnings for benchmarks whose sources give values further apart than the tolerance."""
    seen: dict[tuple[str, str], list[tuple[int, str, Observation]]] = {}
    names: dict[str, Benchmark] = {}
    for index, result in enumerate(results):
        for observation in result.observations:
            benchmark = benchmark_of(observation, registry)
            if benchmark is None:
                continue
            names[benchmark.id] = benchmark
            setup = (observation.notes or "").casefold()
            seen.setdefault((benchmark.id, setup), []).append(
                (index, result.source_name, observation)
            )
    findings: list[Finding] = []
    for (benchmark_id, _), found in seen.items():
        benchmark = names[benchmark_id]
        first_index, first_source, first = found[0]
        # Two sources of the spec (a table's own rows are one source's business), each by the
        # first value it gives, the one compile keeps.
        seen_sources = {first_index}
        others = []
        for index, source, observation in found:
            if index not in seen_sources:
                seen_sources.add(index)
                others.append((source, observation))
        differing = [
            (s, o)
            for s, o in others
            if disagree(first.value, o.value, first.scale or benchmark.scale)
        ]
        if not differing:
            continue
        values = tuple(
            (source, observation.value, observation.provenance.description)
            for source, observation in [(first_source, first), *differing]
        )
        said = " but ".join(f"{source} says {value:g} ({where})" for source, value, where in values)
        limit = tolerance(benchmark.scale)
        findings.append(
            Finding(
                kind="disagreement",
                severity="warning",
                benchmark=benchmark.name,
                message=f"{benchmark.name}: {said}; they differ by more than "
                f"{limit:g} ({describe(benchmark.scale)})",
                values=values,
            )
        )
    return findings
