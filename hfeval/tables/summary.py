"""A short description of each table for `hfeval tables`: layout, headers, model candidates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hfeval.tables.axis import column_candidates, prefers_rows, row_candidates
from hfeval.tables.layout import Grid
from hfeval.tables.model import Axis

_SAMPLE_ROWS = 3


@dataclass(frozen=True)
class Candidate:
    """One model label a table offers; `matches_repo` when it names the repo being read."""

    label: str
    matches_repo: bool


@dataclass(frozen=True)
class TableSummary:
    """What `hfeval tables` shows for one table."""

    number: int
    line: int
    kind: str
    heading: str | None
    layout: str
    axis: Axis | None
    header: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    sample_rows: tuple[tuple[str, ...], ...]
    row_count: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "line": self.line,
            "kind": self.kind,
            "heading": self.heading,
            "layout": self.layout,
            "model_axis": self.axis,
            "header": list(self.header),
            "candidates": [
                {"label": candidate.label, "matches_repo": candidate.matches_repo}
                for candidate in self.candidates
            ],
            "sample_rows": [list(row) for row in self.sample_rows],
            "row_count": self.row_count,
        }


def _loose(text: str) -> str:
    """Compare repo names and labels ignoring case, spaces, dashes, dots and underscores."""
    return re.sub(r"[\s\-_.]+", "", text.casefold())


def summarise(grid: Grid, repo_name: str | None = None) -> TableSummary:
    """The summary of one analysed table; `repo_name` marks the candidate naming the repo."""
    axis: Axis | None
    if grid.layout in ("single-row", "metric-value", "lm-eval-harness"):
        axis, labels = None, []
    elif prefers_rows(grid):
        axis, labels = "row", row_candidates(grid)
    else:
        axis, labels = "column", column_candidates(grid)
    wanted = _loose(repo_name) if repo_name else None
    candidates = tuple(Candidate(label, _loose(label) == wanted) for label in labels)
    header = tuple(" / ".join(column.levels) for column in grid.columns)
    rows = tuple(tuple(cell.text for cell in row.cells) for row in grid.rows[:_SAMPLE_ROWS])
    table = grid.table
    return TableSummary(
        table.number,
        table.line,
        table.kind,
        table.heading,
        grid.layout,
        axis,
        header,
        candidates,
        rows,
        len(grid.rows),
    )
