"""Parsing both Artificial Analysis response shapes and finding one model in a catalogue."""

from __future__ import annotations

from typing import Any

import pytest

from hfeval.errors import ArtificialAnalysisError
from hfeval.sources.aa_catalogue import Catalogue, model_to_json, parse_page


def _entry(creator: str, slug: str, **evaluations: float | None) -> dict[str, Any]:
    return {
        "id": f"id-{creator}-{slug}",
        "name": slug.replace("-", " ").title(),
        "slug": slug,
        "model_creator": {"id": f"c-{creator}", "name": creator.title(), "slug": creator},
        "evaluations": evaluations,
        "pricing": {"price_1m_input_tokens": 0.1},
    }


def _catalogue(*entries: dict[str, Any]) -> Catalogue:
    page = parse_page({"data": list(entries)}, what="test")
    return Catalogue("https://aa.test/api/v2", "classic", 0.0, page.models)


CATALOGUE = _catalogue(
    _entry("acme", "cirrus-2-mini", gpqa=0.652),
    _entry("acme", "cirrus-2", gpqa=0.741),
    _entry("allenai", "olmo-3-32b-think", gpqa=0.61),
    _entry("meta", "llama-3-3-instruct-70b", gpqa=0.498),
)


def test_classic_page_keeps_identity_and_raw_evaluations() -> None:
    page = parse_page(
        {"status": 200, "data": [_entry("acme", "cirrus-2-mini", gpqa=0.652, lcr=None)]},
        what="test",
    )
    (model,) = page.models
    assert (model.id, model.slug, model.name) == (
        "id-acme-cirrus-2-mini",
        "cirrus-2-mini",
        "Cirrus 2 Mini",
    )
    assert (model.creator.slug, model.creator.name) == ("acme", "Acme")
    assert dict(model.evaluations) == {"gpqa": 0.652, "lcr": None}
    assert model.page_url == "https://artificialanalysis.ai/models/cirrus-2-mini"
    assert page.has_more is False


@pytest.mark.parametrize(
    ("pagination", "has_more"),
    [
        ({"page": 1, "total_pages": 3, "has_more": True}, True),
        ({"page": 3, "total_pages": 3, "has_more": False}, False),
        ({"page": 1, "total_pages": 2}, True),
        ({"page": 2, "total_pages": 2}, False),
        ("not a mapping", False),
    ],
)
def test_language_page_reads_pagination(pagination: object, has_more: bool) -> None:
    page = parse_page({"data": [], "pagination": pagination}, what="test")
    assert page.has_more is has_more


@pytest.mark.parametrize("payload", [[], {"models": []}, {"data": {"a": 1}}, "text", None])
def test_body_without_a_data_list_is_an_error(payload: object) -> None:
    with pytest.raises(ArtificialAnalysisError, match='without a "data" list') as caught:
        parse_page(payload, what="GET https://aa.test/x")
    assert "GET https://aa.test/x" in caught.value.message


def test_entries_without_identity_are_skipped_and_counted() -> None:
    good = _entry("acme", "cirrus-2-mini")
    no_slug = {**good, "slug": ""}
    no_creator = {key: value for key, value in good.items() if key != "model_creator"}
    page = parse_page({"data": [good, no_slug, no_creator, "junk", None]}, what="test")
    assert [model.slug for model in page.models] == ["cirrus-2-mini"]
    assert page.skipped_entries == 4


def test_missing_evaluations_become_an_empty_mapping() -> None:
    entry = _entry("acme", "cirrus-2-mini")
    entry["evaluations"] = None
    (model,) = parse_page({"data": [entry]}, what="test").models
    assert dict(model.evaluations) == {}


def test_model_json_round_trips_through_parse_page() -> None:
    original = CATALOGUE.models
    again = parse_page({"data": [model_to_json(m) for m in original]}, what="test").models
    assert again == original


def test_find_by_creator_and_model_slug() -> None:
    assert CATALOGUE.find(creator="acme", model="cirrus-2").name == "Cirrus 2"
    assert CATALOGUE.find(creator=" ACME ", model="Cirrus-2-Mini").slug == "cirrus-2-mini"


def test_find_by_id_wins_over_slugs() -> None:
    found = CATALOGUE.find(model_id="id-meta-llama-3-3-instruct-70b", creator="acme", model="x")
    assert found.slug == "llama-3-3-instruct-70b"


def test_unknown_id_is_an_error() -> None:
    with pytest.raises(ArtificialAnalysisError, match='no model with id "nope"'):
        CATALOGUE.find(model_id="nope")


def test_neither_id_nor_both_slugs_is_an_error() -> None:
    with pytest.raises(ArtificialAnalysisError, match="needs `id`, or both"):
        CATALOGUE.find(creator="acme")


def test_typo_in_model_names_the_closest_models_of_that_creator() -> None:
    with pytest.raises(ArtificialAnalysisError) as caught:
        CATALOGUE.find(creator="acme", model="cirus-2-mini")
    error = caught.value
    assert 'no model "cirus-2-mini" by creator "acme"' in error.message
    assert error.hint is not None
    assert error.hint.startswith('closest acme models: "cirrus-2-mini"')


def test_typo_in_creator_names_the_closest_creators_and_models() -> None:
    with pytest.raises(ArtificialAnalysisError) as caught:
        CATALOGUE.find(creator="alenai", model="olmo-3-32b-thinking")
    assert caught.value.hint == 'closest creators: "allenai"; closest models: "olmo-3-32b-think"'


def test_model_under_another_creator_says_which() -> None:
    with pytest.raises(ArtificialAnalysisError) as caught:
        CATALOGUE.find(creator="acme", model="olmo-3-32b-think")
    assert caught.value.hint == '"olmo-3-32b-think" exists under creator "allenai"; fix `creator:`'


def test_nothing_close_says_so() -> None:
    with pytest.raises(ArtificialAnalysisError) as caught:
        CATALOGUE.find(creator="zzz", model="qqqqqq")
    assert caught.value.hint == "closest creators: none close; closest models: none close"


def test_evaluation_keys_cover_every_model() -> None:
    catalogue = _catalogue(_entry("a", "m1", gpqa=0.5), _entry("b", "m2", hle=None))
    assert catalogue.evaluation_keys() == {"gpqa", "hle"}
