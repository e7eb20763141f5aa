"""lm-eval-harness dumps pasted inside fenced code blocks.

Cards often paste the table the harness prints inside a ``` block. It renders as code, so the
document's table numbering (DESIGN §4) skips fenced code; such a dump is still the card's own
scores. This module finds those dumps so they can be numbered after every visible table, where
adding them never moves the number of a table a spec already names.
"""

from __future__ import annotations

import re

_FENCE_OPEN = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
# Info strings under which a block is plain output rather than program text.
_PLAIN_INFO = frozenset({"", "text", "txt", "markdown", "md", "console", "output"})


def _is_lm_eval_header(line: str) -> bool:
    """The header the harness prints: `|Task|Version|Metric|Value| |Stderr|` (or Tasks/Groups)."""
    if "|" not in line:
        return False
    cells = {cell.strip().casefold() for cell in line.strip().strip("|").split("|")}
    return bool(cells & {"task", "tasks", "groups"}) and {"metric", "value"} <= cells


def fenced_blocks(lines: list[str], start: int = 0) -> list[tuple[int, int, str]]:
    """(opening line, closing line, info string) of each fenced block from `start` on (0-based).

    An unclosed block runs to the end of the document, as in CommonMark.
    """
    blocks: list[tuple[int, int, str]] = []
    index = start
    while index < len(lines):
        match = _FENCE_OPEN.match(lines[index])
        if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            fence = match.group(1)
            closing = re.compile(r"^\s*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
            end = index + 1
            while end < len(lines) and not closing.match(lines[end]):
                end += 1
            blocks.append((index, min(end, len(lines) - 1), match.group(2).strip()))
            index = end + 1
            continue
        index += 1
    return blocks


def lm_eval_dump_text(lines: list[str], blocks: list[tuple[int, int, str]]) -> str | None:
    """The document with only the insides of plain fenced blocks holding an lm-eval dump kept.

    Every other line is emptied, so line numbers stay those of the document. None when no block
    holds a dump.
    """
    kept = [False] * len(lines)
    for opening, closing, info in blocks:
        if info.casefold() not in _PLAIN_INFO:
            continue
        inside = range(opening + 1, closing)
        if any(_is_lm_eval_header(lines[index]) for index in inside):
            for index in inside:
                kept[index] = True
    if not any(kept):
        return None
    return "\n".join(line if keep else "" for line, keep in zip(lines, kept, strict=True))
