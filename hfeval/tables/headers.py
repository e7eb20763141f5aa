"""Header rows: which rows are header, the levels each column is headed by, and setting columns.

A table's header can run past its marked header rows: pipe tables have one header line, so
authors put shots, splits or model variants (`base | chat` under a model name written twice)
in the first body row, and HTML tables without `<th>` mark a second header row only by a
`rowspan` on the label cell above it. `split_header` moves such continuation rows into the
header; `header_levels` carries a group label over the columns it spans.
"""

from __future__ import annotations

from collections import defaultdict

from hfeval.tables.cells import is_number, is_placeholder, looks_like_result, match_key
from hfeval.tables.model import Cell, Row
from hfeval.tables.vocabulary import is_benchmark_header, is_model_header, is_setting_header

NumberedRow = tuple[int, Row]

_BENCHMARK_ROW_NAMES = ("dataset", "datasets", "benchmark", "benchmarks", "task", "tasks")
_METRIC_ROW_NAMES = ("metric", "metrics")
_LEVEL_NAMES = frozenset(_BENCHMARK_ROW_NAMES + _METRIC_ROW_NAMES)


def numeric_share(cells: list[Cell]) -> float:
    """The share of a column's filled cells that are numbers.

    A column of nothing but `-` placeholders counts as numeric (a model with no results yet);
    a column of empty cells counts as text (a spacer between label columns). Composite and
    annotated numbers (`84.6/83.4`, `4/30`) are results too, not labels.
    """
    filled = [cell for cell in cells if cell.text and not is_placeholder(cell.text)]
    if not filled:
        return 1.0 if any(cell.text for cell in cells) else 0.0
    return sum(1 for cell in filled if looks_like_result(cell.text)) / len(filled)


def column_cells(rows: list[Row], index: int) -> list[Cell]:
    return [row[index] for row in rows if index < len(row)]


def text_columns(rows: list[Row], width: int) -> set[int]:
    """Columns holding mostly text in these rows: row labels, not scores."""
    return {index for index in range(width) if numeric_share(column_cells(rows, index)) < 0.5}


def _continues_label(cell: Cell, above: Cell | None) -> bool:
    """Whether a continuation row's cell over a label column still belongs to the header.

    It does when empty, when it repeats the header cell above (an HTML rowspan, or a pipe
    table writing `Benchmark` twice), or when it is a header word under an empty header cell.
    """
    if not cell.text:
        return True
    if above is None:
        return False
    if above.text:
        key, above_key = match_key(cell.text), match_key(above.text)
        # `Metric` under `Task`: header rows naming what they hold, one per row.
        return key == above_key or (key in _LEVEL_NAMES and above_key in _LEVEL_NAMES)
    key = match_key(cell.text)
    return is_benchmark_header(key) or is_model_header(key) or is_setting_header(key)


def _is_continuation(row: Row, above: Row | None, labels: set[int], width: int) -> bool:
    """A row under the header naming shots, splits or variants of the columns above it."""
    if not any(cell.text for cell in row) or any(is_number(cell.text) for cell in row):
        return False
    if not labels or len(labels) == width:
        return False
    if not all(
        _continues_label(row[index], above[index] if above and index < len(above) else None)
        for index in labels
    ):
        return False
    return any(row[index].text for index in range(width) if index not in labels)


def _is_title(header: list[Row], first: Row) -> bool:
    """A header filled in its first cell only, over a row of names: a title, not a header.

    One filled cell further right is a group over the columns below it (a family name over
    sizes), which stays a header level.
    """
    filled = [cell for row in header for cell in row if cell.text and not cell.spanned]
    names = [cell for cell in first if cell.text]
    return (
        len(filled) == 1
        and len(header) == 1
        and header[0][0].text == filled[0].text
        and len(names) >= 3
        and not any(is_number(cell.text) or is_placeholder(cell.text) for cell in first)
    )


def split_header(
    header_rows: list[Row], body: list[NumberedRow], width: int
) -> tuple[list[Row], list[NumberedRow]]:
    """The real header rows and the remaining body rows.

    An empty header gives way to the first body row, and so does a title written as the only
    cell of the header (`| **Base models** | | |`) when a row of text follows it; continuation
    rows below the header join it, however many there are (a rowspan of three leaves two).
    """
    header = [row for row in header_rows if any(cell.text for cell in row)]
    rows = list(body)
    if header and rows and width > 2 and _is_title(header, rows[0][1]):
        header = []
    if not header and rows:
        header = [rows[0][1]]
        rows = rows[1:]
    if len(rows) < 2:
        return header, rows
    # Label columns are read off the rows holding numbers, so that neither the continuation
    # rows themselves nor category rows decide which columns are labels.
    scored = [row for _, row in rows if any(is_number(cell.text) for cell in row)]
    labels = text_columns(scored or [row for _, row in rows[1:]], width)
    while len(rows) > 1 and _is_continuation(
        rows[0][1], header[-1] if header else None, labels, width
    ):
        header.append(rows[0][1])
        rows = rows[1:]
    return header, rows


def header_levels(header_rows: list[Row], width: int, label_columns: set[int]) -> list[list[str]]:
    """Each header row's text per column, group labels carried over the cells they span."""
    levels = [
        [row[index].text if index < len(row) else "" for index in range(width)]
        for row in header_rows
    ]
    if len(levels) > 1:
        # An upper-level group label covers the empty cells to its right (pipe tables cannot span).
        for level in levels[:-1]:
            carried = ""
            for index in range(width):
                if index in label_columns:
                    carried = ""
                elif level[index]:
                    carried = level[index]
                else:
                    level[index] = carried
    return levels


def collapse(levels: list[str]) -> tuple[str, ...]:
    """A column's header levels top to bottom, blanks and repeats (spanned copies) dropped."""
    kept: list[str] = []
    for level in levels:
        if level and (not kept or kept[-1] != level):
            kept.append(level)
    return tuple(kept)


def setting_columns(columns: list[tuple[str, ...]]) -> set[int]:
    """Indexes of columns that describe the evaluation (`# Shots`, `Metric`, `Params / Total`).

    A group label that is a setting word makes every column under it a setting. A setting word
    as a column's lowest level does too, unless a sibling under the same group is not one:
    `Base` beside `Chat` under a model name is that model's base variant, not a base-model column.
    """
    siblings: defaultdict[tuple[str, ...], list[bool]] = defaultdict(list)
    for levels in columns:
        if len(levels) >= 2:
            siblings[levels[:-1]].append(is_setting_header(match_key(levels[-1])))
    settings: set[int] = set()
    for index, levels in enumerate(columns):
        if not levels:
            continue
        groups, own = levels[:-1], levels[-1]
        if any(is_setting_header(match_key(level)) for level in groups):
            settings.add(index)
            continue
        if is_setting_header(match_key(own)) and (not groups or all(siblings[groups])):
            settings.add(index)
    return settings


def named_rows(levels: list[list[str]], label_columns: set[int]) -> tuple[int, int] | None:
    """The header rows that say they hold the benchmark and the metric, when both say so.

    A header of several rows may name each row in its first label cell (`Task` over `Metric`
    over `Dataset`), and then that name, not the row's position, tells the benchmark from the
    metric. Dataset or benchmark rows are preferred to a task row, which often groups them.
    """
    if len(levels) < 2 or not label_columns:
        return None
    first = min(label_columns)
    names = [match_key(level[first]) for level in levels]
    benchmark = next(
        (names.index(name) for name in _BENCHMARK_ROW_NAMES if name in names),
        None,
    )
    metric = next((names.index(name) for name in _METRIC_ROW_NAMES if name in names), None)
    if benchmark is None or metric is None:
        return None
    return benchmark, metric
