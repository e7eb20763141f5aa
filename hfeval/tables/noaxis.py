"""Tables with no model axis: one-row tables, `Metric | Value` lists and lm-eval dumps."""

from __future__ import annotations

import re

from hfeval.tables.cells import label_text, match_key
from hfeval.tables.layout import Column, Grid, heading_is_benchmark, value_column
from hfeval.tables.model import SkippedCell
from hfeval.tables.taking import Found, row_benchmark, row_settings, take
from hfeval.tables.vocabulary import looks_like_benchmark


def scores_without_axis(grid: Grid) -> tuple[Found, list[SkippedCell]]:
    if grid.layout == "lm-eval-harness":
        return _lm_eval_scores(grid)
    if grid.layout == "metric-value":
        return _metric_value_scores(grid)
    return _single_row_scores(grid)


def _heading_names_benchmark(grid: Grid, columns: list[Column]) -> bool:
    """One-row tables whose headers are sub-scores of the benchmark named in the heading."""
    heading = grid.table.heading
    if not heading or not heading_is_benchmark(heading):
        return False
    heading_key = match_key(heading)
    names = [match_key(column.name) for column in columns]
    if any(heading_key in name or name in heading_key for name in names if name):
        return False
    return sum(map(looks_like_benchmark, names)) * 2 < len(names)


# A caption naming one linked resource (`WER on [MCV-16.1](https://...) test set:`).
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _caption_benchmark(grid: Grid, columns: list[Column]) -> str | None:
    """The dataset a one-row table's caption names when its headers are only its splits.

    `WER on [MLS] test set:` over `En | De | Es | Fr` makes each language a metric of MLS, so
    two tables with the same language columns under one heading stay apart.
    """
    caption = grid.table.caption
    links = _LINK.findall(caption) if caption else []
    if len(links) != 1:
        return None
    name = label_text(links[0])
    names = [match_key(column.name) for column in columns if column.role != "setting"]
    if not name or not names or sum(map(looks_like_benchmark, names)) * 2 >= len(names):
        return None
    return name


def _single_row_scores(grid: Grid) -> tuple[Found, list[SkippedCell]]:
    row = grid.rows[0]
    # Leading settings (a toolkit version, a vocabulary size) are reported as skipped, not dropped.
    columns = [
        c for c in grid.columns if c.index not in grid.row_label_columns or c.role == "setting"
    ]
    from_heading = _heading_names_benchmark(grid, columns)
    from_caption = None if from_heading else _caption_benchmark(grid, columns)
    found: Found = []
    skipped: list[SkippedCell] = []
    for column in columns:
        cell = row.cells[column.index]
        if from_caption and len(column.levels) <= 1 and column.role != "setting":
            label, metric = from_caption, column.name or None
        elif from_heading and len(column.levels) <= 1:
            label, metric = grid.table.heading or "", column.name or None
        else:
            label, metric = column.benchmark, column.metric
        if not label and not cell.text:
            continue
        reason = f'column "{column.name}" of the only row'
        take(found, skipped, label, metric, cell, reason, column.role == "setting")
    return found, skipped


def _metric_value_scores(grid: Grid) -> tuple[Found, list[SkippedCell]]:
    """`Metric | Value` rows, or benchmark rows under several metric columns (`BLEU | chr-F`)."""
    fallback = value_column(grid)
    value_columns = grid.score_columns or ((fallback,) if fallback else ())
    several = len(value_columns) > 1
    found: Found = []
    skipped: list[SkippedCell] = []
    setting = row_settings(grid)
    for row in grid.rows:
        label = row_benchmark(grid, row)
        for column in value_columns:
            cell = row.cells[column.index]
            if not label and not cell.text:
                continue
            reason = f'row "{label}" in column "{column.name}"'
            metric = column.name if several else None
            take(found, skipped, label, metric, cell, reason, setting(label, row))
    return found, skipped


def _lm_eval_scores(grid: Grid) -> tuple[Found, list[SkippedCell]]:
    # A Dataset column beside Task (`text-classification | imdb`) names the benchmark; the task
    # is then only its kind. lm-eval's own dumps have no such column.
    task = grid.column_by_key("dataset", "datasets", "benchmark") or grid.column_by_key(
        "tasks", "task", "groups"
    )
    metric = grid.column_by_key("metric")
    value = grid.column_by_key("value")
    assert task is not None and metric is not None and value is not None
    found: Found = []
    skipped: list[SkippedCell] = []
    current_task = ""
    for row in grid.rows:
        task_text = label_text(row.cells[task.index].text).lstrip("- ").strip()
        current_task = task_text or current_task
        metric_text = label_text(row.cells[metric.index].text)
        if "stderr" in metric_text.casefold():
            continue
        cell = row.cells[value.index]
        reason = f'task "{current_task}", metric "{metric_text}", Value column'
        take(found, skipped, current_task, metric_text or None, cell, reason)
    return found, skipped
