"""Score columns whose header reads like a setting: a SQL benchmark's `date` or `ratio` category,
a vision benchmark's `size` questions.

The header alone would make `date` a release-date column and `size` a parameter count. The cells
tell them apart: category scores are plain numbers written like the table's other scores (with
decimals, within their range) and sit after a score column, while release dates look like years
(`2023.9`) and parameter counts are whole numbers (`7`, `15`). Only these few ambiguous header
words are reconsidered; anything else a setting header names stays a setting.
"""

from __future__ import annotations

import re

from hfeval.tables.cells import is_placeholder, match_key, parse_value
from hfeval.tables.model import Row

# Setting words that benchmarks also use as the name of a question category.
AMBIGUOUS_SETTINGS = frozenset({"date", "size", "type", "length"})
_YEAR = re.compile(r"^(?:19|20)\d{2}(?:[./-]\d{1,2})?$")


def _numbers(rows: list[Row], index: int) -> list[tuple[str, float]] | None:
    """The column's filled cells as (text, value), or None when one is not a plain number."""
    found = []
    for row in rows:
        text = row[index].text if index < len(row) else ""
        if not text or is_placeholder(text):
            continue
        value = parse_value(text)
        if not isinstance(value, float):
            return None
        found.append((text, value))
    return found


def scored_settings(
    column_levels: list[tuple[str, ...]], settings: set[int], rows: list[Row]
) -> set[int]:
    """The setting columns (by header) whose cells show they are score columns after all."""
    scores = [
        index
        for index in range(len(column_levels))
        if index not in settings and (_numbers(rows, index) or None) is not None
    ]
    others = [value for index in scores for _, value in _numbers(rows, index) or []]
    if not others:
        return set()
    low, high = min(others), max(others)
    kept: set[int] = set()
    for index in settings:
        levels = column_levels[index]
        if len(levels) != 1 or match_key(levels[0]) not in AMBIGUOUS_SETTINGS:
            continue
        if not any(score < index for score in scores):
            continue
        cells = _numbers(rows, index)
        if not cells or any(_YEAR.match(text) for text, _ in cells):
            continue
        if not any("." in text for text, _ in cells):
            continue  # whole numbers: a parameter count or a length, not a category score
        values = [value for _, value in cells]
        if min(values) >= low / 10 and max(values) <= high * 1.5:
            kept.add(index)
    return kept
