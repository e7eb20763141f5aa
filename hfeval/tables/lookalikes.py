"""Scores under a name that reads like a setting: a SQL benchmark's `date` or `ratio` category,
a vision benchmark's `size` questions.

The name alone would make `date` a release-date column and `size` a parameter count. The cells
tell them apart: category scores are plain numbers in the range of the table's other scores,
while release dates look like years (`2023.9`) and parameter counts are whole numbers (`7`,
`15`). A `date` category may be written in whole numbers (`96`), since no date is; the other
words need a decimal among their cells. Only these few ambiguous words are reconsidered;
anything else a setting header names stays a setting. The same test serves a column headed so
(categories as columns) and a row labelled so (categories as rows).
"""

from __future__ import annotations

import re

from hfeval.tables.cells import is_placeholder, match_key, parse_value
from hfeval.tables.model import Row

# Setting words that benchmarks also use as the name of a question category.
AMBIGUOUS_SETTINGS = frozenset({"date", "size", "type", "length"})
# Words whose cells can never be mistaken for a score when plain non-year numbers: a `date`
# column of `96` is a category score wherever it stands, and whole numbers are fine.
_DATE_LIKE = frozenset({"date"})
_YEAR = re.compile(r"^(?:19|20)\d{2}(?:[./-]\d{1,2})?$")


def numbers(texts: list[str]) -> list[tuple[str, float]] | None:
    """The filled texts as (text, value), or None when one is not a plain number."""
    found = []
    for text in texts:
        if not text or is_placeholder(text):
            continue
        value = parse_value(text)
        if not isinstance(value, float):
            return None
        found.append((text, value))
    return found


def reads_as_scores(name: str, texts: list[str], others: list[float]) -> bool:
    """Whether cells under an ambiguous setting name (`date`) are category scores.

    `others` are the values of the table's plain score cells, the range the cells must fall in.
    """
    key = match_key(name)
    if key not in AMBIGUOUS_SETTINGS or not others:
        return False
    cells = numbers(texts)
    if not cells or any(_YEAR.match(text) for text, _ in cells):
        return False
    if key not in _DATE_LIKE and not any("." in text for text, _ in cells):
        return False  # whole numbers: a parameter count or a length, not a category score
    values = [value for _, value in cells]
    return min(values) >= min(others) / 10 and max(values) <= max(others) * 1.5


def scored_settings(
    column_levels: list[tuple[str, ...]], settings: set[int], rows: list[Row]
) -> set[int]:
    """The setting columns (by header) whose cells show they are score columns after all.

    Other than `date`, only a column after a score column qualifies: a setting in the leading
    label block (a `Size` of `1.5` beside the model name) describes the row.
    """

    def texts(index: int) -> list[str]:
        return [row[index].text if index < len(row) else "" for row in rows]

    scores = [
        index
        for index in range(len(column_levels))
        if index not in settings and numbers(texts(index))
    ]
    others = [value for index in scores for _, value in numbers(texts(index)) or []]
    kept: set[int] = set()
    for index in settings:
        levels = column_levels[index]
        if len(levels) != 1:
            continue
        if match_key(levels[0]) not in _DATE_LIKE and not any(score < index for score in scores):
            continue
        if reads_as_scores(levels[0], texts(index), others):
            kept.add(index)
    return kept
