"""Reading a found table's structure: real header levels, data rows, column roles and layout.

`analyse(table)` turns a `Table` into a `Grid`: side-by-side blocks stacked (`sidebyside.py`)
and `<br>`-stacked rows split (`stacked.py`), the real header rows worked out (`headers.py`:
an empty header or a title, shots/splits/variant rows below it, rows naming their level),
spanning category rows and spacer rows set aside (`rows.py`), grouped first columns
forward-filled, each column classed as a label, a setting or a score column, and the layout
guessed when no model label is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hfeval.tables.cells import is_placeholder, label_text, match_key
from hfeval.tables.headers import (
    collapse,
    header_levels,
    named_rows,
    setting_columns,
    split_header,
    text_columns,
)
from hfeval.tables.lookalikes import scored_settings
from hfeval.tables.model import Layout, Table
from hfeval.tables.rows import DataRow, forward_fill, is_blank, is_category
from hfeval.tables.sidebyside import restack
from hfeval.tables.stacked import unstack
from hfeval.tables.vocabulary import (
    VALUE_HEADERS,
    groups_benchmarks,
    is_benchmark_header,
    is_generic_heading,
    is_metric_name,
    is_model_header,
    is_setting_header,
    is_shot_label,
    looks_like_benchmark,
    looks_like_model,
)

ColumnRole = Literal["label", "setting", "score"]


@dataclass(frozen=True)
class Column:
    """One column: its header levels (top to bottom) and what it holds."""

    index: int
    levels: tuple[str, ...]
    role: ColumnRole
    # Benchmark and metric read off header rows that name themselves (`Dataset`, `Metric`).
    named: tuple[str, str | None] | None = None

    @property
    def name(self) -> str:
        """The column's own header: its lowest non-empty level."""
        return self.levels[-1] if self.levels else ""

    @property
    def benchmark(self) -> str:
        """Benchmark label of a score column: the level above a sub-label, else the header."""
        if self.named:
            return self.named[0]
        return self.levels[-2] if len(self.levels) >= 2 else self.name

    @property
    def metric(self) -> str | None:
        """Sub-label of a two-level header (`5-shot` under `MMLU`), else None."""
        if self.named:
            return self.named[1]
        if len(self.levels) < 2 or is_placeholder(self.levels[-1]):
            return None
        return self.levels[-1]


@dataclass(frozen=True)
class Grid:
    """A table with its structure worked out."""

    table: Table
    columns: tuple[Column, ...]
    rows: tuple[DataRow, ...]
    row_label_columns: tuple[int, ...]
    benchmark_column: int | None
    layout: Layout

    @property
    def score_columns(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.role == "score")

    def column_by_key(self, *keys: str) -> Column | None:
        for column in self.columns:
            if match_key(column.name) in keys:
                return column
        return None


def analyse(table: Table) -> Grid:
    """Work out a table's header levels, data rows, column roles and probable layout."""
    table = restack(table)
    width = table.width
    numbered = [
        (number, line_row)
        for number, row in enumerate(table.body_rows, start=1)
        for line_row in unstack(row)
    ]
    numbered = [(number, row) for number, row in numbered if not is_blank(row)]
    header_rows, numbered = split_header(list(table.header_rows), numbered, width)
    flagged = [(number, row, is_category(row)) for number, row in numbered]
    plain_rows = [row for _, row, is_category in flagged if not is_category]
    labels = text_columns(plain_rows, width)
    levels = header_levels(header_rows, width, labels)
    column_levels = [collapse([level[index] for level in levels]) for index in range(width)]
    settings = setting_columns(column_levels)
    settings -= scored_settings(column_levels, settings, plain_rows)
    named = named_rows(levels, labels)
    abilities = _ability_groups(column_levels)
    columns: list[Column] = []
    for index in range(width):
        role: ColumnRole
        if index in settings:
            role = "setting"
        elif index in labels:
            role = "label"
        else:
            role = "score"
        own = column_levels[index]
        from_rows = _named(levels, named, index)
        if from_rows is None and len(own) == 2 and own[0] in abilities:
            from_rows = (own[1], None)
        columns.append(Column(index, own, role, from_rows))
    leading = _leading_label_columns(columns)
    rows = forward_fill(flagged, leading)
    benchmark_column = _benchmark_column(columns, _naming_columns(leading, rows))
    grid = Grid(
        table, tuple(columns), tuple(rows), tuple(leading), benchmark_column, "models-as-columns"
    )
    return Grid(
        grid.table,
        grid.columns,
        grid.rows,
        grid.row_label_columns,
        grid.benchmark_column,
        _detect_layout(grid),
    )


def _ability_groups(column_levels: list[tuple[str, ...]]) -> set[str]:
    """Top header labels that group benchmark columns by ability (`Math` over `GSM8K`)."""
    subs: dict[str, list[str]] = {}
    for levels in column_levels:
        if len(levels) == 2:
            subs.setdefault(levels[0], []).append(match_key(levels[1]))
    return {group for group, keys in subs.items() if groups_benchmarks(keys)}


def _named(
    levels: list[list[str]], rows: tuple[int, int] | None, index: int
) -> tuple[str, str | None] | None:
    if rows is None:
        return None
    benchmark, metric = levels[rows[0]][index], levels[rows[1]][index]
    return (benchmark, metric or None) if benchmark else None


def _leading_label_columns(columns: list[Column]) -> list[int]:
    leading: list[int] = []
    for column in columns:
        if column.role == "score":
            break
        leading.append(column.index)
    return leading


def _naming_columns(leading: list[int], rows: list[DataRow]) -> list[int]:
    """Leading columns that can name a row's benchmark: not one holding only shot settings.

    A blank-headed `0-shot` / `maj@64` column beside a blank-headed benchmark column says how a
    row was run; taking it as the row's name would file GSM8K's score under `0-shot`.
    """
    naming = [
        index
        for index in leading
        if not all(is_shot_label(match_key(row.cells[index].text)) for row in rows)
    ]
    return naming or leading


def _benchmark_column(columns: list[Column], leading: list[int]) -> int | None:
    keys = {index: match_key(columns[index].name) for index in leading}
    leading = [index for index in leading if keys[index] not in VALUE_HEADERS] or leading
    if not leading:
        return None
    for index in leading:
        if is_benchmark_header(keys[index]) and not is_setting_header(keys[index]):
            return index
    for index in reversed(leading):
        if columns[index].role == "label" and not is_setting_header(keys[index]):
            return index
    # Both remaining candidates are setting words (`Category | Metric` over benchmark names):
    # a grouping column such as Category spans rows, so the column after it names them.
    named = [index for index in leading if is_benchmark_header(keys[index])]
    specific = [index for index in named if keys[index] not in _GROUPING_HEADERS]
    if specific:
        return specific[0]
    return named[0] if named else leading[0]


_GROUPING_HEADERS = frozenset(
    {"category", "categories", "capability", "domain", "group", "groups", "type", "modality"}
)


def is_lm_eval(grid: Grid) -> bool:
    keys = {match_key(column.name) for column in grid.columns}
    return bool(keys & {"task", "tasks", "groups"}) and {"metric", "value"} <= keys


def value_column(grid: Grid) -> Column | None:
    """The `Value`/`Score` column of a two-column table, whatever its cells hold."""
    if len(grid.columns) != 2:
        return None
    last = grid.columns[1]
    return last if match_key(last.name) in VALUE_HEADERS else None


# Label-column headers of a `Label | Value` list (what each row names), besides benchmark words.
_LIST_HEADERS = frozenset(
    {"metric", "metrics", "dataset", "datasets", "parameter", "parameters", "hyperparameter"}
    | {"hyperparameters", "setting", "settings", "config", "configuration"}
)


def _one_item_list(grid: Grid) -> bool:
    """`Benchmark | Score` over a single `MMLU | 63.1` row: a Metric | Value list of one item.

    Read as a one-row table it would file 63.1 under `Score`; a model in the first column
    (`Model | Score`) keeps the one-row reading.
    """
    if len(grid.rows) != 1 or value_column(grid) is None or grid.row_label_columns != (0,):
        return False
    key = match_key(grid.columns[0].name)
    if is_model_header(key):
        return False
    label = match_key(grid.rows[0].cells[0].text)
    return key in _LIST_HEADERS or is_benchmark_header(key) or looks_like_benchmark(label)


def primary_label_column(grid: Grid) -> int | None:
    """The column naming each row's model when models are rows."""
    for index in grid.row_label_columns:
        if is_model_header(match_key(grid.columns[index].name)):
            return index
    return grid.row_label_columns[0] if grid.row_label_columns else None


def _plain(text: str) -> str:
    """Lower-case label text with single spaces, for the name-shape heuristics."""
    return " ".join(label_text(text).casefold().split())


def _detect_layout(grid: Grid) -> Layout:
    if is_lm_eval(grid):
        return "lm-eval-harness"
    scores = grid.score_columns
    if _one_item_list(grid):
        return "metric-value"
    if len(grid.rows) == 1 and scores:
        return "single-row"
    if not scores and value_column(grid) is not None:
        return "metric-value"
    label_index = primary_label_column(grid)
    label_key = match_key(grid.columns[label_index].name) if label_index is not None else ""
    column_keys = [match_key(column.benchmark) for column in scores]
    column_names = [_plain(column.benchmark) for column in scores]
    row_names = (
        [_plain(row.cells[label_index].text) for row in grid.rows]
        if label_index is not None
        else []
    )
    model_columns = sum(map(looks_like_model, column_names))
    model_rows = sum(map(looks_like_model, row_names))
    if scores and not is_model_header(label_key) and model_rows * 2 < max(len(row_names), 1):
        if len(scores) == 1:
            value_key = column_keys[0]
            if (
                value_key in VALUE_HEADERS
                or is_metric_name(value_key)
                or is_benchmark_header(label_key)
                or not value_key
            ):
                return "metric-value"
        elif all(is_metric_name(key) for key in column_keys):
            return "metric-value"
    if is_model_header(label_key):
        # `Model | 2B Dense | 8B Dense` over attribute rows still has its models in columns.
        flipped = model_columns >= 2 and model_columns > model_rows
        return "models-as-columns" if flipped else "models-as-rows"
    if (
        is_benchmark_header(label_key)
        or is_setting_header(label_key)
        or any(
            is_benchmark_header(match_key(grid.columns[index].name))
            for index in grid.row_label_columns
        )
    ):
        return "models-as-columns"
    as_rows = model_rows + sum(map(looks_like_benchmark, column_names))
    as_columns = model_columns + sum(map(looks_like_benchmark, row_names))
    if as_columns > as_rows:
        return "models-as-columns"
    return "models-as-rows"


def heading_is_benchmark(heading: str | None) -> bool:
    """Whether a heading names a benchmark (`#### IFEval`), not a section (`Results`) or a model."""
    if not heading or is_generic_heading(heading):
        return False
    key = match_key(heading)
    return looks_like_benchmark(key) or not looks_like_model(_plain(heading))
