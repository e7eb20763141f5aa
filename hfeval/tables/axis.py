"""Matching the requested model to one column or one row, exactly, or failing with candidates."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from hfeval.errors import ModelNotFoundError
from hfeval.tables.cells import label_text, match_key
from hfeval.tables.layout import Column, DataRow, Grid, primary_label_column
from hfeval.tables.model import Axis


@dataclass(frozen=True)
class AxisMatch:
    """The chosen model's column index (axis "column") or position in `grid.rows` ("row")."""

    axis: Axis
    index: int
    label: str


def model_columns(grid: Grid) -> tuple[Column, ...]:
    """Columns that could hold a model's scores: everything but row labels and settings."""
    return tuple(
        column
        for column in grid.columns
        if column.index not in grid.row_label_columns and column.role != "setting"
    )


def row_label(grid: Grid, row: DataRow) -> str:
    """A row's model name as printed in its main label column."""
    index = primary_label_column(grid)
    return label_text(row.cells[index].text) if index is not None else ""


def row_full_label(grid: Grid, row: DataRow) -> str:
    """All leading label cells joined (`Llama 2` + `7B`), which tells same-named rows apart."""
    parts = [label_text(row.cells[index].text) for index in grid.row_label_columns]
    return " ".join(part for part in parts if part)


def row_candidates(grid: Grid) -> list[str]:
    """Row labels to offer a user, made unique with the other label cells when names repeat."""
    primaries = [row_label(grid, row) for row in grid.rows]
    keys = [match_key(primary) for primary in primaries]
    repeated = {key for key in keys if keys.count(key) > 1}
    return [
        row_full_label(grid, row) if match_key(primary) in repeated else primary
        for row, primary in zip(grid.rows, primaries, strict=True)
        if primary
    ]


def column_candidates(grid: Grid) -> list[str]:
    return [column.name for column in model_columns(grid) if column.name]


def prefers_rows(grid: Grid) -> bool:
    return grid.layout in ("models-as-rows", "single-row")


def match_model(grid: Grid, model: str | int, *, where: str) -> AxisMatch:
    """The column or row of `model`; never a neighbour, never a guess."""
    if isinstance(model, int):
        return _match_number(grid, model, where=where)
    key = match_key(model)
    columns = [
        column
        for column in model_columns(grid)
        if key and key in (match_key(column.name), match_key(" ".join(column.levels)))
    ]
    rows = [i for i, row in enumerate(grid.rows) if key and match_key(row_label(grid, row)) == key]
    if len(rows) > 1:
        rows = []
    full_rows = [
        i for i, row in enumerate(grid.rows) if key and match_key(row_full_label(grid, row)) == key
    ]
    matched_full = not rows and len(full_rows) == 1
    if matched_full:
        rows = full_rows
    if columns and (not rows or not prefers_rows(grid)):
        if len(columns) > 1:
            raise _ambiguous(model, [column.name for column in columns], "column", where)
        return AxisMatch("column", columns[0].index, columns[0].name)
    if rows:
        row = grid.rows[rows[0]]
        label = row_full_label(grid, row) if matched_full else row_label(grid, row)
        return AxisMatch("row", rows[0], label)
    primaries = [
        i for i, row in enumerate(grid.rows) if key and match_key(row_label(grid, row)) == key
    ]
    if len(primaries) > 1:
        raise _ambiguous(
            model, [row_full_label(grid, grid.rows[i]) for i in primaries], "row", where
        )
    raise _not_found(grid, model, where)


def _match_number(grid: Grid, number: int, *, where: str) -> AxisMatch:
    if prefers_rows(grid):
        for position, row in enumerate(grid.rows):
            if row.number == number:
                return AxisMatch("row", position, row_label(grid, row) or f"row {number}")
        raise ModelNotFoundError(
            f"table {grid.table.number} has no data row {number}",
            candidates=tuple(str(row.number) for row in grid.rows),
            where=where,
            hint="row numbers count body rows from 1, below the header",
        )
    for column in model_columns(grid):
        if column.index == number - 1:
            return AxisMatch("column", column.index, column.name or f"column {number}")
    raise ModelNotFoundError(
        f"table {grid.table.number} has no score column {number}",
        candidates=tuple(str(column.index + 1) for column in model_columns(grid)),
        where=where,
        hint="column numbers count every column from 1, the label column included",
    )


def _ambiguous(model: str, labels: list[str], axis: str, where: str) -> ModelNotFoundError:
    return ModelNotFoundError(
        f"model {model!r} matches {len(labels)} {axis}s; name one exactly",
        candidates=tuple(labels),
        closest=labels[0] if labels else None,
        where=where,
        hint=f"use one of the full labels, or a {axis} number",
    )


def _not_found(grid: Grid, model: str, where: str) -> ModelNotFoundError:
    candidates = row_candidates(grid) if prefers_rows(grid) else column_candidates(grid)
    others = column_candidates(grid) if prefers_rows(grid) else row_candidates(grid)
    pool = candidates + [label for label in others if label not in candidates]
    keys = {match_key(label): label for label in pool}
    close = difflib.get_close_matches(match_key(model), list(keys), n=1, cutoff=0.0)
    closest = keys[close[0]] if close else None
    shown = ", ".join(repr(label) for label in candidates[:12])
    return ModelNotFoundError(
        f"no column or row of table {grid.table.number} is {model!r}"
        + (f"; candidates: {shown}" if shown else ""),
        candidates=tuple(candidates),
        closest=closest,
        where=where,
        hint=f"did you mean {closest!r}?" if closest else None,
    )
