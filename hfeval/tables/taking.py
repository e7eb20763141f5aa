"""Taking one cell as a score, or skipping it with the reason it is not one."""

from __future__ import annotations

from hfeval.tables.cells import NotAScore, match_key, parse_value
from hfeval.tables.layout import Grid, describes_model
from hfeval.tables.model import Cell, SkippedCell
from hfeval.tables.rows import DataRow
from hfeval.tables.vocabulary import is_setting_label

# (benchmark, metric, value, cell, reason) for every cell taken as a score.
Found = list[tuple[str, str | None, float, Cell, str]]


def take(
    found: Found,
    skipped: list[SkippedCell],
    label: str,
    metric: str | None,
    cell: Cell,
    reason: str,
    setting: bool | str | None = False,
) -> None:
    """Take the cell as a score, or skip it; `setting` is True or the reason it is no score."""
    parsed = parse_value(cell.text)
    if cell.shifted and not isinstance(parsed, NotAScore):
        why = "row has more cells than the header (a '|' inside a cell?); values may be shifted"
        skipped.append(SkippedCell(label, cell.raw, why, looked_like_score=True))
    elif isinstance(parsed, NotAScore):
        skipped.append(SkippedCell(label, cell.raw, parsed.reason, parsed.looked_like_score))
    elif setting:
        why = setting if isinstance(setting, str) else f"not a score: setting column '{label}'"
        skipped.append(SkippedCell(label, cell.raw, why))
    else:
        found.append((label, metric, parsed, cell, reason))


def row_setting(grid: Grid, label: str) -> str | None:
    """Whether a row names a property of the model rather than a benchmark."""
    if is_setting_label(match_key(label)):
        return f"not a score: setting row '{label}'"
    header = describes_model(grid)
    return f"not a score: row of a '{header}' table" if header else None


def row_benchmark(grid: Grid, row: DataRow) -> str:
    """The row's benchmark label; when its cell is blank, the nearest label to its left."""
    if grid.benchmark_column is None:
        return f"row {row.number}"
    for index in reversed(grid.row_label_columns):
        if index <= grid.benchmark_column and row.cells[index].text:
            return row.cells[index].text
    return ""
