"""The model axis: exact matches only, siblings kept apart, numbers accepted, helpful failures."""

from __future__ import annotations

import pytest

from hfeval.errors import ModelNotFoundError, TableNotFoundError
from hfeval.tables import extract

SIBLINGS = """\
## Chat

| Model | MT-Bench | AlpacaEval |
|-------|----------|------------|
| Zephyr-7b-α | 6.88 | - |
| **Zephyr-7b-β** 🪁 | 7.34 | 90.60 |
| Zephyr-7b-β-Lite | 6.10 | 80.00 |

## Medical

| Dataset | meditron-70b | meditron-7b | llama-2-7b |
|---|---|---|---|
| PubMedQA | 81.6 | 74.4 | 61.8 |
| MedQA | 64.4 | 47.9 | 44.0 |
"""


def values(table: int | str, model: str | int | None) -> dict[str, float]:
    return {score.benchmark: score.value for score in extract(SIBLINGS, table, model).scores}


def test_greek_letter_siblings_are_never_confused() -> None:
    assert values(1, "Zephyr-7b-α") == {"MT-Bench": 6.88}
    assert values(1, "zephyr-7B-β") == {"MT-Bench": 7.34, "AlpacaEval": 90.60}
    assert values(1, "Zephyr-7b-β-Lite") == {"MT-Bench": 6.10, "AlpacaEval": 80.00}


def test_size_siblings_are_never_confused() -> None:
    assert values(2, "meditron-7b") == {"PubMedQA": 74.4, "MedQA": 47.9}
    assert values(2, "**Meditron-70B**") == {"PubMedQA": 81.6, "MedQA": 64.4}


def test_numbers_pick_a_column_or_a_row() -> None:
    assert values(2, 3) == {"PubMedQA": 74.4, "MedQA": 47.9}
    assert values(1, 2) == {"MT-Bench": 7.34, "AlpacaEval": 90.60}


def test_heading_selects_the_first_table_under_it() -> None:
    assert values("medical", "llama-2-7b") == {"PubMedQA": 61.8, "MedQA": 44.0}


def test_no_match_lists_candidates_and_the_closest() -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        extract(SIBLINGS, 2, "meditron-13b")
    error = caught.value
    assert error.candidates == ("meditron-70b", "meditron-7b", "llama-2-7b")
    assert error.closest in ("meditron-7b", "meditron-70b")
    assert "meditron-13b" in str(error)


def test_closest_is_a_model_even_when_a_benchmark_label_is_nearer() -> None:
    table = (
        "| Benchmark | m | other |\n|---|---|---|\n"
        "| MMLU | 64.8 | 50.0 |\n| Acme Reasoning Suite | 41.0 | 30.0 |\n"
    )
    with pytest.raises(ModelNotFoundError) as caught:
        extract(table, 1, "mm")
    assert caught.value.closest == "m"


def test_a_prefix_is_not_a_match() -> None:
    with pytest.raises(ModelNotFoundError):
        extract(SIBLINGS, 1, "Zephyr-7b")


def test_a_table_with_models_needs_a_model() -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        extract(SIBLINGS, 2, None)
    assert "meditron-7b" in caught.value.candidates


def test_out_of_range_numbers_fail_cleanly() -> None:
    with pytest.raises(ModelNotFoundError):
        extract(SIBLINGS, 2, 9)
    with pytest.raises(TableNotFoundError) as caught:
        extract(SIBLINGS, 3, "meditron-7b")
    assert "2 table(s)" in str(caught.value)
    with pytest.raises(TableNotFoundError):
        extract(SIBLINGS, "No such heading", "meditron-7b")


def test_repeated_names_are_ambiguous_unless_fully_named() -> None:
    text = "|Model|Size|MMLU|\n|---|---|---|\n|Starling|7B|45.3|\n|Starling|13B|54.8|\n"
    with pytest.raises(ModelNotFoundError) as caught:
        extract(text, 1, "Starling")
    assert caught.value.candidates == ("Starling 7B", "Starling 13B")
    result = extract(text, 1, "Starling 13B")
    assert [(s.benchmark, s.value) for s in result.scores] == [("MMLU", 54.8)]
    assert result.model == "Starling 13B"


def test_a_model_column_of_placeholders_is_still_a_model_column() -> None:
    text = (
        "| Benchmark | GPT-4 | Ours |\n|---|---|---|\n| MMLU | - | 70.1 |\n| GSM8K | - | 80.2 |\n"
    )
    assert {s.benchmark: s.value for s in extract(text, 1, "Ours").scores} == {
        "MMLU": 70.1,
        "GSM8K": 80.2,
    }
    result = extract(text, 1, "GPT-4")
    assert result.scores == ()
    assert [skip.reason for skip in result.skipped] == ["placeholder '-'", "placeholder '-'"]
