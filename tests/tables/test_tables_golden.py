"""Golden extractions of the hand-written fixtures, one file per fixture under golden/tables/.

Each golden holds the table listing (number, line, kind, heading, layout, headers, candidates)
and the full extraction (scores with raw cell and line, skipped cells with reasons) for the
cases below, which walk through every trap the fixtures were written for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytest_regressions.data_regression import DataRegressionFixture

from hfeval.errors import HfevalError
from hfeval.tables import Extraction, analyse, extract, find_tables
from hfeval.tables.summary import summarise

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "tables"

# fixture -> (table, model) cases; a model of None is a table without a model axis.
CASES: dict[str, list[tuple[int | str, str | int | None]]] = {
    "category_rows": [
        (1, "Kestrel-Coder-Instruct"),
        (1, "**Kestrel-Coder-Lite-Instruct**"),
        (2, "Kestrel-Coder-Instruct"),
        (3, "Kestrel-Coder Instruct"),
        ("General", "kestrel-coder-lite   instruct"),
    ],
    "grouped_benchmarks": [(1, "Heron-3"), (1, "Finch 72B"), (2, "Heron-3 Chat")],
    "html_rowspan": [(1, "Nimbus 1.1 8B"), (1, "Nimbus 1 8B"), (2, None)],
    "html_nested": [(2, "Wren-34B"), (3, None), (4, "Wren-34B"), (5, "Wren-4B")],
    "empty_header": [(1, "medic-7b"), (1, "llama-2-7b")],
    "subheaders": [(1, "Lark-7B"), (1, "Lark-7B-200K"), (2, "Lark-70B"), (3, "LARK-CHAT 7B")],
    "one_row": [(1, None), (2, None), (3, None), (4, None), (5, None), (5, "osprey-340b")],
    "metric_value": [(1, None), (2, None)],
    "lm_eval": [(1, None), (2, None), (3, None), (4, None)],
    "markup": [
        (1, "Pipit-7b-β"),
        (1, "Claude|2"),
        (2, "Pipit 6B"),
        (2, "Pipit-6B-v2"),
        (3, "Pipit-Coder"),
        (3, "Finch Coder"),
    ],
    "skipping": [(1, "7B Params"), (1, 3)],
    "composite_labels": [(1, "Starling 2 13B"), (2, "Starling-Math-7B Hybrid"), (2, 4)],
    "model_variants_html": [
        (1, "Nimbus-7B base"),
        (1, "Nimbus-7B (chat)"),
        (1, "llama-2-7b / BASE"),
        (1, "Nimbus-7B"),
        (1, 2),
        (2, "Nimbus-13B RL"),
        (2, "Kestrel-13B"),
        (2, "GPT-4"),
        (2, "Open models"),
        (3, "Nimbus-7B"),
    ],
    "model_variants_pipe": [
        (1, "Nimbus-7B Chat"),
        (1, "Llama-2-7B"),
        (2, "Nimbus-V2 (SFT)"),
        (2, "Nimbus-V2 RL"),
        (2, "Llama-3-70B"),
        (2, "RL"),
        (3, "Nimbus 13B"),
        (3, "Nimbus"),
        (4, "Llama-2-7B"),
    ],
}


def _extraction_data(extraction: Extraction) -> dict[str, Any]:
    return {
        "table": extraction.table,
        "line": extraction.line,
        "layout": extraction.layout,
        "model": extraction.model,
        "axis": extraction.axis,
        "scores": [
            {
                "benchmark": score.benchmark,
                "metric": score.metric,
                "value": score.value,
                "cell": score.cell,
                "line": score.line,
            }
            for score in extraction.scores
        ],
        "skipped": [
            {"label": skip.label, "cell": skip.cell, "reason": skip.reason}
            for skip in extraction.skipped
        ],
    }


def _case_data(markdown: str, table: int | str, model: str | int | None) -> dict[str, Any]:
    try:
        return _extraction_data(extract(markdown, table, model))
    except HfevalError as error:
        return {"error": type(error).__name__, "message": str(error)}


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_fixture_golden(fixture: str, data_regression: DataRegressionFixture) -> None:
    markdown = (FIXTURES / f"{fixture}.md").read_text(encoding="utf-8")
    listing = [summarise(analyse(table)).as_dict() for table in find_tables(markdown)]
    cases = [
        {"table": table, "model": model, "result": _case_data(markdown, table, model)}
        for table, model in CASES[fixture]
    ]
    data_regression.check({"tables": listing, "cases": cases}, fullpath=GOLDEN / f"{fixture}.yml")


def test_every_fixture_has_cases() -> None:
    names = {path.stem for path in FIXTURES.glob("*.md")}
    assert names == set(CASES)
