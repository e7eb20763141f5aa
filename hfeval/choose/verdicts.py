"""The chooser's verdicts: one per table, with its reason and the labels it weighed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hfeval.choose.identity import Identity
from hfeval.tables.model import Axis

Verdict = Literal["own", "repeat", "sibling", "others", "ambiguous", "no-scores"]


@dataclass(frozen=True)
class Candidate:
    """One label of a table, how well it names the card's model, and why."""

    label: str
    axis: Axis
    score: float
    reason: str
    viable: bool


@dataclass(frozen=True)
class TableChoice:
    """The verdict on one table: whether it is chosen, which label, and the reason."""

    table: int
    line: int
    heading: str | None
    layout: str
    verdict: Verdict
    model: str | None
    axis: Axis | None
    reason: str
    candidates: tuple[Candidate, ...] = ()
    # (benchmark key, metric key, value) of every score the chosen label yields.
    found: tuple[tuple[str, str, float], ...] = ()

    @property
    def scores(self) -> int:
        return len(self.found)

    @property
    def chosen(self) -> bool:
        return self.verdict == "own"

    def as_dict(self) -> dict[str, object]:
        return {
            "table": self.table,
            "line": self.line,
            "heading": self.heading,
            "layout": self.layout,
            "verdict": self.verdict,
            "model": self.model,
            "axis": self.axis,
            "reason": self.reason,
            "scores": self.scores,
            "candidates": [
                {"label": c.label, "axis": c.axis, "score": round(c.score, 2), "reason": c.reason}
                for c in self.candidates
            ],
        }


@dataclass(frozen=True)
class Decision:
    """Every table's verdict for one card, and the names the card was judged by."""

    identity: Identity
    tables: tuple[TableChoice, ...]

    @property
    def chosen(self) -> tuple[TableChoice, ...]:
        return tuple(table for table in self.tables if table.chosen)

    def verdict_of(self, number: int) -> TableChoice | None:
        return next((table for table in self.tables if table.table == number), None)
