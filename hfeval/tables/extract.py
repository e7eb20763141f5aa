"""Producing the chosen model's scores from one table, with a reason for every cell taken or not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hfeval.errors import ModelNotFoundError, TableNotFoundError
from hfeval.tables.axis import AxisMatch, column_candidates, match_model, row_candidates
from hfeval.tables.cells import NotAScore, label_text, match_key, parse_value
from hfeval.tables.find import find_headings, find_tables, line_starts, visible_text
from hfeval.tables.layout import (
    Column,
    Grid,
    analyse,
    describes_model,
    heading_is_benchmark,
    primary_label_column,
    value_column,
)
from hfeval.tables.model import Cell, ExtractedScore, Extraction, Layout, SkippedCell, Table
from hfeval.tables.rows import DataRow
from hfeval.tables.vocabulary import is_setting_label, looks_like_benchmark

if TYPE_CHECKING:
    from hfeval.registry import Registry

_NO_AXIS_LAYOUTS: tuple[Layout, ...] = ("single-row", "metric-value", "lm-eval-harness")


def select_table(markdown: str, tables: list[Table], table: int | str) -> Table:
    """The table with that number, or the first one under the heading with that text."""
    if isinstance(table, int):
        if 1 <= table <= len(tables):
            return tables[table - 1]
        raise TableNotFoundError(
            f"there is no table {table}; the README has {len(tables)} table(s)",
            hint="run `hfeval tables SOURCE` to list them",
        )
    text = visible_text(markdown)
    headings = find_headings(text, line_starts(text))
    wanted = match_key(table)
    for position, heading in enumerate(headings):
        if match_key(heading.text) != wanted:
            continue
        following = [h for h in headings[position + 1 :] if h.level <= heading.level]
        stop = following[0].line if following else None
        for candidate in tables:
            if candidate.line > heading.line and (stop is None or candidate.line < stop):
                return candidate
    raise TableNotFoundError(
        f"no table under a heading {table!r}; the README has {len(tables)} table(s)",
        hint="give the table number, or the exact heading text printed by `hfeval tables`",
    )


def extract(
    markdown: str,
    table: int | str,
    model: str | int | None = None,
    *,
    registry: Registry | None = None,
) -> Extraction:
    """The scores of `model` in one table of a README (see the package docstring)."""
    chosen = select_table(markdown, find_tables(markdown), table)
    return extract_from_grid(analyse(chosen), model, registry=registry)


def extract_from_grid(
    grid: Grid, model: str | int | None, *, registry: Registry | None = None
) -> Extraction:
    where = f"table {grid.table.number} (line {grid.table.line})"
    if model is None:
        if grid.layout not in _NO_AXIS_LAYOUTS:
            candidates = (
                row_candidates(grid) if grid.layout == "models-as-rows" else column_candidates(grid)
            )
            if not candidates:
                raise ModelNotFoundError(
                    f"table {grid.table.number} has no model column or row to take scores from",
                    where=where,
                    hint="run `hfeval tables SOURCE` to find the table with the scores",
                )
            raise ModelNotFoundError(
                f"table {grid.table.number} has {grid.layout.replace('-', ' ')}; say which model",
                candidates=tuple(candidates),
                where=where,
                hint="pass --model with one of: " + ", ".join(repr(c) for c in candidates[:12]),
            )
        found, skipped = _extract_without_axis(grid)
        return _finish(grid, grid.layout, None, None, found, skipped, registry)
    match = match_model(grid, model, where=where)
    if match.axis == "column":
        found, skipped = _column_scores(grid, match)
        return _finish(grid, "models-as-columns", match, match.label, found, skipped, registry)
    found, skipped = _row_scores(grid, grid.rows[match.index], match.label)
    layout: Layout = "single-row" if grid.layout == "single-row" else "models-as-rows"
    return _finish(grid, layout, match, match.label, found, skipped, registry)


_Found = list[tuple[str, str | None, float, Cell, str]]


def _finish(
    grid: Grid,
    layout: Layout,
    match: AxisMatch | None,
    model: str | None,
    found: _Found,
    skipped: list[SkippedCell],
    registry: Registry | None,
) -> Extraction:
    scores = []
    for benchmark, metric, value, cell, reason in found:
        known = registry.lookup(benchmark) if registry is not None else None
        scores.append(
            ExtractedScore(
                benchmark, metric, known.id if known else None, value, cell.raw, cell.line, reason
            )
        )
    return Extraction(
        table=grid.table.number,
        line=grid.table.line,
        layout=layout,
        model=model,
        axis=match.axis if match else None,
        scores=tuple(scores),
        skipped=tuple(skipped),
    )


def _take(
    found: _Found,
    skipped: list[SkippedCell],
    label: str,
    metric: str | None,
    cell: Cell,
    reason: str,
    setting: bool | str | None = False,
) -> None:
    """Take the cell as a score, or skip it; `setting` is True or the reason it is no score."""
    parsed = parse_value(cell.text)
    if isinstance(parsed, NotAScore):
        skipped.append(SkippedCell(label, cell.raw, parsed.reason, parsed.looked_like_score))
    elif setting:
        why = setting if isinstance(setting, str) else f"not a score: setting column '{label}'"
        skipped.append(SkippedCell(label, cell.raw, why))
    else:
        found.append((label, metric, parsed, cell, reason))


def _row_setting(grid: Grid, label: str) -> str | None:
    """Whether a row names a property of the model rather than a benchmark."""
    if is_setting_label(match_key(label)):
        return f"not a score: setting row '{label}'"
    header = describes_model(grid)
    return f"not a score: row of a '{header}' table" if header else None


def _row_benchmark(grid: Grid, row: DataRow) -> str:
    """The row's benchmark label; when its cell is blank, the nearest label to its left."""
    if grid.benchmark_column is None:
        return f"row {row.number}"
    for index in reversed(grid.row_label_columns):
        if index <= grid.benchmark_column and row.cells[index].text:
            return row.cells[index].text
    return ""


def _column_scores(grid: Grid, match: AxisMatch) -> tuple[_Found, list[SkippedCell]]:
    found: _Found = []
    skipped: list[SkippedCell] = []
    qualifiers = _row_qualifiers(grid)
    for row, qualifier in zip(grid.rows, qualifiers, strict=True):
        label = _row_benchmark(grid, row)
        cell = row.cells[match.index]
        if not label and not cell.text:
            continue
        reason = f'row "{label}" (body row {row.number}) in column "{match.label}"'
        _take(found, skipped, label, qualifier, cell, reason, _row_setting(grid, label))
    return found, skipped


def _row_qualifiers(grid: Grid) -> list[str | None]:
    """A metric for rows that repeat a benchmark label (`humaneval` at pass@1/10/100).

    Labels that occur once keep no metric; for a repeated label, the first other label column
    whose cells differ between the repeats (Metric, Language, Decoding) tells them apart, and
    failing that the category rows they sit under (an `Average` row closing each section).
    """
    labels = [match_key(_row_benchmark(grid, row)) for row in grid.rows]
    positions: dict[str, list[int]] = {}
    for position, label in enumerate(labels):
        if label:
            positions.setdefault(label, []).append(position)
    qualifiers: list[str | None] = [None] * len(grid.rows)
    others = [i for i in grid.row_label_columns if i != grid.benchmark_column]
    for members in positions.values():
        if len(members) < 2:
            continue
        columns = [[grid.rows[m].cells[index].text for m in members] for index in others]
        columns.append([grid.rows[m].category for m in members])
        for values in columns:
            if len({match_key(value) for value in values}) > 1:
                for member, value in zip(members, values, strict=True):
                    qualifiers[member] = value or None
                break
    return qualifiers


def _row_scores(grid: Grid, row: DataRow, model: str) -> tuple[_Found, list[SkippedCell]]:
    found: _Found = []
    skipped: list[SkippedCell] = []
    model_column = primary_label_column(grid)
    for column in grid.columns:
        if column.index == model_column:
            continue
        label = column.benchmark or f"column {column.index + 1}"
        cell = row.cells[column.index]
        if not label and not cell.text:
            continue
        reason = f'column "{column.name}" in row "{model}" (body row {row.number})'
        _take(found, skipped, label, column.metric, cell, reason, column.role == "setting")
    return found, skipped


def _extract_without_axis(grid: Grid) -> tuple[_Found, list[SkippedCell]]:
    if grid.layout == "lm-eval-harness":
        return _lm_eval_scores(grid)
    if grid.layout == "metric-value":
        return _metric_value_scores(grid)
    return _single_row_scores(grid)


def _heading_names_benchmark(grid: Grid, columns: list[Column]) -> bool:
    """One-row tables whose headers are sub-scores of the benchmark named in the heading."""
    heading = grid.table.heading
    if not heading or not heading_is_benchmark(heading):
        return False
    heading_key = match_key(heading)
    names = [match_key(column.name) for column in columns]
    if any(heading_key in name or name in heading_key for name in names if name):
        return False
    return sum(map(looks_like_benchmark, names)) * 2 < len(names)


def _single_row_scores(grid: Grid) -> tuple[_Found, list[SkippedCell]]:
    row = grid.rows[0]
    # Leading settings (a toolkit version, a vocabulary size) are reported as skipped, not dropped.
    columns = [
        c for c in grid.columns if c.index not in grid.row_label_columns or c.role == "setting"
    ]
    from_heading = _heading_names_benchmark(grid, columns)
    found: _Found = []
    skipped: list[SkippedCell] = []
    for column in columns:
        cell = row.cells[column.index]
        if from_heading and len(column.levels) <= 1:
            label, metric = grid.table.heading or "", column.name or None
        else:
            label, metric = column.benchmark, column.metric
        if not label and not cell.text:
            continue
        reason = f'column "{column.name}" of the only row'
        _take(found, skipped, label, metric, cell, reason, column.role == "setting")
    return found, skipped


def _metric_value_scores(grid: Grid) -> tuple[_Found, list[SkippedCell]]:
    """`Metric | Value` rows, or benchmark rows under several metric columns (`BLEU | chr-F`)."""
    fallback = value_column(grid)
    value_columns = grid.score_columns or ((fallback,) if fallback else ())
    several = len(value_columns) > 1
    found: _Found = []
    skipped: list[SkippedCell] = []
    for row in grid.rows:
        label = _row_benchmark(grid, row)
        for column in value_columns:
            cell = row.cells[column.index]
            if not label and not cell.text:
                continue
            reason = f'row "{label}" in column "{column.name}"'
            metric = column.name if several else None
            _take(found, skipped, label, metric, cell, reason, _row_setting(grid, label))
    return found, skipped


def _lm_eval_scores(grid: Grid) -> tuple[_Found, list[SkippedCell]]:
    task = grid.column_by_key("tasks", "task", "groups")
    metric = grid.column_by_key("metric")
    value = grid.column_by_key("value")
    assert task is not None and metric is not None and value is not None
    found: _Found = []
    skipped: list[SkippedCell] = []
    current_task = ""
    for row in grid.rows:
        task_text = label_text(row.cells[task.index].text).lstrip("- ").strip()
        current_task = task_text or current_task
        metric_text = label_text(row.cells[metric.index].text)
        if "stderr" in metric_text.casefold():
            continue
        cell = row.cells[value.index]
        reason = f'task "{current_task}", metric "{metric_text}", Value column'
        _take(found, skipped, current_task, metric_text or None, cell, reason)
    return found, skipped
