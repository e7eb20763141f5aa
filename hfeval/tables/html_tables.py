"""Reading HTML `<table>` elements into grids, with colspan/rowspan filled and nesting kept apart.

A stdlib `html.parser` walks one top-level `<table>` region at a time; every table it opens,
nested or not, becomes its own draft, and the text of a nested table never leaks into the
cell that holds it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from html.parser import HTMLParser

from hfeval.tables.cells import clean_cell
from hfeval.tables.model import Cell, Row

# Spans beyond this are authoring slips (colspan="15" in an 8-column table) or hostile input.
_MAX_SPAN = 256


@dataclass
class _CellDraft:
    start: int
    line: int
    colspan: int
    rowspan: int
    is_header: bool
    end: int = -1
    holes: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _RowDraft:
    line: int
    in_head: bool
    cells: list[_CellDraft] = field(default_factory=list)


@dataclass
class _TableDraft:
    start: int
    line: int
    rows: list[_RowDraft] = field(default_factory=list)
    open_cell: _CellDraft | None = None
    in_head: bool = False
    row_open: bool = False


@dataclass(frozen=True)
class HtmlTable:
    """One parsed `<table>`: where it starts and its header and body grids."""

    offset: int
    line: int
    header_rows: tuple[Row, ...]
    body_rows: tuple[Row, ...]


def _span(value: str | None) -> int:
    try:
        number = int((value or "1").strip())
    except ValueError:
        return 1
    return min(max(number, 1), _MAX_SPAN)


class _TableParser(HTMLParser):
    def __init__(self, source: str, base: int, line_starts: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self._source = source
        self._base = base
        self._line_starts = line_starts
        self._region_line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]
        self._stack: list[_TableDraft] = []
        self.finished: list[_TableDraft] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._region_line_starts[line - 1] + column

    def _line_of(self, local_offset: int) -> int:
        return bisect.bisect_right(self._line_starts, self._base + local_offset)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        offset = self._offset()
        after = offset + len(self.get_starttag_text() or "")
        if tag == "table":
            self._stack.append(_TableDraft(start=offset, line=self._line_of(offset)))
            return
        if not self._stack:
            return
        table = self._stack[-1]
        if tag == "thead":
            self._close_row(table, offset)
            table.in_head = True
        elif tag in ("tbody", "tfoot"):
            self._close_row(table, offset)
            table.in_head = False
        elif tag == "tr":
            self._close_row(table, offset)
            table.rows.append(_RowDraft(line=self._line_of(offset), in_head=table.in_head))
            table.row_open = True
        elif tag in ("td", "th"):
            self._close_cell(table, offset)
            if not table.row_open:
                table.rows.append(_RowDraft(line=self._line_of(offset), in_head=table.in_head))
                table.row_open = True
            attributes = dict(attrs)
            table.open_cell = _CellDraft(
                start=after,
                line=self._line_of(after),
                colspan=_span(attributes.get("colspan")),
                rowspan=_span(attributes.get("rowspan")),
                is_header=tag == "th",
            )
            table.rows[-1].cells.append(table.open_cell)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "table":
            super().handle_startendtag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        offset = self._offset()
        if not self._stack:
            return
        table = self._stack[-1]
        if tag == "table":
            self._close_row(table, offset)
            self._stack.pop()
            self.finished.append(table)
            end = offset + len("</table>")
            if self._stack and self._stack[-1].open_cell is not None:
                self._stack[-1].open_cell.holes.append((table.start, end))
        elif tag in ("td", "th"):
            self._close_cell(table, offset)
        elif tag == "tr":
            self._close_row(table, offset)
        elif tag == "thead":
            self._close_row(table, offset)
            table.in_head = False

    def _close_cell(self, table: _TableDraft, offset: int) -> None:
        if table.open_cell is not None:
            table.open_cell.end = offset
            table.open_cell = None

    def _close_row(self, table: _TableDraft, offset: int) -> None:
        self._close_cell(table, offset)
        table.row_open = False

    def close_all(self) -> None:
        end = len(self._source)
        while self._stack:
            table = self._stack.pop()
            self._close_row(table, end)
            self.finished.append(table)

    def cell_raw(self, cell: _CellDraft) -> str:
        end = cell.end if cell.end >= 0 else len(self._source)
        pieces: list[str] = []
        position = cell.start
        for hole_start, hole_end in sorted(cell.holes):
            pieces.append(self._source[position:hole_start])
            position = max(position, hole_end)
        pieces.append(self._source[position:end])
        return "".join(pieces).strip()


def parse_html_region(source: str, base: int, line_starts: list[int]) -> list[HtmlTable]:
    """Every table in one top-level `<table>` region, in the order of their opening tags.

    `base` is the region's offset in the document and `line_starts` the document's line start
    offsets, so lines are reported in document terms.
    """
    parser = _TableParser(source, base, line_starts)
    parser.feed(source)
    parser.close()
    parser.close_all()
    tables = []
    for draft in sorted(parser.finished, key=lambda table: table.start):
        header, body = _grid(draft, parser)
        first_line = draft.rows[0].line if draft.rows else draft.line
        tables.append(HtmlTable(base + draft.start, first_line, header, body))
    return tables


def _grid(draft: _TableDraft, parser: _TableParser) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    rows = [row for row in draft.rows if row.cells]
    pending: dict[tuple[int, int], Cell] = {}
    grid: list[dict[int, Cell]] = []
    widest_original = 0
    for row_index, row in enumerate(rows):
        placed: dict[int, Cell] = {}
        column = 0
        for draft_cell in row.cells:
            while (row_index, column) in pending:
                placed[column] = pending.pop((row_index, column))
                column += 1
            raw = parser.cell_raw(draft_cell)
            origin = Cell(raw=raw, text=clean_cell(raw), line=draft_cell.line)
            copy = Cell(raw=raw, text=origin.text, line=draft_cell.line, spanned=True)
            for offset in range(draft_cell.colspan):
                placed[column + offset] = origin if offset == 0 else copy
                for extra_row in range(1, draft_cell.rowspan):
                    if row_index + extra_row < len(rows):
                        pending[(row_index + extra_row, column + offset)] = copy
            widest_original = max(widest_original, column + 1)
            column += draft_cell.colspan
        for key in sorted(key for key in pending if key[0] == row_index):
            placed[key[1]] = pending.pop(key)
            widest_original = max(widest_original, key[1] + 1)
        grid.append(placed)
    width = widest_original
    filled: list[Row] = []
    for row_index, placed in enumerate(grid):
        line = rows[row_index].line
        filled.append(
            tuple(placed.get(column, Cell(raw="", text="", line=line)) for column in range(width))
        )
    head_count = 0
    for row_index, row in enumerate(rows):
        if row.in_head or _all_header(row, parser):
            head_count = row_index + 1
        else:
            break
    if head_count == 0 and filled:
        head_count = 1
    return tuple(filled[:head_count]), tuple(filled[head_count:])


def _all_header(row: _RowDraft, parser: _TableParser) -> bool:
    """A row of `<th>` cells; empty `<td>` fillers (under a row-label column) do not count.

    A single `<th>` beside empty cells is a section title, so at least two `<th>` must be filled.
    """
    filled = [cell for cell in row.cells if not cell.is_header and parser.cell_raw(cell)]
    headers = [cell for cell in row.cells if cell.is_header and parser.cell_raw(cell)]
    return not filled and (len(headers) >= 2 or len(headers) == len(row.cells))
