"""Pipe rows with more filled cells than their header: a stray note, or a `|` inside a cell.

GFM drops the cells past the header's width. That is right when they are a stray note at the
end of the row, and wrong when an unescaped `|` split a label (`TyDi (acc|f1)`): every later
value then sits one column right of its header, under a neighbouring model. The column types
tell the two apart: the cut row either lines up with the numbers and names of the other rows,
or exactly one re-joining of two neighbouring cells does. When neither does, the row is kept as
cut and marked shifted, so its values are skipped rather than read under the wrong header.
"""

from __future__ import annotations

from typing import Literal

from hfeval.tables.cells import clean_cell, is_placeholder, looks_like_result

Kind = Literal["number", "text", "any"]


def _kind(raw: str) -> Kind:
    text = clean_cell(raw)
    if is_placeholder(text):
        return "any"
    return "number" if looks_like_result(text) else "text"


def _trimmed(raws: list[str], width: int) -> list[str]:
    """The row without empty or placeholder cells past the header's width."""
    end = len(raws)
    while end > width and _kind(raws[end - 1]) == "any":
        end -= 1
    return raws[:end]


def _expected(rows: list[list[str]], width: int) -> list[Kind]:
    """Each column's usual kind: number when most of its filled cells are numbers."""
    kinds: list[Kind] = []
    for index in range(width):
        seen = [_kind(row[index]) for row in rows if index < len(row)]
        numbers = seen.count("number")
        texts = seen.count("text")
        kinds.append("any" if not numbers + texts else "number" if numbers >= texts else "text")
    return kinds


def _fits(cells: list[str], expected: list[Kind]) -> bool:
    return all(
        want == "any" or got == "any" or got == want
        for got, want in zip(map(_kind, cells), expected, strict=False)
    )


def align(rows: list[list[str]], width: int) -> list[tuple[list[str], bool]]:
    """Each row cut or padded to `width` cells, and whether its cells may be shifted."""
    trimmed = [_trimmed(raws, width) for raws in rows]
    fitting = [raws for raws in trimmed if len(raws) <= width]
    expected: list[Kind] | None = None
    aligned: list[tuple[list[str], bool]] = []
    for raws in trimmed:
        if len(raws) <= width:
            aligned.append((raws + [""] * (width - len(raws)), False))
            continue
        if expected is None:
            expected = _expected(fitting or [raws[:width] for raws in trimmed], width)
        aligned.append(_resolve(raws, width, expected))
    return aligned


def _resolve(raws: list[str], width: int, expected: list[Kind]) -> tuple[list[str], bool]:
    cut = raws[:width]
    if _fits(cut, expected):
        return cut, False
    extra = len(raws) - width
    joined = [
        [*raws[:start], "|".join(raws[start : start + extra + 1]), *raws[start + extra + 1 :]]
        for start in range(width)
    ]
    fitting = [cells for cells in joined if _fits(cells, expected)]
    if len(fitting) == 1:
        return fitting[0], False
    return cut, True
