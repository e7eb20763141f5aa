"""Rows that stack several results in one: `MGSM<br>MATH | 80.6<br>80.4 | 53.5<br>44.6`.

Some cards save space by writing two benchmarks in one row, one per line, with the same number
of lines in the label cell and in every value cell. Read as one row, the label becomes
`MGSM MATH` and no value parses; split line by line, each benchmark gets its own row. A row is
split only when the lines line up: every filled cell right of the label has exactly as many
lines, and cells before it (a category) have one line, which every split row shares.
"""

from __future__ import annotations

import re

from hfeval.tables.cells import clean_cell, is_number, is_placeholder
from hfeval.tables.model import Cell, Row

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _lines(cell: Cell) -> list[str]:
    """The non-empty lines of an original cell, as raw text."""
    if cell.spanned or "<" not in cell.raw or not _BREAK.search(cell.raw):
        return [cell.raw]
    return [line.strip() for line in _BREAK.split(cell.raw) if line.strip()] or [cell.raw]


def _reads_as_value(raw: str) -> bool:
    text = clean_cell(raw)
    return is_number(text) or is_placeholder(text)


def unstack(row: Row) -> list[Row]:
    """The row, or one row per stacked line when its cells line up (see the module docstring)."""
    if not any("<" in cell.raw for cell in row):
        return [row]
    lines = [_lines(cell) for cell in row]
    count = max(len(cell_lines) for cell_lines in lines)
    stacked = [index for index, cell_lines in enumerate(lines) if len(cell_lines) == count]
    if count < 2 or len(stacked) < 2:
        return [row]
    label = stacked[0]
    after_label = [index for index in range(label + 1, len(row)) if row[index].text]
    if any(len(lines[index]) != count for index in after_label):
        return [row]
    if any(_reads_as_value(line) for line in lines[label]):
        return [row]
    if not any(all(map(_reads_as_value, lines[index])) for index in after_label):
        return [row]
    split: list[Row] = []
    for position in range(count):
        cells = []
        for cell, cell_lines in zip(row, lines, strict=True):
            if len(cell_lines) == count:
                raw = cell_lines[position]
                cells.append(Cell(raw=raw, text=clean_cell(raw), line=cell.line))
            else:
                # A one-line category cell heads every split row; later copies count as spans.
                cells.append(cell._replace(spanned=cell.spanned or position > 0))
        split.append(tuple(cells))
    return split
