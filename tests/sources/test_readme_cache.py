"""The README extraction cache: a hit gives the same result; any input that matters misses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hfeval.observations import SourceResult
from hfeval.registry import default_registry
from hfeval.registry.registry import Registry
from hfeval.sources import readme as readme_module
from hfeval.sources.readme import readme_source_result
from hfeval.sources.readme_cache import ExtractionCache, extraction_key
from hfeval.spec import ReadmeSource

CARD = """\
# Orion-7B

## Knowledge

| Model | MMLU | C-Eval | Quirk-QA |
|---|---|---|---|
| Orion-7b | 58.4 | 66.0 | 12.5 |
| Orion-70b | 70.1 | 72.0 | 20.0 |

## Math

| Model | GSM8K |
|---|---|
| Orion-7b | 40.1 |
| Orion-7B-Chinese | 38.0 |
"""


class CountingExtract:
    """Wraps the table extractor to count how often a table is really read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        self.real = getattr(readme_module, "extract")  # noqa: B009 - not re-exported
        monkeypatch.setattr(readme_module, "extract", self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.real(*args, **kwargs)


def resolve(
    cache: ExtractionCache | None,
    card: str = CARD,
    registry: Registry | None = None,
    repo: str = "orion/Orion-7B",
    **fields: Any,
) -> SourceResult:
    return readme_source_result(
        card,
        ReadmeSource(**fields),
        repo_id=repo,
        file=None,
        revision="abc",
        source_url=f"https://huggingface.co/{repo}",
        registry=registry or default_registry(),
        blob_url=f"https://huggingface.co/{repo}/blob/abc/README.md",
        cache=cache,
    )


@pytest.fixture
def cache(tmp_path: Path) -> ExtractionCache:
    return ExtractionCache(tmp_path / "extractions")


@pytest.mark.parametrize(
    "fields",
    [
        {"table": "Knowledge", "model": "Orion-7b"},
        {"table": 1, "model": 1, "exclude": ["C-Eval"], "rename": {"Quirk-QA": "MMLU-Pro"}},
        {},  # readme: {} — the chooser's tables
        {"include": ["GSM8K"]},
    ],
)
def test_a_hit_equals_a_fresh_read_and_reads_no_table(
    cache: ExtractionCache, monkeypatch: pytest.MonkeyPatch, fields: dict[str, Any]
) -> None:
    fresh = resolve(None, **fields)
    counter = CountingExtract(monkeypatch)
    assert resolve(cache, **fields) == fresh
    first_calls = counter.calls
    assert first_calls >= 1
    assert resolve(cache, **fields) == fresh
    assert counter.calls == first_calls  # the second read came from disk
    assert len(list(cache.directory.rglob("*.json"))) == 1


def test_every_input_of_the_extraction_is_in_the_key(
    cache: ExtractionCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = CountingExtract(monkeypatch)
    resolve(cache, table=1, model="Orion-7b")
    extended = default_registry().extend([{"id": "quirk_qa", "aliases": ["Quirk-QA"]}])
    changes: list[dict[str, Any]] = [
        {"card": CARD.replace("58.4", "58.5")},  # the README text
        {"table": "1"},  # a heading "1", not table 1 (no such heading: an error, not cached)
        {"table": 2},
        {"model": "Orion-70b"},
        {"registry": extended},  # the spec repo's registry additions
        {"repo": "orion/other"},  # only the chooser looks at the repo: not a miss for table 1
    ]
    expected_misses = [1, 1, 1, 1, 1, 0]
    for change, misses in zip(changes, expected_misses, strict=True):
        before = counter.calls
        fields = {"table": 1, "model": "Orion-7b", **change}
        try:
            resolve(cache, **fields)
        except Exception:
            assert fields["table"] == "1"
        assert counter.calls - before == misses, change
    quirk = [o for o in resolve(cache, registry=extended, table=1, model="Orion-7b").observations]
    assert [o.benchmark_type for o in quirk][-1] == "quirk_qa"  # not the default registry's entry


def test_the_chooser_is_keyed_by_the_card_repo(cache: ExtractionCache) -> None:
    def key(repo: str | None, table: int | None = None) -> str:
        return extraction_key(
            CARD, table=table, model=None, card_repo=repo, registry=default_registry()
        )

    assert key("orion/Orion-7B") != key("acme/nimbus-7b")
    assert key("orion/Orion-7B", table=1) == key("acme/nimbus-7b", table=1)


def test_a_failed_read_is_not_stored_and_a_broken_entry_is_a_miss(
    cache: ExtractionCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(Exception, match="no table under a heading"):
        resolve(cache, table="Nowhere")
    assert not cache.directory.exists()
    good = resolve(cache, table=1, model="Orion-7b")
    (entry,) = cache.directory.rglob("*.json")
    entry.write_text(json.dumps([{"extraction": {"table": 1}}]), encoding="utf-8")
    counter = CountingExtract(monkeypatch)
    assert resolve(cache, table=1, model="Orion-7b") == good
    assert counter.calls == 1
    assert json.loads(entry.read_text(encoding="utf-8"))[0]["extraction"]["scores"]


def test_registry_fingerprint_follows_its_contents() -> None:
    base = default_registry()
    same = base.extend([])
    assert same.fingerprint == base.fingerprint
    assert base.extend([{"id": "mmlu", "aliases": ["MMLU (new)"]}]).fingerprint != base.fingerprint
    assert base.extend([{"id": "mmlu", "scale": "fraction"}]).fingerprint != base.fingerprint
