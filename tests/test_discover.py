"""`hfeval.discover`: the score-table test on README text, and discovery against a sandbox Hub
(listing order, author filter, paging, and what is left out)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cards import NOVA_CARD

from hfeval.discover import discover, score_table_count
from hfeval.hub import Hub
from hfeval.hub_listing import HubListing
from hfeval.pr_marker import PR_MARKER
from hfeval.sandbox import Sandbox, SandboxConfig, SandboxUser, start_sandbox
from hfeval.sandbox.api_listing import set_model_stats

SCORES = f"""{NOVA_CARD}
## Chat

| Model   | MT-Bench | AlpacaEval |
|---------|----------|------------|
| Nova-7B | 7.9      | 21.4       |
"""
SETTINGS_ONLY = """# Nova-7B

| Hyperparameter | Value |
|----------------|-------|
| Layers         | 32    |
| Learning rate  | 3e-4  |

| Model   | Download |
|---------|----------|
| Nova-7B | [link](https://example.com) |
"""
WITH_MODEL_INDEX = """---
model-index:
- name: Nova-7B
  results:
  - task: {type: text-generation}
    dataset: {type: cais/mmlu, name: MMLU}
    metrics: [{type: acc, value: 64.1}]
---
""" + SCORES.split("---\n", 2)[2]
UNKNOWN_BENCHMARKS = """| Task | Nova-7B |
|------|---------|
| Zorblax-QA | 12.0 |
| Frobnicate | 33.1 |
"""


def test_score_table_count_counts_the_tables_init_would_choose() -> None:
    assert score_table_count(SCORES, "acme/nova-7b") == 2
    assert score_table_count(SETTINGS_ONLY, "acme/nova-7b") == 0
    # Benchmarks the registry does not know are still the card's own scores: init writes them.
    assert score_table_count(UNKNOWN_BENCHMARKS, "acme/nova-7b") == 1
    assert score_table_count("# no tables at all\n") == 0
    one_row = "| MMLU | GSM8K |\n|---|---|\n| 64.1 | 55.0 |\n"
    assert score_table_count(one_row) == 1


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Sandbox]:
    """A sandbox answering three models per page: candidates and every kind of left-out model."""
    server = start_sandbox(
        tmp_path / "hub",
        config=SandboxConfig(user=SandboxUser("acme"), models_page_size=3),
    )
    cards = {
        "acme/nova-7b": (SCORES, 500),
        "acme/nova-7b-settings": (SETTINGS_ONLY, 900),
        "acme/nova-7b-indexed": (WITH_MODEL_INDEX, 800),
        "acme/nova-7b-pr": (SCORES, 700),
        "acme/nova-7b-other-pr": (SCORES, 600),
        "acme/nova-13b": (SCORES, 100),
        "acme/no-readme": (None, 50),
        "elsewhere/nova-1b": (SCORES, 1000),
    }
    for repo_id, (readme, downloads) in cards.items():
        files = (
            {".gitattributes": "*.bin filter=lfs\n"} if readme is None else {"README.md": readme}
        )
        server.store.create_repo(repo_id, files)
        set_model_stats(server.store, repo_id, downloads=downloads, trending_score=downloads % 7)
    writer = Hub(server.url)
    for repo_id, description in (
        ("acme/nova-7b-pr", f"Adds evaluation results.\n\n{PR_MARKER}"),
        ("acme/nova-7b-other-pr", "Fix a typo (not hfeval's)."),
    ):
        writer.commit(
            repo_id,
            {"notes.md": b"x\n"},
            message="A pull request",
            description=description,
            parent_commit=server.store.head(repo_id),
            create_pr=True,
        )
    yield server
    server.stop()


def run(server: Sandbox, **options: object) -> list[str]:
    found = discover(HubListing(server.url), Hub(server.url), **options)  # type: ignore[arg-type]
    return [candidate.repo_id for candidate in found.candidates]


def test_discover_keeps_models_with_score_tables_in_download_order(hub: Sandbox) -> None:
    found = discover(HubListing(hub.url), Hub(hub.url), author="acme", sort="downloads")
    assert [c.repo_id for c in found.candidates] == [
        "acme/nova-7b-other-pr",
        "acme/nova-7b",
        "acme/nova-13b",
    ]
    assert found.candidates[1].tables == 2 and found.candidates[1].downloads == 500
    assert found.scanned == 7  # every acme model once, over three pages of at most three
    assert (found.has_model_index, found.no_score_tables, found.open_hfeval_pr) == (1, 2, 1)
    assert found.failed == []


def test_limit_stops_after_enough_candidates_and_scan_bounds_the_listing(hub: Sandbox) -> None:
    assert run(hub, author="acme", sort="downloads", limit=1) == ["acme/nova-7b-other-pr"]
    # The first four by downloads hold one candidate; paging never reaches the rest.
    found = discover(HubListing(hub.url), Hub(hub.url), author="acme", sort="downloads", scan=4)
    assert [c.repo_id for c in found.candidates] == ["acme/nova-7b-other-pr"]
    assert found.scanned == 4


def test_without_author_every_namespace_is_listed(hub: Sandbox) -> None:
    assert run(hub, sort="downloads")[0] == "elsewhere/nova-1b"
    # trending scores are downloads % 7: 6, 5, 3, 2 for the four candidates
    assert run(hub, sort="trending") == [
        "elsewhere/nova-1b",
        "acme/nova-7b-other-pr",
        "acme/nova-7b",
        "acme/nova-13b",
    ]
