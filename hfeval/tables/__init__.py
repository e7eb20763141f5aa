"""README table extraction: find pipe and HTML tables, read their layout, take one model's scores.

    find_tables(markdown)                      every table, numbered 1.. in document order
    extract(markdown, table, model, registry=) one model's scores from one table, with reasons

Everything here is pure: text in, frozen values out.
"""

from __future__ import annotations

from hfeval.tables.extract import extract, select_table
from hfeval.tables.find import find_tables
from hfeval.tables.layout import Grid, analyse
from hfeval.tables.model import Cell, ExtractedScore, Extraction, SkippedCell, Table

__all__ = [
    "Cell",
    "ExtractedScore",
    "Extraction",
    "Grid",
    "SkippedCell",
    "Table",
    "analyse",
    "extract",
    "find_tables",
    "select_table",
]
