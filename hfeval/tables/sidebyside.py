"""Tables printed as side-by-side halves: `Language | WER |  | Language | WER`.

To save height, some cards print one long table as two or three blocks next to each other,
separated by an empty spacer column. Read as one table, a row would carry another row's values
from the other block. When every block has the same width, starts with a label column and has
the same headers after it, the blocks are stacked back into one table, top to bottom. Blocks
that each start with a label column but differ otherwise cannot be lined up; only the first is
kept, so no row is ever read with another block's values.
"""

from __future__ import annotations

from dataclasses import replace

from hfeval.tables.cells import match_key
from hfeval.tables.headers import column_cells, numeric_share
from hfeval.tables.model import Row, Table


def _blocks(table: Table) -> list[list[int]]:
    """Runs of columns between spacer columns (empty in every header and body row)."""
    rows = table.header_rows + table.body_rows
    blocks: list[list[int]] = [[]]
    for index in range(table.width):
        if all(index >= len(row) or not row[index].text for row in rows):
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(index)
    return [block for block in blocks if block]


def _is_block(body: list[Row], block: list[int]) -> bool:
    """Whether columns read as a table of their own: a label column, then some numbers."""
    shares = [numeric_share(column_cells(body, index)) for index in block]
    return len(block) >= 2 and shares[0] < 0.5 and any(share >= 0.5 for share in shares[1:])


def _headers(table: Table, block: list[int]) -> tuple[str, ...]:
    """A block's header keys after its label column."""
    return tuple(match_key(row[index].text) for row in table.header_rows for index in block[1:])


def restack(table: Table) -> Table:
    """The table with side-by-side blocks stacked (see the module docstring), else unchanged."""
    if table.width < 5 or not table.body_rows:
        return table
    blocks = _blocks(table)
    body = list(table.body_rows)
    if len(blocks) < 2 or not all(_is_block(body, block) for block in blocks):
        return table
    first = blocks[0]
    if len({len(block) for block in blocks}) != 1 or len({_headers(table, b) for b in blocks}) != 1:
        return _only(table, first)
    header = _only(table, first).header_rows
    stacked: list[Row] = []
    for block in blocks:
        for row in body:
            part = tuple(row[index] for index in block)
            if any(cell.text for cell in part):
                stacked.append(part)
    return replace(table, header_rows=header, body_rows=tuple(stacked))


def _only(table: Table, block: list[int]) -> Table:
    """The table cut down to one block of columns."""
    header = tuple(tuple(row[index] for index in block) for row in table.header_rows)
    body = tuple(tuple(row[index] for index in block) for row in table.body_rows)
    return replace(table, header_rows=header, body_rows=body)
