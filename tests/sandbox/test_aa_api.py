"""The sandbox's Artificial Analysis endpoint, called directly: auth, both shapes, paging."""

from __future__ import annotations

import json
from typing import Any

import pytest

from hfeval.sandbox import aa_api

CLASSIC = "/api/v2/data/llms/models"
LANGUAGE = "/api/v2/language/models"
KEY = {"X-Api-Key": "any-key"}


def get(
    path: str, query: dict[str, list[str]] | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], Any]:
    status, response_headers, body = aa_api.handle("GET", path, query or {}, headers or KEY)
    assert response_headers["Content-Type"] == "application/json"
    assert response_headers["Content-Length"] == str(len(body))
    return status, response_headers, json.loads(body)


@pytest.mark.parametrize("path", [CLASSIC, LANGUAGE, LANGUAGE + "/free"])
def test_a_key_is_required(path: str) -> None:
    status, _, body = get(path, headers={"Accept": "application/json"})
    assert (status, body) == (401, {"error": "Invalid or missing API key"})


@pytest.mark.parametrize("path", [CLASSIC, LANGUAGE])
def test_the_forbidden_key_gets_403(path: str) -> None:
    status, _, _ = get(path, headers={"x-api-key": "forbidden-key"})
    assert status == 403


def test_unknown_path_and_method() -> None:
    assert get("/api/v2/data/llms/nothing")[0] == 404
    status, headers, _ = aa_api.handle("POST", CLASSIC, {}, KEY)
    assert (status, headers["Allow"]) == (405, "GET")


def test_classic_shape_lists_every_model_with_classic_keys() -> None:
    status, _, body = get(CLASSIC + "/")
    assert status == 200 and body["status"] == 200
    by_slug = {model["slug"]: model for model in body["data"]}
    assert len(by_slug) == 9
    cirrus = by_slug["cirrus-2-mini"]
    assert cirrus["name"] == "Cirrus 2 Mini"
    assert cirrus["model_creator"]["slug"] == "acme"
    evaluations = cirrus["evaluations"]
    assert evaluations["gpqa"] == 0.652 and evaluations["lcr"] is None
    for key in ("artificial_analysis_intelligence_index", "mmlu_pro", "hle", "livecodebench"):
        assert isinstance(evaluations[key], float)
    assert evaluations["aime_25"] == 0.577


def test_language_shape_pages_and_renames_keys() -> None:
    pages = [get(LANGUAGE, {"page": [str(n)]})[2] for n in (1, 2, 3)]
    assert [p["pagination"]["has_more"] for p in pages] == [True, True, False]
    assert [len(p["data"]) for p in pages] == [4, 4, 1]
    assert pages[0]["pagination"] == {
        "page": 1,
        "page_size": 4,
        "total_items": 9,
        "total_pages": 3,
        "has_more": True,
    }
    cirrus = pages[0]["data"][0]
    assert cirrus["slug"] == "cirrus-2-mini"
    assert cirrus["evaluations"]["gpqa_diamond"] == 0.652
    assert "aa_lcr" in cirrus["evaluations"] and "gpqa" not in cirrus["evaluations"]


def test_language_page_size_is_capped() -> None:
    _, _, body = get(LANGUAGE + "/free", {"page": ["1"], "page_size": ["100"]})
    assert body["pagination"]["page_size"] == aa_api.MAX_PAGE_SIZE
    _, _, body = get(LANGUAGE, {"page_size": ["2"]})
    assert len(body["data"]) == 2 and body["pagination"]["total_pages"] == 5


def test_a_page_past_the_end_is_empty() -> None:
    _, _, body = get(LANGUAGE, {"page": ["9"]})
    assert body["data"] == [] and body["pagination"]["has_more"] is False


@pytest.mark.parametrize("query", [{"page": ["0"]}, {"page": ["x"]}, {"page_size": ["-1"]}])
def test_bad_paging_is_a_400(query: dict[str, list[str]]) -> None:
    assert get(LANGUAGE, query)[0] == 400
