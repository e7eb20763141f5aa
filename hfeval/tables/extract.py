"""Producing the chosen model's scores from one table, with a reason for every cell taken or not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hfeval.errors import ModelNotFoundError, TableNotFoundError
from hfeval.tables.axis import AxisMatch, column_candidates, match_model, row_candidates
from hfeval.tables.cells import label_text, match_key
from hfeval.tables.find import find_headings, find_tables, line_starts, visible_text
from hfeval.tables.layout import Grid, analyse, primary_label_column
from hfeval.tables.longform import long_benchmark_column, long_rows, long_scores
from hfeval.tables.model import ExtractedScore, Extraction, Layout, SkippedCell, Table
from hfeval.tables.noaxis import scores_without_axis
from hfeval.tables.rows import DataRow
from hfeval.tables.taking import Found, row_benchmark, row_settings, take
from hfeval.tables.vocabulary import (
    VALUE_HEADERS,
    is_benchmark_header,
    is_model_header,
    is_setting_header,
)

if TYPE_CHECKING:
    from hfeval.registry import Registry

_NO_AXIS_LAYOUTS: tuple[Layout, ...] = ("single-row", "metric-value", "lm-eval-harness")


def select_table(markdown: str, tables: list[Table], table: int | str) -> Table:
    """The table with that number, or the first one under the heading with that text."""
    if not tables:
        raise TableNotFoundError(
            "no evaluation tables found: the README has no markdown or HTML tables",
            hint="check the repo id, `revision:` or `file:`; `hfeval tables SOURCE` shows what "
            "hfeval reads",
        )
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
        found, skipped = scores_without_axis(grid)
        return _finish(grid, grid.layout, None, None, found, skipped, registry)
    if isinstance(model, str) and long_benchmark_column(grid) is not None:
        positions = long_rows(grid, model)
        if positions:
            label = label_text(grid.rows[positions[0]].cells[primary_label_column(grid) or 0].text)
            found, skipped = long_scores(grid, positions, label)
            long_match = AxisMatch("row", positions[0], label)
            return _finish(grid, "models-as-rows", long_match, label, found, skipped, registry)
    match = match_model(grid, model, where=where)
    if match.axis == "column":
        found, skipped = _column_scores(grid, match)
        return _finish(grid, "models-as-columns", match, match.label, found, skipped, registry)
    found, skipped = _row_scores(grid, grid.rows[match.index], match.label)
    layout: Layout = "single-row" if grid.layout == "single-row" else "models-as-rows"
    return _finish(grid, layout, match, match.label, found, skipped, registry)


def _finish(
    grid: Grid,
    layout: Layout,
    match: AxisMatch | None,
    model: str | None,
    found: Found,
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


def _column_scores(grid: Grid, match: AxisMatch) -> tuple[Found, list[SkippedCell]]:
    found: Found = []
    skipped: list[SkippedCell] = []
    qualifiers = _row_qualifiers(grid)
    setting = row_settings(grid)
    for row, qualifier in zip(grid.rows, qualifiers, strict=True):
        label = row_benchmark(grid, row)
        cell = row.cells[match.index]
        if not label and not cell.text:
            continue
        reason = f'row "{label}" (body row {row.number}) in column "{match.label}"'
        take(found, skipped, label, qualifier, cell, reason, setting(label, row))
    return found, skipped


def _row_qualifiers(grid: Grid) -> list[str | None]:
    """A metric for rows that repeat a benchmark label (`humaneval` at pass@1/10/100).

    Labels that occur once keep no metric; for a repeated label, the first other label column
    whose cells differ between the repeats (Metric, Language, Decoding) tells them apart, and
    failing that the category rows they sit under (an `Average` row closing each section).
    """
    labels = [match_key(row_benchmark(grid, row)) for row in grid.rows]
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


def _corner_benchmark(grid: Grid, model_column: int | None) -> str | None:
    """The benchmark a models-as-rows table names in its corner over a lone `Score` column.

    `Arena General | Score | 95% CI` lists models by their Arena General score: the corner cell,
    not the word `Score`, names what was measured.
    """
    scores = grid.score_columns
    if model_column is None or len(scores) != 1 or match_key(scores[0].name) not in VALUE_HEADERS:
        return None
    corner = grid.columns[model_column].name
    key = match_key(corner)
    if not key or is_model_header(key) or is_setting_header(key) or is_benchmark_header(key):
        return None
    return corner


def _row_scores(grid: Grid, row: DataRow, model: str) -> tuple[Found, list[SkippedCell]]:
    found: Found = []
    skipped: list[SkippedCell] = []
    model_column = primary_label_column(grid)
    corner = _corner_benchmark(grid, model_column)
    for column in grid.columns:
        if column.index == model_column:
            continue
        label = column.benchmark or f"column {column.index + 1}"
        if corner and column.role == "score":
            label = corner
        cell = row.cells[column.index]
        if not label and not cell.text:
            continue
        reason = f'column "{column.name}" in row "{model}" (body row {row.number})'
        take(found, skipped, label, column.metric, cell, reason, column.role == "setting")
    return found, skipped
