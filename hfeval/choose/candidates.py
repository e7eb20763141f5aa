"""The model labels one analysed table offers, each with the raw cell text that carries its marks.

The labels are the ones `hfeval.tables.extract` accepts as `model:` (made unique the same way),
so a chosen label can be written into a spec as it is. The raw text keeps what cleaning drops:
`(ours)`, `(this model)`, bold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hfeval.tables.axis import column_label, model_columns, prefers_rows, row_labels
from hfeval.tables.cells import label_text, match_key
from hfeval.tables.layout import Grid, primary_label_column
from hfeval.tables.longform import long_benchmark_column
from hfeval.tables.model import Axis

_OURS = re.compile(r"\(\s*(?:ours|this\s+model|our\s+model)\s*\)|\bthis\s+model\b|\bours\b", re.I)
_BOLD = re.compile(r"^\s*(?:\*\*|__|<b>|<strong>)", re.I)


@dataclass(frozen=True)
class Offered:
    """One label a table offers for its model axis."""

    label: str
    axis: Axis
    raw: str

    @property
    def ours(self) -> bool:
        return bool(_OURS.search(self.raw))

    @property
    def bold(self) -> bool:
        return bool(_BOLD.match(self.raw))


def offered_labels(grid: Grid, *, other_axis: bool = False) -> list[Offered]:
    """The labels of the table's model axis (or of the other axis), in table order, each once.

    The other axis is asked for when the layout guess may be wrong: a `Method` column of
    model names reads as a setting, so the table looks like models as columns.
    """
    offered: list[Offered] = []
    rows = prefers_rows(grid) or long_benchmark_column(grid) is not None
    if rows != other_axis:
        label_column = primary_label_column(grid)
        labels = row_labels(grid)
        for row, primary, distinct in zip(grid.rows, labels.primary, labels.distinct, strict=True):
            if primary:
                raw = row.cells[label_column].raw if label_column is not None else ""
                label = primary if long_benchmark_column(grid) is not None else distinct
                offered.append(Offered(label_text(label), "row", raw))
    else:
        for column in model_columns(grid):
            label = column_label(grid, column)
            if not label:
                continue
            raw = " ".join(
                row[column.index].raw for row in grid.table.header_rows if column.index < len(row)
            )
            offered.append(Offered(label_text(label), "column", raw))
    unique: dict[str, Offered] = {}
    for item in offered:
        unique.setdefault(match_key(item.label), item)
    return list(unique.values())
