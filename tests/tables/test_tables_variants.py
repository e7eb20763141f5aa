"""Model headers split over two rows: a model group over its variants (`Nimbus-7B` / `base`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hfeval.cli import main
from hfeval.errors import ModelNotFoundError
from hfeval.tables import analyse, extract, find_tables
from hfeval.tables.axis import column_candidates
from hfeval.tables.headers import setting_columns

FIXTURES = Path(__file__).parent / "fixtures"
HTML_FIXTURE = FIXTURES / "model_variants_html.md"

ROWSPAN_HTML = """\
<table>
<tr><td rowspan="2">Benchmark</td><td colspan="2">Nimbus-7B</td><td colspan="2">Llama-2-7B</td></tr>
<tr><td>base</td><td>chat</td><td>base</td><td>chat</td></tr>
<tr><td>MMLU</td><td>63.4</td><td>62.0</td><td>45.3</td><td>47.2</td></tr>
<tr><td>TriviaQA</td><td>68.1</td><td>N/A</td><td>72.1</td><td>—</td></tr>
</table>
"""

REPEATED_PIPE = """\
| Benchmark | Nimbus-7B | Nimbus-7B | Llama-2-7B | Llama-2-7B |
|---|---|---|---|---|
| | Base | Chat | Base | Chat |
| MMLU | 63.4 | 62.0 | 45.3 | 47.2 |
| TriviaQA | 68.1 | N/A | 72.1 | — |
"""

BLANK_CORNER_PIPE = """\
| | Nimbus-7B | | Llama-2-7B | |
|---|---|---|---|---|
| Benchmark | SFT | RL | SFT | RL |
| MMLU | 63.4 | 62.0 | 45.3 | 47.2 |
| TriviaQA | 68.1 | 66.0 | 72.1 | 70.5 |
"""

ONE_COLUMN_GROUP = """\
| Benchmark | Nimbus-7B | | Llama-2-7B |
|---|---|---|---|
| | base | chat | chat |
| MMLU | 63.4 | 62.0 | 47.2 |
| GSM8K | 41.0 | 45.2 | 26.3 |
"""


def values(markdown: str, model: str | int) -> dict[str, float]:
    return {score.benchmark: score.value for score in extract(markdown, 1, model).scores}


def candidates(markdown: str) -> list[str]:
    return column_candidates(analyse(find_tables(markdown)[0]))


@pytest.mark.parametrize("markdown", [ROWSPAN_HTML, REPEATED_PIPE, BLANK_CORNER_PIPE])
def test_the_variant_row_is_header_not_body(markdown: str) -> None:
    table = analyse(find_tables(markdown)[0])
    assert [row.cells[0].text for row in table.rows] == ["MMLU", "TriviaQA"]
    assert table.layout == "models-as-columns"


def test_candidates_name_the_model_and_the_variant() -> None:
    assert candidates(ROWSPAN_HTML) == [
        "Nimbus-7B base",
        "Nimbus-7B chat",
        "Llama-2-7B base",
        "Llama-2-7B chat",
    ]
    assert candidates(REPEATED_PIPE)[1] == "Nimbus-7B Chat"
    assert candidates(BLANK_CORNER_PIPE) == [
        "Nimbus-7B SFT",
        "Nimbus-7B RL",
        "Llama-2-7B SFT",
        "Llama-2-7B RL",
    ]


@pytest.mark.parametrize(
    "written",
    [
        "Nimbus-7B base",
        "nimbus-7b BASE",
        "**Nimbus-7B**  base",
        "Nimbus-7B (base)",
        "Nimbus-7B / base",
    ],
)
def test_every_written_form_of_the_label_picks_the_same_column(written: str) -> None:
    extraction = extract(ROWSPAN_HTML, 1, written)
    assert extraction.model == "Nimbus-7B base"
    assert extraction.axis == "column"
    assert values(ROWSPAN_HTML, written) == {"MMLU": 63.4, "TriviaQA": 68.1}


def test_variants_of_one_model_are_never_confused() -> None:
    assert values(ROWSPAN_HTML, "Nimbus-7B chat") == {"MMLU": 62.0}
    assert values(ROWSPAN_HTML, "Llama-2-7B base") == {"MMLU": 45.3, "TriviaQA": 72.1}
    assert values(BLANK_CORNER_PIPE, "Llama-2-7B RL") == {"MMLU": 47.2, "TriviaQA": 70.5}


def test_a_column_number_reads_the_variant_without_the_sub_label_as_a_score() -> None:
    extraction = extract(ROWSPAN_HTML, 1, 2)
    assert extraction.model == "Nimbus-7B base"
    assert [score.benchmark for score in extraction.scores] == ["MMLU", "TriviaQA"]
    assert extraction.skipped == ()


@pytest.mark.parametrize("markdown", [ROWSPAN_HTML, REPEATED_PIPE])
def test_the_bare_group_name_is_ambiguous_and_lists_the_variants(markdown: str) -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        extract(markdown, 1, "Nimbus-7B")
    error = caught.value
    assert [label.casefold() for label in error.candidates] == ["nimbus-7b base", "nimbus-7b chat"]
    assert error.closest is None
    assert "matches 2 columns" in str(error)
    assert all(label in str(error) for label in error.candidates)


def test_a_bare_variant_shared_by_two_models_is_ambiguous() -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        extract(BLANK_CORNER_PIPE, 1, "RL")
    assert caught.value.candidates == ("Nimbus-7B RL", "Llama-2-7B RL")


def test_a_group_of_one_column_answers_to_its_group_name() -> None:
    extraction = extract(ONE_COLUMN_GROUP, 1, "Llama-2-7B")
    assert extraction.model == "Llama-2-7B chat"
    assert values(ONE_COLUMN_GROUP, "Llama-2-7B") == {"MMLU": 47.2, "GSM8K": 26.3}


def test_a_setting_word_under_a_model_is_a_variant_but_a_group_of_settings_is_not() -> None:
    columns = [
        ("Benchmark",),
        ("Setup", "# Shots"),
        ("Setup", "Metric"),
        ("Nimbus-7B", "Base"),
        ("Nimbus-7B", "Chat"),
        ("Params", "Total"),
        ("Size",),
    ]
    assert setting_columns(columns) == {1, 2, 5, 6}


def test_a_partial_label_is_not_a_match() -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        extract(ROWSPAN_HTML, 1, "Nimbus-7B bas")
    assert "Nimbus-7B base" in caught.value.candidates


def test_a_category_over_models_is_ambiguous_too() -> None:
    markdown = HTML_FIXTURE.read_text(encoding="utf-8")
    with pytest.raises(ModelNotFoundError) as caught:
        extract(markdown, 2, "Open models")
    assert caught.value.candidates == ("Nimbus-13B SFT", "Nimbus-13B RL", "Kestrel-13B RL")


def test_benchmark_groups_over_metrics_stay_benchmark_and_metric() -> None:
    markdown = HTML_FIXTURE.read_text(encoding="utf-8")
    extraction = extract(markdown, 3, "Llama-2-7B")
    assert extraction.layout == "models-as-rows"
    assert [(s.benchmark, s.metric, s.value) for s in extraction.scores] == [
        ("MMLU", "5-shot", 45.3),
        ("MMLU", "0-shot", 41.8),
        ("GSM8K", None, 14.6),
    ]


def test_cli_lists_variant_labels_and_refuses_the_group_name(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(ROWSPAN_HTML, encoding="utf-8")
    runner = CliRunner()
    listed = runner.invoke(main, ["tables", str(path), "--json"])
    assert listed.exit_code == 0
    labels = [c["label"] for c in json.loads(listed.stdout)["tables"][0]["candidates"]]
    assert labels == ["Nimbus-7B base", "Nimbus-7B chat", "Llama-2-7B base", "Llama-2-7B chat"]
    refused = runner.invoke(
        main, ["extract", str(path), "--table", "1", "--model", "Nimbus-7B", "--json"]
    )
    assert refused.exit_code == 1
    assert "'Nimbus-7B base', 'Nimbus-7B chat'" in refused.stderr
