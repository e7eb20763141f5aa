"""Body rows: blank spacer rows, spanning category rows, and the grouped cells they carry down.

A category row (`**Math**` alone in its row, or a colspan section title) is context for the rows
under it; blank leading cells of a data row continue the row above (a grouped first column).
"""

from __future__ import annotations

from dataclasses import dataclass

from hfeval.tables.cells import is_number
from hfeval.tables.model import Cell, Row


@dataclass(frozen=True)
class DataRow:
    """A body row that carries values; `number` is its 1-based position among body rows.

    `category` is the text of the category row above it (`Math`), or empty.
    """

    number: int
    cells: Row
    category: str = ""


def is_blank(row: Row) -> bool:
    return all(not cell.text or set(cell.text) <= set("-—–: ") for cell in row)


def is_category(row: Row) -> bool:
    """A row with text in one place only, such as `**Math**` or a colspan section title."""
    if len(row) <= 2:
        return False
    originals = [cell for cell in row if cell.text and not cell.spanned]
    if len(originals) != 1:
        return False
    only = originals[0]
    return not is_number(only.text) and all(not cell.text or cell.text == only.text for cell in row)


def forward_fill(rows: list[tuple[int, Row, bool]], fill_columns: list[int]) -> list[DataRow]:
    """Blank leading cells continue the row above, up to the row's own first label.

    A category row resets what is carried; a row that starts its own label further left (a bold
    `**Average**` in the category column) does not inherit the benchmark above it.
    """
    data: list[DataRow] = []
    previous: dict[int, Cell] = {}
    category = ""
    for number, row, is_category in rows:
        if is_category:
            previous = {}
            category = next((cell.text for cell in row if cell.text), "")
            continue
        filled = list(row)
        for index in fill_columns:
            if index >= len(filled):
                break
            if filled[index].text:
                break
            if index in previous:
                filled[index] = Cell(
                    raw="", text=previous[index].text, line=filled[index].line, spanned=True
                )
        for index in fill_columns:
            if index < len(row) and row[index].text:
                previous[index] = row[index]
        data.append(DataRow(number, tuple(filled), category))
    return data
