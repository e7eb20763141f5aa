"""Finding tables in a markdown document: GFM pipe tables and HTML tables, numbered together.

Numbering follows DESIGN §4: one sequence in document order, nested HTML tables counted in the
order of their opening tags, YAML front matter, fenced code and HTML comments skipped; lm-eval
dumps pasted in code blocks are numbered after them (see `fenced`). A pipe
table is a header line followed by a delimiter row with the same number of cells; a
delimiter-looking row inside a body is an ordinary row.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from hfeval.tables.alignment import align
from hfeval.tables.cells import clean_cell
from hfeval.tables.fenced import fenced_blocks, lm_eval_dump_text
from hfeval.tables.html_tables import parse_html_region
from hfeval.tables.model import Cell, Row, Table, TableKind

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_DELIMITER_CELL = re.compile(r"^\s*:?-+:?\s*$")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}(?:\s|$)|`{3,}|~{3,}|<table\b)", re.IGNORECASE)
_QUOTE_PREFIX = re.compile(r"^ {0,3}(?:>[ ]?)+")


@dataclass(frozen=True)
class Heading:
    """A heading's position and cleaned text."""

    offset: int
    line: int
    level: int
    text: str


@dataclass(frozen=True)
class _Found:
    offset: int
    line: int
    kind: str
    header_rows: tuple[Row, ...]
    body_rows: tuple[Row, ...]


def _blank(text: str) -> str:
    """Spaces in place of every character but newlines, so offsets and lines survive."""
    return re.sub(r"[^\n]", " ", text)


def visible_text(markdown: str) -> str:
    """The document with front matter, fenced code and HTML comments blanked out."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    hidden = [False] * len(lines)
    start = 0
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                for hide in range(index + 1):
                    hidden[hide] = True
                start = index + 1
                break
    for opening, closing, _ in fenced_blocks(lines, start):
        for hide in range(opening, closing + 1):
            hidden[hide] = True
    shown = "\n".join("" if hide else line for line, hide in zip(lines, hidden, strict=True))
    return _COMMENT.sub(lambda match: _blank(match.group(0)), shown)


def line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer("\n", text)]


def _can_underline(lines: list[str], index: int) -> bool:
    """Whether the line above a `===`/`---` line is paragraph text (a setext heading)."""
    previous = lines[index - 1]
    if not previous.strip() or "|" in previous or _BLOCK_START.match(previous):
        return False
    return index < 2 or not lines[index - 2].strip() or "|" not in lines[index - 2]


def find_headings(text: str, starts: list[int]) -> list[Heading]:
    """ATX, setext and HTML headings of a visible (already blanked) document."""
    headings: list[Heading] = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        atx = _ATX.match(line)
        if atx:
            text_of = clean_cell(atx.group(2) or "")
            headings.append(Heading(starts[index], index + 1, len(atx.group(1)), text_of))
            continue
        setext = _SETEXT.match(line)
        if setext and index > 0 and _can_underline(lines, index):
            level = 1 if setext.group(1)[0] == "=" else 2
            previous = lines[index - 1]
            headings.append(Heading(starts[index - 1], index, level, clean_cell(previous)))
    for match in _HTML_HEADING.finditer(text):
        offset = match.start()
        line_number = bisect.bisect_right(starts, offset)
        headings.append(
            Heading(offset, line_number, int(match.group(1)), clean_cell(match.group(2)))
        )
    headings.sort(key=lambda heading: heading.offset)
    return headings


def _html_regions(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each outermost `<table>` element."""
    regions: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for match in _TABLE_TAG.finditer(text):
        if match.group(1) == "":
            if depth == 0:
                start = match.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                regions.append((start, match.end()))
    if depth > 0:
        regions.append((start, len(text)))
    return regions


def split_pipe_row(line: str) -> list[str]:
    """The raw cells of a pipe-table row: outer pipes optional, `\\|` kept inside a cell."""
    stripped = line.strip()
    cells = _UNESCAPED_PIPE.split(stripped)
    if stripped.startswith("|"):
        cells = cells[1:]
    if len(cells) > 1 and stripped.endswith("|") and not stripped.endswith("\\|"):
        cells = cells[:-1]
    return [cell.strip() for cell in cells]


def _has_pipe(line: str) -> bool:
    return bool(_UNESCAPED_PIPE.search(line))


def _is_delimiter(line: str, width: int) -> bool:
    if not _has_pipe(line):
        return False
    cells = split_pipe_row(line)
    return len(cells) == width and all(_DELIMITER_CELL.match(cell) for cell in cells)


def _row_cells(line: str, width: int, outer: bool) -> list[str]:
    """A body row's raw cells, before cutting or padding to the header's width.

    In a table whose header has no leading pipe, a row starting with `|` begins with an empty
    cell (BERT's GLUE table leaves its label cell blank that way); read as an optional outer
    pipe instead, every value would sit one column to the left of its header.
    """
    raws = split_pipe_row(line)
    if not outer and line.lstrip().startswith("|") and len(raws) < width:
        raws = ["", *raws]
    return raws


def _pipe_row(line: str, line_number: int, width: int) -> Row:
    raws = split_pipe_row(line)[:width]
    raws += [""] * (width - len(raws))
    return tuple(Cell(raw=raw, text=clean_cell(raw), line=line_number) for raw in raws)


def _body(lines: list[str], first: int, width: int, outer: bool) -> tuple[Row, ...]:
    """Body rows from line index `first` on, cut or re-joined to the header's width."""
    aligned = align([_row_cells(line, width, outer) for line in lines], width)
    return tuple(
        tuple(
            Cell(raw=raw, text=clean_cell(raw), line=first + offset + 1, shifted=shifted)
            for raw in raws
        )
        for offset, (raws, shifted) in enumerate(aligned)
    )


def _pipe_tables(text: str, starts: list[int], blocked: list[bool]) -> list[_Found]:
    # Tables may sit inside block quotes; the `>` markers are not part of any cell.
    lines = [_QUOTE_PREFIX.sub("", line) for line in text.split("\n")]
    found: list[_Found] = []
    index = 0
    while index + 1 < len(lines):
        header_line = lines[index]
        if blocked[index] or blocked[index + 1] or not header_line.strip():
            index += 1
            continue
        if not _has_pipe(header_line) or not _has_pipe(lines[index + 1]):
            index += 1
            continue
        width = len(split_pipe_row(header_line))
        if not _is_delimiter(lines[index + 1], width):
            index += 1
            continue
        header = _pipe_row(header_line, index + 1, width)
        outer = header_line.lstrip().startswith("|")
        end = index + 2
        while end < len(lines) and lines[end].strip() and not blocked[end]:
            if _BLOCK_START.match(lines[end]):
                break
            end += 1
        body = _body(lines[index + 2 : end], index + 2, width, outer)
        found.append(_Found(starts[index], index + 1, "pipe", (header,), body))
        index = end
    return found


def find_tables(markdown: str) -> list[Table]:
    """Every table in a markdown document, numbered from 1 in document order."""
    text = visible_text(markdown)
    text_lines = text.split("\n")
    starts = line_starts(text)
    headings = find_headings(text, starts)
    line_count = len(starts)
    blocked = [False] * line_count
    found: list[_Found] = []
    for start, end in _html_regions(text):
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, max(start, end - 1)) - 1
        for line_index in range(first, last + 1):
            blocked[line_index] = True
        for html_table in parse_html_region(text[start:end], start, starts):
            found.append(
                _Found(
                    html_table.offset,
                    html_table.line,
                    "html",
                    html_table.header_rows,
                    html_table.body_rows,
                )
            )
    found.extend(_pipe_tables(text, starts, blocked))
    found.sort(key=lambda table: table.offset)
    # lm-eval dumps pasted in code blocks come after every visible table (see fenced.py).
    found.extend(_fenced_dumps(markdown, starts))
    # An empty heading (`##` alone, used as a spacer) names nothing; the one above it does.
    headings = [heading for heading in headings if heading.text]
    heading_offsets = [heading.offset for heading in headings]
    tables: list[Table] = []
    for number, item in enumerate(found, start=1):
        position = bisect.bisect_left(heading_offsets, starts[item.line - 1])
        heading = headings[position - 1].text if position > 0 else None
        kind: TableKind = "html" if item.kind == "html" else "pipe"
        if item.kind == "fenced":
            kind = "fenced"
        caption = _caption(text_lines, item.line)
        tables.append(
            Table(
                number, item.line, kind, heading or None, item.header_rows, item.body_rows, caption
            )
        )
    return tables


def _fenced_dumps(markdown: str, starts: list[int]) -> list[_Found]:
    """Pipe tables of lm-eval dumps inside fenced blocks, in document order."""
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    dumps = lm_eval_dump_text(lines, fenced_blocks(lines))
    if dumps is None:
        return []
    tables = _pipe_tables(dumps, line_starts(dumps), [False] * len(lines))
    # Offsets of the visible text, so the heading above each dump is found by the same search.
    return [replace(table, offset=starts[table.line - 1], kind="fenced") for table in tables]


def _caption(lines: list[str], table_line: int) -> str | None:
    """The paragraph line introducing a table (`BLEU score on [FLEURS](...) test set:`).

    Several tables under one heading often differ only by the dataset their caption names; the
    nearest non-blank line above the table counts when it is prose ending in a colon.
    """
    index = table_line - 2
    while index >= 0 and not lines[index].strip():
        index -= 1
    if index < 0:
        return None
    line = lines[index].strip()
    if not line.endswith(":") or line.startswith(("|", "<", "#", ">", "-", "*")):
        return None
    return line
