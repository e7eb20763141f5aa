"""Putting a 0–1 fraction on a benchmark's publishing scale: the one conversion every source uses.

Harness logs and Artificial Analysis report accuracy-like scores as fractions (0.652); model
cards and the registry's `scale: percent` benchmarks use percentages (65.2). The conversion itself
is `hfeval.scales.convert` (through Decimal, so 0.652 -> 65.2, not 65.20000000000002), which the
compiler also uses to put every observation on its benchmark's scale; `on_scale` decides whether
a log value is converted here and rounds full-precision log values for publishing.
"""

from __future__ import annotations

from dataclasses import dataclass

from hfeval.scales import FRACTION as FRACTION, PERCENT as PERCENT, convert

# Harness values carry ~16 digits (0.7103866565579985); publish what a reader can compare.
_PERCENT_DIGITS = 2
_FRACTION_DIGITS = 4


@dataclass(frozen=True)
class Scaled:
    """A value on its publishing scale, and what was done to it (for provenance)."""

    value: float
    scale: str
    converted: bool
    note: str | None = None


def fraction_to_percent(value: float) -> float:
    """`value` × 100, keeping the digits as printed (`hfeval.scales` owns the conversion)."""
    return convert(value, FRACTION, PERCENT).value


def on_scale(fraction: float, scale: str | None) -> Scaled:
    """A harness's 0–1 `fraction` on `scale`: `percent` multiplies by 100; `fraction` or None
    keeps it a fraction. Either way it is rounded for publishing. A value above 1 is not a
    fraction (a count, a perplexity) and is never multiplied.
    """
    if scale == PERCENT and abs(fraction) <= 1:
        return Scaled(round(fraction_to_percent(fraction), _PERCENT_DIGITS), PERCENT, True)
    if scale == PERCENT:
        return Scaled(fraction, FRACTION, False, f"{fraction} is above 1, not a 0–1 fraction")
    return Scaled(round(fraction, _FRACTION_DIGITS), FRACTION, False)
