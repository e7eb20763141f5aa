"""The on-disk cache of README table extractions, so an unchanged card is not analysed again.

Extracting one table costs a few milliseconds of CPU, most of a warm plan's work per repo. What
it produces depends only on the README text, the table and model asked for (or, for
`readme: {}`, the card's repo the chooser looks for), the benchmark registry, and hfeval's table
code; the key hashes all of these, so any change to one is a miss, never a stale answer:

- the README's sha256 (not the commit: a commit that leaves the README alone still hits);
- `table` and `model`, or the card repo for the chooser;
- `Registry.fingerprint` (the shipped benchmarks plus the spec repo's `registry:` additions);
- hfeval's version and a hash of the table-reading code itself (`hfeval/tables`,
  `hfeval/choose`, `readme.py`, this module), so an edited checkout never reads old results.

The spec's include/exclude/rename are applied after the cache, so they are not in the key. A
failed extraction (no such table, model not found) is not stored: it is computed again, with
its message, each time. Entries live under `$HF_HOME/hfeval/extractions/`, one JSON file each,
written atomically; a missing, unreadable or malformed entry is only a miss.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import hfeval
from hfeval.disk_cache import cache_write, entry_path, read_entry, source_fingerprint
from hfeval.registry import Registry
from hfeval.tables import ExtractedScore, Extraction, SkippedCell

CACHE_FORMAT = 1
_CODE_DIRS = ("tables", "choose")
_CODE_FILES = ("sources/readme.py", "sources/readme_cache.py")

Picked = list[tuple[Extraction, str | None]]
"""Each table read for one source, with why the chooser took it (None: the spec named it)."""


@functools.cache
def code_fingerprint() -> str:
    """A hash of hfeval's version and of the source of everything that reads tables."""
    package = Path(hfeval.__file__).parent
    return source_fingerprint(
        [path for name in _CODE_DIRS for path in (package / name).glob("*.py")]
        + [package / name for name in _CODE_FILES]
    )


def extraction_key(
    markdown: str,
    *,
    table: int | str | None,
    model: str | int | None,
    card_repo: str | None,
    registry: Registry,
) -> str:
    """The cache key of one source's extractions (see the module docstring)."""
    parts = [
        CACHE_FORMAT,
        code_fingerprint(),
        registry.fingerprint,
        hashlib.sha256(markdown.encode()).hexdigest(),
        # The type matters: table 3 is the third table, table "3" the heading "3".
        [type(table).__name__, table],
        [type(model).__name__, model],
        card_repo if table is None else None,  # only the chooser looks for the card's repo
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


class ExtractionCache:
    """Extractions stored by key, one JSON file each under `directory`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, key: str) -> Path:
        return entry_path(self.directory, key)

    def get(self, key: str) -> Picked | None:
        try:
            stored = read_entry(self.path_for(key))
            return [(_extraction(item["extraction"]), item["why"]) for item in stored]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent, half-written or from another layout: compute again

    def put(self, key: str, picked: Picked) -> None:
        items = [{"extraction": asdict(extraction), "why": why} for extraction, why in picked]
        cache_write(self.path_for(key), json.dumps(items))

    def picked(self, key: str, compute: Callable[[], Picked]) -> Picked:
        """The stored extractions for `key`, else `compute()`'s, stored for next time."""
        found = self.get(key)
        if found is None:
            found = compute()
            self.put(key, found)
        return found


def _extraction(data: dict[str, Any]) -> Extraction:
    return Extraction(
        **{
            **data,
            "scores": tuple(ExtractedScore(**score) for score in data["scores"]),
            "skipped": tuple(SkippedCell(**skip) for skip in data["skipped"]),
        }
    )
