"""Long-format tables: one row per benchmark and model, `Task | Dataset | Model | Performance`.

Audio and multimodal cards often list results this way: the dataset is written once and left
blank below, and each model appears once per dataset. Beside the model column sits a Dataset,
Benchmark or Task column; a model's scores are all of its rows, each labelled by that column,
with one score per score column (named by the column when there are several, or by a Metric
column when the table has one).
"""

from __future__ import annotations

from hfeval.tables.cells import label_text, match_key
from hfeval.tables.layout import Grid, primary_label_column
from hfeval.tables.model import SkippedCell
from hfeval.tables.taking import Found, take
from hfeval.tables.vocabulary import is_model_header

_BENCHMARK_COLUMN_HEADERS = frozenset(
    {
        "dataset",
        "datasets",
        "benchmark",
        "benchmarks",
        "task",
        "tasks",
        "testset",
        "evaluation",
        "evalset",
    }
)
_METRIC_HEADERS = frozenset({"metric", "metrics"})


def long_benchmark_column(grid: Grid) -> int | None:
    """The column naming each row's benchmark in a long-format table, else None."""
    model = primary_label_column(grid)
    if model is None or not is_model_header(match_key(grid.columns[model].name)):
        return None
    named = [
        index
        for index in grid.row_label_columns
        if index != model and match_key(grid.columns[index].name) in _BENCHMARK_COLUMN_HEADERS
    ]
    before = [index for index in named if index < model]
    if before:
        return before[-1]
    return named[0] if named else None


def long_rows(grid: Grid, model: str) -> list[int]:
    """Positions of the rows whose model cell names `model` exactly."""
    column = primary_label_column(grid)
    key = match_key(model)
    if column is None or not key:
        return []
    return [
        position
        for position, row in enumerate(grid.rows)
        if match_key(label_text(row.cells[column].text)) == key
    ]


def long_candidates(grid: Grid) -> list[str]:
    """Each model named in the model column, once, in order of appearance."""
    column = primary_label_column(grid)
    names: dict[str, str] = {}
    for row in grid.rows:
        name = label_text(row.cells[column].text) if column is not None else ""
        if name:
            names.setdefault(match_key(name), name)
    return list(names.values())


def long_scores(grid: Grid, positions: list[int], model: str) -> tuple[Found, list[SkippedCell]]:
    """One score per score column of each of the model's rows, labelled by its benchmark."""
    benchmark_column = long_benchmark_column(grid)
    assert benchmark_column is not None
    metric_column = next(
        (
            index
            for index in grid.row_label_columns
            if match_key(grid.columns[index].name) in _METRIC_HEADERS
        ),
        None,
    )
    values = [column for column in grid.columns if column.index not in grid.row_label_columns]
    several = sum(1 for column in values if column.role == "score") > 1
    found: Found = []
    skipped: list[SkippedCell] = []
    for position in positions:
        row = grid.rows[position]
        label = row.cells[benchmark_column].text
        for column in values:
            cell = row.cells[column.index]
            if column.role == "setting" or several or "|" in column.name:
                metric: str | None = column.name
            else:
                metric = row.cells[metric_column].text if metric_column is not None else None
            reason = f'row "{label}" (body row {row.number}) of "{model}", column "{column.name}"'
            take(found, skipped, label, metric or None, cell, reason, column.role == "setting")
    return found, skipped
