"""Matching the requested model to one column or one row, exactly, or failing with candidates."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass

from hfeval.errors import ModelNotFoundError
from hfeval.tables.cells import is_placeholder, label_text, match_key
from hfeval.tables.layout import Column, Grid, primary_label_column
from hfeval.tables.longform import long_benchmark_column, long_candidates
from hfeval.tables.model import Axis
from hfeval.tables.rows import DataRow
from hfeval.tables.vocabulary import looks_like_benchmark, looks_like_model


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


@dataclass(frozen=True)
class RowLabels:
    """Each data row's names: as printed, made unique, and with every telling label cell."""

    primary: tuple[str, ...]
    distinct: tuple[str, ...]
    full: tuple[str, ...]


def row_labels(grid: Grid) -> RowLabels:
    """Row names, disambiguated only where the model column repeats a name.

    Rows named alike (`Llama 2` at 7B/13B/70B, `Cerebras-GPT` at every size) get the other
    label cells that differ between them appended (`Llama 2 7B`), skipping cells that are the
    same for the whole group (a `Training Data` description).
    """
    model_column = primary_label_column(grid)
    others = [index for index in grid.row_label_columns if index != model_column]
    primary = [row_label(grid, row) for row in grid.rows]
    groups: dict[str, list[int]] = defaultdict(list)
    for position, name in enumerate(primary):
        groups[match_key(name)].append(position)
    distinct = list(primary)
    telling: set[int] = set()

    def joined(position: int, columns: list[int]) -> str:
        cells = grid.rows[position].cells
        parts = [primary[position]] + [label_text(cells[index].text) for index in columns]
        return " ".join(part for part in parts if part)

    for members in groups.values():
        if len(members) < 2:
            continue
        chosen: list[int] = []
        for index in others:
            values = {match_key(grid.rows[m].cells[index].text) for m in members}
            if len(values) > 1:
                chosen.append(index)
                if len({match_key(joined(m, chosen)) for m in members}) == len(members):
                    break
        telling.update(chosen)
        for member in members:
            distinct[member] = joined(member, chosen)
        if len({match_key(distinct[m]) for m in members}) < len(members):
            # Still alike (`ALBERT-base` under a `V2` and a `V1` section): the section tells.
            for member in members:
                category = grid.rows[member].category
                if category:
                    distinct[member] = f"{distinct[member]} ({category})"
    full = [joined(position, sorted(telling)) for position in range(len(primary))]
    return RowLabels(tuple(primary), tuple(distinct), tuple(full))


def row_candidates(grid: Grid) -> list[str]:
    """Row labels to offer a user, made unique with the other label cells when names repeat.

    In a long-format table a model's many rows are all its scores, so its name is offered once.
    """
    if long_benchmark_column(grid) is not None:
        return long_candidates(grid)
    labels = row_labels(grid)
    return [
        distinct
        for primary, distinct in zip(labels.primary, labels.distinct, strict=True)
        if primary
    ]


def _naming_levels(grid: Grid, column: Column) -> list[str]:
    """A column's header levels that can name a model, top to bottom.

    A level that also heads a row-label column is a title over the whole table, and a
    placeholder sub-label (`-`) names nothing.
    """
    titles = {level for index in grid.row_label_columns for level in grid.columns[index].levels}
    return [level for level in column.levels if level not in titles and not is_placeholder(level)]


def _label_levels(grid: Grid, column: Column) -> list[str]:
    """The levels a column's model label is made of: its own header and the group above it."""
    return _naming_levels(grid, column)[-2:]


def column_label(grid: Grid, column: Column) -> str:
    """The model a column holds: `Nimbus-7B base` for a `base` column under a `Nimbus-7B` group."""
    return " ".join(_label_levels(grid, column)) or column.name


def _column_keys(grid: Grid, column: Column) -> set[str]:
    """Every written form that names this column exactly, as match keys.

    Where models are rows, column groups are benchmarks over their metrics, not models over
    their variants, so only the header as written counts.
    """
    keys = {match_key(column.name), match_key(" ".join(column.levels))}
    levels = _label_levels(grid, column)
    if len(levels) == 2 and not prefers_rows(grid):
        group, variant = levels
        keys.update(
            match_key(form)
            for form in (f"{group} {variant}", f"{group} ({variant})", f"{group} / {variant}")
        )
    return keys


def _groups_of(grid: Grid, column: Column) -> set[str]:
    """The group labels above a column's own header (a model over its variants), as keys."""
    return {match_key(level) for level in _naming_levels(grid, column)[:-1]}


def column_candidates(grid: Grid) -> list[str]:
    labels = (column_label(grid, column) for column in model_columns(grid))
    return [label for label in labels if label]


def prefers_rows(grid: Grid) -> bool:
    return grid.layout in ("models-as-rows", "single-row")


def match_model(grid: Grid, model: str | int, *, where: str) -> AxisMatch:
    """The column or row of `model`; never a neighbour, never a guess."""
    if isinstance(model, int):
        return _match_number(grid, model, where=where)
    key = match_key(model)
    candidates = model_columns(grid)
    columns = [column for column in candidates if key and key in _column_keys(grid, column)]
    if not columns and key and not prefers_rows(grid):
        # A group name alone matches only a group of one column; over variants it is ambiguous.
        columns = [column for column in candidates if key in _groups_of(grid, column)]
    labels = row_labels(grid)
    rows = [i for i, name in enumerate(labels.primary) if key and match_key(name) == key]
    if len(rows) > 1:
        rows = []
    full_rows = sorted(
        {
            i
            for i in range(len(labels.primary))
            if key and key in (match_key(labels.distinct[i]), match_key(labels.full[i]))
        }
    )
    matched_full = not rows and len(full_rows) == 1
    if matched_full:
        rows = full_rows
    if columns and (not rows or not prefers_rows(grid)):
        if len(columns) > 1:
            names = [column_label(grid, column) for column in columns]
            raise _ambiguous(model, names, "column", where)
        return _unless_benchmark(
            grid, AxisMatch("column", columns[0].index, column_label(grid, columns[0])), where
        )
    if rows:
        position = rows[0]
        label = labels.distinct[position] if matched_full else labels.primary[position]
        if matched_full and match_key(label) != key:
            label = labels.full[position]
        return _unless_benchmark(grid, AxisMatch("row", position, label), where)
    primaries = [i for i, name in enumerate(labels.primary) if key and match_key(name) == key]
    if len(primaries) > 1:
        raise _ambiguous(model, [labels.distinct[i] for i in primaries], "row", where)
    raise _not_found(grid, model, where)


def _unless_benchmark(grid: Grid, match: AxisMatch, where: str) -> AxisMatch:
    """Refuse a name found on the benchmark axis: `--model MMLU` names a benchmark, not a model.

    Taking it would publish every model's MMLU score under the models' names. A label on the
    other axis that reads as a model (the layout guess was wrong) is still taken.
    """
    on_rows = match.axis == "row"
    if on_rows == prefers_rows(grid):
        return match
    key = match_key(match.label)
    if not looks_like_benchmark(key) or looks_like_model(
        " ".join(label_text(match.label).casefold().split())
    ):
        return match
    models = row_candidates(grid) if prefers_rows(grid) else column_candidates(grid)
    model_axis = "rows" if prefers_rows(grid) else "columns"
    shown = ", ".join(repr(label) for label in models[:8])
    raise ModelNotFoundError(
        f"{match.label!r} is a benchmark {match.axis} of table {grid.table.number}, not a model; "
        f"its models are the {model_axis}" + (f": {shown}" if shown else ""),
        candidates=tuple(models),
        where=where,
        hint=(
            f"name a model with --model (spec `model:`), and keep only this benchmark with "
            f'`include: ["{match.label}"]` in the spec source'
        ),
    )


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
            label = column_label(grid, column) or f"column {number}"
            return AxisMatch("column", column.index, label)
    raise ModelNotFoundError(
        f"table {grid.table.number} has no score column {number}",
        candidates=tuple(str(column.index + 1) for column in model_columns(grid)),
        where=where,
        hint="column numbers count every column from 1, the label column included",
    )


def _ambiguous(model: str, labels: list[str], axis: str, where: str) -> ModelNotFoundError:
    """Several columns or rows answer to the name; none is picked, not even a likely one."""
    shown = ", ".join(repr(label) for label in labels[:12])
    return ModelNotFoundError(
        f"model {model!r} matches {len(labels)} {axis}s: {shown}; name one exactly",
        candidates=tuple(labels),
        closest=None,
        where=where,
        hint=f"use one of the full labels, or a {axis} number",
    )


def _not_found(grid: Grid, model: str, where: str) -> ModelNotFoundError:
    candidates = row_candidates(grid) if prefers_rows(grid) else column_candidates(grid)
    others = column_candidates(grid) if prefers_rows(grid) else row_candidates(grid)
    # The likely axis first: a model name that is merely close to a benchmark label of the
    # other axis is a worse suggestion than the nearest model, however far that one is.
    closest = (
        _only_containing(model, candidates)
        or _closest(model, candidates, cutoff=0.6)
        or _closest(model, [label for label in others if label not in candidates], cutoff=0.6)
        or _closest(model, candidates, cutoff=0.0)
    )
    shown = ", ".join(repr(label) for label in candidates[:12])
    return ModelNotFoundError(
        f"no column or row of table {grid.table.number} is {model!r}"
        + (f"; candidates: {shown}" if shown else ""),
        candidates=tuple(candidates),
        closest=closest,
        where=where,
        hint=f"did you mean {closest!r}?" if closest else None,
    )


def _closest(model: str, labels: list[str], *, cutoff: float) -> str | None:
    keys = {match_key(label): label for label in labels}
    close = difflib.get_close_matches(match_key(model), list(keys), n=1, cutoff=cutoff)
    return keys[close[0]] if close else None


def _only_containing(model: str, labels: list[str]) -> str | None:
    """The one label that has the requested name inside it (`Foo-7B (this model)` for `Foo-7B`)."""
    key = match_key(model)
    containing = [label for label in labels if key and key in match_key(label)]
    return containing[0] if len(containing) == 1 else None
