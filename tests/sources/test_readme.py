"""The README source: extraction, include/exclude/rename, provenance and notes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hfeval.errors import ModelNotFoundError, SourceError
from hfeval.observations import SourceResult
from hfeval.registry import default_registry
from hfeval.sources.readme import readme_source_result
from hfeval.spec import ReadmeSource

FIXTURES = Path(__file__).resolve().parents[1] / "tables" / "fixtures"
CARD = (FIXTURES / "category_rows.md").read_text(encoding="utf-8")
URL = "https://huggingface.co/org/Kestrel-Coder-Instruct"


def resolve(markdown: str = CARD, **fields: Any) -> SourceResult:
    return readme_source_result(
        markdown,
        ReadmeSource(**fields),
        repo_id="org/Kestrel-Coder-Instruct",
        file=None,
        revision="abc123",
        source_url=URL,
        registry=default_registry(),
    )


def test_scores_become_observations_with_provenance() -> None:
    result = resolve(table=2, model="**Kestrel-Coder-Instruct**")
    assert result.source_name == "Model README"
    assert result.source_url == URL
    assert result.task_type == "text-generation"
    assert [(o.benchmark, o.value) for o in result.observations] == [
        ("GSM8K", 94.0),
        ("MATH", 75.1),
    ]
    gsm8k = result.observations[0]
    assert gsm8k.benchmark_type == "gsm8k"
    assert gsm8k.provenance.kind == "readme"
    assert gsm8k.provenance.url == URL
    assert gsm8k.provenance.description == 'README table 2, row "Kestrel-Coder-Instruct", line 21'
    assert dict(gsm8k.provenance.details) == {
        "source": "readme",
        "repo": "org/Kestrel-Coder-Instruct",
        "file": None,
        "revision": "abc123",
        "table": 2,
        "row": "Kestrel-Coder-Instruct",
        "line": 21,
    }


def test_composite_cells_become_notes_but_placeholders_do_not() -> None:
    result = resolve(table=2, model="Kestrel-Coder-Instruct")
    assert result.notes == ('skipped "**4/30**" (composite) for AIME 2024 in README table 2',)
    assert resolve(table=2, model="Apex-Pro").notes == (
        'skipped "2/30" (composite) for AIME 2024 in README table 2',
    )


def test_column_axis_provenance_names_the_column() -> None:
    result = resolve(table="General", model="Kestrel-Coder Instruct", task="text2text-generation")
    assert result.task_type == "text2text-generation"
    assert result.observations[0].provenance.description == (
        'README table 3, column "Kestrel-Coder Instruct", line 27'
    )
    assert result.observations[0].provenance.details["column"] == "Kestrel-Coder Instruct"


def test_tables_without_a_model_axis_have_no_column_or_row() -> None:
    markdown = (FIXTURES / "metric_value.md").read_text(encoding="utf-8")
    result = resolve(markdown, table=2)
    assert result.observations[0].provenance.description == "README table 2, line 14"
    assert "row" not in result.observations[0].provenance.details
    assert [o.benchmark for o in result.observations][:2] == [
        "Avg.",
        "AI2 Reasoning Challenge (25-Shot)",
    ]


def test_include_matches_labels_and_registry_ids_case_insensitively() -> None:
    by_label = resolve(table=3, model="Kestrel-Coder Instruct", include=["bbh", "**MT-Bench**"])
    assert [o.benchmark for o in by_label.observations] == ["BBH", "MT-Bench"]
    by_id = resolve(table=3, model="Kestrel-Coder Instruct", include=["mt_bench"])
    assert [o.benchmark for o in by_id.observations] == ["MT-Bench"]


def test_exclude_drops_scores_and_their_notes() -> None:
    result = resolve(table=2, model="Kestrel-Coder-Instruct", exclude=["MATH", "AIME 2024"])
    assert [o.benchmark for o in result.observations] == ["GSM8K"]
    assert result.notes == ()


def test_an_include_that_matches_nothing_is_an_error_naming_it() -> None:
    with pytest.raises(SourceError) as caught:
        resolve(table=2, model="Kestrel-Coder-Instruct", include=["GSM8K", "HumanEval"])
    assert "'HumanEval'" in str(caught.value)
    assert "org/Kestrel-Coder-Instruct" in str(caught.value)


def test_rename_relabels_and_looks_the_new_label_up() -> None:
    result = resolve(
        table=3,
        model="Kestrel-Coder Instruct",
        rename={"Arena-Hard": "Arena Hard Auto"},
        include=["Arena-Hard"],
    )
    [arena] = result.observations
    assert arena.benchmark == "Arena Hard Auto"
    assert arena.value == 65.0


def test_model_errors_propagate() -> None:
    with pytest.raises(ModelNotFoundError):
        resolve(table=2, model="Kestrel")


TWO_OWN_TABLES = """\
# Orion-7B

## Knowledge

| Model | MMLU | C-Eval |
|---|---|---|
| Orion-7b | 58.4 | 66.0 |
| Orion-70b | 70.1 | 72.0 |

## Math

| Model | GSM8K |
|---|---|
| Orion-7b | 40.1 |
| Orion-7B-Chinese | 38.0 |
"""


def _chosen(
    card: str = TWO_OWN_TABLES, repo: str = "orion/Orion-7B", **fields: Any
) -> SourceResult:
    return readme_source_result(
        card,
        ReadmeSource(**fields),
        repo_id=None,
        file="card.md",
        revision=None,
        source_url=f"https://huggingface.co/{repo}",
        registry=default_registry(),
        card_repo=repo,
    )


def test_a_source_without_table_reads_every_table_the_chooser_picks() -> None:
    result = _chosen()
    assert [(o.benchmark, o.value) for o in result.observations] == [
        ("MMLU", 58.4),
        ("C-Eval", 66.0),
        ("GSM8K", 40.1),
    ]
    assert all("(chosen)" in o.provenance.description for o in result.observations)
    assert result.observations[0].provenance.details["chosen"] is True
    assert result.observations[2].provenance.description == (
        'README table 2 (chosen), row "Orion-7b", line 14'
    )
    assert [n for n in result.notes if n.startswith("readme: {} chose")] == [
        "readme: {} chose README table 1, row \"Orion-7b\": matches 'Orion-7B'",
        "readme: {} chose README table 2, row \"Orion-7b\": matches 'Orion-7B'",
    ]


def test_include_over_chosen_tables_looks_at_all_of_them() -> None:
    assert [o.benchmark for o in _chosen(include=["GSM8K"]).observations] == ["GSM8K"]
    with pytest.raises(SourceError, match="not a benchmark of README table 1, 2"):
        _chosen(include=["HumanEval"])


def test_no_chosen_table_is_an_error_listing_the_verdicts() -> None:
    with pytest.raises(SourceError) as caught:
        # No H1 either: the card names no model of its own.
        _chosen(TWO_OWN_TABLES.split("\n", 1)[1], "acme/nimbus-7b")
    assert "found no table with this model's own scores" in caught.value.message
    assert caught.value.hint is not None and "hfeval init" in caught.value.hint
