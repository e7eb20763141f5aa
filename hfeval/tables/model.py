"""The frozen values passed between the table steps: cells, tables, and what extraction produced."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

# `fenced`: an lm-eval dump pasted in a code block, numbered after the visible tables.
TableKind = Literal["pipe", "html", "fenced"]
Layout = Literal[
    "models-as-columns", "models-as-rows", "single-row", "metric-value", "lm-eval-harness"
]
Axis = Literal["column", "row"]


class Cell(NamedTuple):
    """One grid position: the source text, its cleaned form and the line it sits on.

    `spanned` marks a copy made to fill a colspan/rowspan, so a spanning category label is not
    mistaken for a row full of text; `shifted` marks a cell of a pipe row with more filled cells
    than its header, whose cells may not sit under their headers. A NamedTuple rather than a
    frozen dataclass: documents hold hundreds of thousands of cells and tuples are several
    times cheaper to build.
    """

    raw: str
    text: str
    line: int
    spanned: bool = False
    shifted: bool = False


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A table as found in the document, before any interpretation.

    `number` is the 1-based position in the shared pipe/HTML sequence, `line` the 1-based line
    of its first row, `heading` the nearest heading above it, `caption` the colon-ended line
    just above it. Rows are padded to equal width.
    """

    number: int
    line: int
    kind: TableKind
    heading: str | None
    header_rows: tuple[Row, ...]
    body_rows: tuple[Row, ...]
    # The paragraph line that introduces the table (`WER on [MLS](...) test set:`), if any.
    caption: str | None = None

    @property
    def width(self) -> int:
        rows = self.header_rows + self.body_rows
        return max((len(row) for row in rows), default=0)

    @property
    def header(self) -> tuple[tuple[str, ...], ...]:
        """Cleaned header texts, one tuple per header row."""
        return tuple(tuple(cell.text for cell in row) for row in self.header_rows)

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """Cleaned body texts, one tuple per body row."""
        return tuple(tuple(cell.text for cell in row) for row in self.body_rows)


@dataclass(frozen=True)
class ExtractedScore:
    """One score taken from the chosen model's column or row."""

    benchmark: str
    metric: str | None
    type: str | None
    value: float
    cell: str
    line: int
    reason: str


@dataclass(frozen=True)
class SkippedCell:
    """A cell of the chosen model that was not taken, and why."""

    label: str
    cell: str
    reason: str
    looked_like_score: bool = False


@dataclass(frozen=True)
class Extraction:
    """Everything `extract` found in one table for one model."""

    table: int
    line: int
    layout: Layout
    model: str | None
    axis: Axis | None
    scores: tuple[ExtractedScore, ...]
    skipped: tuple[SkippedCell, ...]
