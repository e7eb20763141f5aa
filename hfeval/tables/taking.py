"""Taking one cell as a score, or skipping it with the reason it is not one."""

from __future__ import annotations

from collections.abc import Callable

from hfeval.tables.cells import NotAScore, match_key, packed_parts, parse_value
from hfeval.tables.layout import Grid
from hfeval.tables.lookalikes import numbers, reads_as_scores
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
    """Take the cell as a score, or skip it; `setting` is True or the reason it is no score.

    A cell packing several values (`1.6 | 3.4`) is taken part by part when its label or its
    metric packs as many names (`Librispeech clean | other`, `test-clean | test-other`), and
    skipped otherwise: a value is never matched to a name by guesswork.
    """
    parts = packed_parts(cell.text) if not setting else None
    if parts is not None:
        named = unpack_names(label, len(parts))
        metrics = unpack_names(metric, len(parts)) if metric and named is None else None
        if named is None and metrics is None:
            why = f"packs {len(parts)} values, but no label or header names {len(parts)} parts"
            skipped.append(SkippedCell(label, cell.raw, why, looked_like_score=True))
            return
        for position, part in enumerate(parts):
            part_label = named[position] if named else label
            part_metric = metrics[position] if metrics else metric
            part_cell = cell._replace(text=part)
            take(found, skipped, part_label, part_metric, part_cell, reason, setting)
        return
    if isinstance(parse_value(cell.text), float) and (
        unpack_names(label, 0) is not None or unpack_names(metric, 0) is not None
    ):
        why = "one value where the label or header names several parts"
        skipped.append(SkippedCell(label, cell.raw, why, looked_like_score=True))
        return
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


def unpack_names(label: str | None, count: int) -> list[str] | None:
    """`count` names packed in a label with `|`, a leading name carried to the rest.

    `Librispeech clean | other` names `Librispeech clean` and `Librispeech other`; `test-clean |
    test-other` names both as written. None when the label does not pack `count` names.
    """
    if not label or "|" not in label:
        return None
    parts = [part.strip() for part in _top_level_split(label)]
    if len(parts) < 2:
        return None  # `XOR-TyDi (R@2k|R@5k)`: the bar is inside brackets, part of one name
    if not all(parts):
        return None
    if count == 0:
        return parts  # any count: whether the label packs names at all
    if len(parts) != count:
        return None
    words = parts[0].split()
    if len(words) >= 2 and all(" " not in part for part in parts[1:]):
        stem = " ".join(words[:-1])
        return [parts[0], *(f"{stem} {part}" for part in parts[1:])]
    return parts


def _top_level_split(text: str) -> list[str]:
    """`text` split at the `|` that sit outside brackets."""
    parts, depth, start = [], 0, 0
    for position, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif char == "|" and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return parts


def row_settings(grid: Grid) -> Callable[[str, DataRow | None], str | None]:
    """For a row of `grid` (label, row): why it is no score, or None.

    A row is no score when it names a property of the model, or its table describes one. A row
    named like a setting whose cells read as scores (a `date` question category beside
    `group_by` and `ratio`) is a score row; see `lookalikes.py`. The table-wide check is made
    once per grid here, not once per row (it reads every row label).
    """
    described = describes_model(grid)
    table_reason = f"not a score: row of a table of {described}" if described else None

    def reason(label: str, row: DataRow | None = None) -> str | None:
        if is_setting_label(match_key(label)) and not (
            row is not None and _scored_row(grid, label, row)
        ):
            return f"not a score: setting row '{label}'"
        return table_reason

    return reason


# Label-column headers of tables that list how a model is built or trained, row by row.
_DESCRIPTION_HEADERS = frozenset(
    {
        "hyperparameter",
        "hyperparameters",
        "hyper-parameter",
        "hyper-parameters",
        "hparam",
        "hparams",
        "parameter",
        "parameters",
        "config",
        "configuration",
        "architecture",
        "setting",
        "settings",
    }
)


def describes_model(grid: Grid) -> str | None:
    """What a table lists when its rows describe a model instead of scoring it, else None.

    Either its label column says so (`Hyperparameter | Value`), or most of its row labels name
    properties (`Number of layers`, `Embedding size`, `# Parameters` under `Model | 2B | 8B`).
    """
    if not grid.row_label_columns or not grid.rows:
        return None
    header = grid.columns[grid.row_label_columns[0]].name
    if match_key(header) in _DESCRIPTION_HEADERS:
        return f"'{header}'"
    labels = [match_key(row_benchmark(grid, row)) for row in grid.rows]
    properties = sum(1 for label in labels if label and is_setting_label(label))
    return "model properties" if properties * 2 > len(labels) else None


def row_benchmark(grid: Grid, row: DataRow) -> str:
    """The row's benchmark label; when its cell is blank, the nearest label to its left."""
    if grid.benchmark_column is None:
        return f"row {row.number}"
    for index in reversed(grid.row_label_columns):
        if index <= grid.benchmark_column and row.cells[index].text:
            return row.cells[index].text
    return ""


def _scored_row(grid: Grid, label: str, row: DataRow) -> bool:
    score_columns = [column.index for column in grid.score_columns]
    texts = [row.cells[index].text for index in score_columns]
    others = [
        value
        for other in grid.rows
        if other is not row and not is_setting_label(match_key(row_benchmark(grid, other)))
        for _, value in numbers([other.cells[index].text for index in score_columns]) or []
    ]
    return reads_as_scores(label, texts, others)
