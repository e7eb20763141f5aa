"""One scale per benchmark: converting a source's value to its benchmark's scale, and range checks.

Pure. Every source states the scale its numbers are on (`fraction` for Artificial Analysis
benchmarks, inspect-ai and lm-eval metrics; `percent` for AA's indices; `None` for a README
table, whose numbers are taken as printed). The registry says which scale each benchmark is
published on (`Benchmark.scale`). The one function sources and the compiler call is

    value, note = to_benchmark_scale(0.652, "fraction", benchmark)   # -> (65.2, "×100")

`note` is the conversion as provenance shows it (None when nothing was converted). A value that
cannot mean a score on the benchmark's scale raises `ScaleError` (a plan error, never published):
above 100 or below 0 for a percentage, above 1 for a fraction, and, for a percent benchmark, a
value that only looks like a 0–1 fraction (`0.652`) when its source did not state its scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

PERCENT = "percent"
FRACTION = "fraction"
SCORE_0_10 = "score_0_10"

FRACTION_LIKE = "looks like a 0–1 fraction"

# Inclusive bounds of the scales that have them; `elo` and `other` are unbounded.
RANGES: dict[str, tuple[float, float]] = {
    PERCENT: (0.0, 100.0),
    FRACTION: (0.0, 1.0),
    SCORE_0_10: (0.0, 10.0),
}

# Disagreement tolerance between two sources, as a share of the scale's width (1 point of 100).
_TOLERANCE_SHARE = 0.01


class ScaledBenchmark(Protocol):
    """What the conversion reads from a registry `Benchmark`."""

    @property
    def id(self) -> str: ...
    @property
    def scale(self) -> str: ...


class ScaleError(ValueError):
    """A value that is out of range for the scale it would be published on.

    `ambiguous` is set for a percentage that only looks like a fraction (its source did not
    state a scale): wrong on a leaderboard, but possibly how the card has always printed it.
    """

    def __init__(self, message: str, *, ambiguous: bool = False) -> None:
        super().__init__(message)
        self.ambiguous = ambiguous


@dataclass(frozen=True)
class Scaled:
    """A value on its publication scale, and how it got there (None: unchanged)."""

    value: float
    note: str | None


def to_benchmark_scale(
    value: float,
    source_scale: str | None,
    benchmark: ScaledBenchmark | None,
    *,
    override: str | None = None,
) -> tuple[float, str | None]:
    """`value` converted from `source_scale` to `benchmark`'s scale (or to `override`).

    `source_scale` None means "as printed, presumably already on the benchmark's scale".
    `override` is an explicit `scale:` from a spec: the value is published on that scale instead.
    Raises `ScaleError` when the result is out of range for the scale it is published on.
    """
    scaled = convert(value, source_scale, override or (benchmark.scale if benchmark else None))
    target = override or (benchmark.scale if benchmark else source_scale)
    name = benchmark.id if benchmark is not None else "this benchmark"
    problem = range_problem(scaled.value, target, stated=source_scale is not None)
    if problem is not None:
        raise ScaleError(
            f"{_number(value)} for {name} {problem}", ambiguous=FRACTION_LIKE in problem
        )
    return scaled.value, scaled.note


def convert(value: float, source_scale: str | None, target_scale: str | None) -> Scaled:
    """Fraction ↔ percent conversion; any other pair (or an unknown side) leaves `value` as is."""
    if source_scale == FRACTION and target_scale == PERCENT:
        # Decimal keeps the printed digits: 0.652 becomes 65.2, not 65.20000000000002.
        return Scaled(float(Decimal(str(value)) * 100), "×100")
    if source_scale == PERCENT and target_scale == FRACTION:
        return Scaled(float(Decimal(str(value)) / 100), "÷100")
    return Scaled(value, None)


def range_problem(value: float, scale: str | None, *, stated: bool) -> str | None:
    """Why `value` cannot be a score on `scale`, or None when it can.

    `stated` says the source declared its scale; only then is a percentage below 1 believed
    (an HLE score of 0.8 % from a log is real, a README's `0.652` under GPQA is a fraction).
    """
    if scale is None or scale not in RANGES:
        return None
    low, high = RANGES[scale]
    if value < low or value > high:
        return f"is out of range for a {describe(scale)} benchmark ({_number(low)}–{_number(high)})"
    if scale == PERCENT and not stated and 0 < value < 1:
        return (
            f"{FRACTION_LIKE}, but the benchmark is published in percent (0–100); "
            "give the source's scale or convert the value"
        )
    return None


def tolerance(scale: str | None) -> float:
    """How far apart two sources' values may be before they disagree."""
    if scale in RANGES:
        low, high = RANGES[scale]
        return (high - low) * _TOLERANCE_SHARE
    return 0.0


def disagree(first: float, second: float, scale: str | None) -> bool:
    """True when two values for one benchmark differ by more than the scale's tolerance."""
    limit = tolerance(scale)
    if limit == 0.0:
        return abs(first - second) > max(abs(first), abs(second)) * _TOLERANCE_SHARE
    return abs(first - second) > limit + 1e-9


def describe(scale: str) -> str:
    return {PERCENT: "percent", FRACTION: "0–1 fraction", SCORE_0_10: "0–10 score"}.get(
        scale, scale
    )


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
