"""`GET /api/models` through the real `HfApi.list_models`: filters, sorting, expand and paging."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from huggingface_hub import HfApi

from hfeval.sandbox import Sandbox, SandboxConfig, SandboxUser, start_sandbox
from hfeval.sandbox.api_listing import set_model_stats

CARD_WITH_INDEX = """---
license: mit
model-index:
- name: m
  results:
  - task: {type: text-generation}
    dataset: {type: cais/mmlu, name: MMLU}
    metrics: [{type: acc, value: 71.2}]
---
# M
"""


@pytest.fixture
def paged_hub(tmp_path: Path) -> Iterator[Sandbox]:
    """A private sandbox answering two models per page, with five `acme` models and one other."""
    hub = start_sandbox(
        tmp_path / "hub", config=SandboxConfig(user=SandboxUser("acme"), models_page_size=2)
    )
    for number, downloads in enumerate([30, 10, 50, 20, 40]):
        repo_id = f"acme/model-{number}"
        readme = CARD_WITH_INDEX if number == 0 else f"---\nlicense: mit\n---\n# {number}\n"
        hub.store.create_repo(repo_id, {"README.md": readme})
        set_model_stats(hub.store, repo_id, downloads=downloads, trending_score=100 - downloads)
    hub.store.create_repo("other/thing", {"README.md": "# other\n"})
    hub.store.create_repo("acme/secret", {"README.md": "# secret\n"}, private=True)
    yield hub
    hub.stop()


def test_listing_follows_link_pages_to_the_end(paged_hub: Sandbox) -> None:
    api = HfApi(endpoint=paged_hub.url, token=False)
    listed = [model.id for model in api.list_models()]
    assert listed == [f"acme/model-{n}" for n in range(5)] + ["other/thing"]
    first = httpx.get(f"{paged_hub.url}/api/models", params={"author": "acme"})
    assert len(first.json()) == 2
    assert 'rel="next"' in first.headers["link"]
    assert "author=acme" in first.headers["link"]


def test_author_filter_and_sort_by_downloads_descending(paged_hub: Sandbox) -> None:
    api = HfApi(endpoint=paged_hub.url, token=False)
    by_downloads = list(api.list_models(author="ACME", sort="downloads"))
    assert [m.id for m in by_downloads] == [f"acme/model-{n}" for n in (2, 4, 0, 3, 1)]
    assert [m.downloads for m in by_downloads] == [50, 40, 30, 20, 10]
    trending = [m.id for m in api.list_models(author="acme", sort="trending_score")]
    assert trending == [f"acme/model-{n}" for n in (1, 3, 0, 4, 2)]


def test_limit_stops_early_and_expand_returns_only_those_fields(paged_hub: Sandbox) -> None:
    api = HfApi(endpoint=paged_hub.url, token=False)
    models = list(api.list_models(author="acme", limit=3, expand=["sha", "model-index"]))
    assert [m.id for m in models] == ["acme/model-0", "acme/model-1", "acme/model-2"]
    assert models[0].model_index and models[0].model_index[0]["name"] == "m"
    assert models[1].model_index is None
    assert models[1].sha == paged_hub.store.head("acme/model-1")
    assert models[1].downloads is None  # not asked for
    raw = httpx.get(f"{paged_hub.url}/api/models", params={"search": "thing"}).json()
    assert [item["id"] for item in raw] == ["other/thing"]
    assert {"downloads", "likes", "trendingScore", "tags"} <= set(raw[0])
    assert "siblings" not in raw[0] and "cardData" not in raw[0]


def test_private_models_are_listed_only_to_those_who_may_read_them(paged_hub: Sandbox) -> None:
    anonymous = [m.id for m in HfApi(endpoint=paged_hub.url, token=False).list_models()]
    assert "acme/secret" not in anonymous
    logged_in = [m.id for m in HfApi(endpoint=paged_hub.url).list_models(author="acme")]
    assert "acme/secret" in logged_in


def test_bad_sort_and_cursor_are_400s(paged_hub: Sandbox) -> None:
    for params in ({"sort": "stars"}, {"cursor": "nonsense"}, {"limit": "0"}):
        answer = httpx.get(f"{paged_hub.url}/api/models", params=params)
        assert answer.status_code == 400, params
