"""The on-disk cache of Artificial Analysis catalogues: one JSON file per base URL and flavor.

The free API allows about 1,000 requests a day, so a download is kept for a TTL (24 h by
default) under `$HFEVAL_CACHE_DIR/artificial_analysis/` (or `~/.cache/hfeval/...`). The file
name is a hash of the base URL plus the flavor; the API key is never part of the name or the
contents, so a cache can be shared or inspected without leaking it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from datetime import timedelta
from pathlib import Path

from hfeval.disk_cache import cache_write
from hfeval.errors import ArtificialAnalysisError
from hfeval.sources.aa_catalogue import Catalogue, model_to_json, parse_page

CACHE_FORMAT = 1
DEFAULT_TTL = timedelta(hours=24)


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """`$HFEVAL_CACHE_DIR`, else `~/.cache/hfeval`."""
    env = os.environ if environ is None else environ
    configured = env.get("HFEVAL_CACHE_DIR", "").strip()
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "hfeval"


class CatalogueCache:
    """Reads fresh catalogues from, and writes downloads to, one cache directory."""

    def __init__(self, directory: Path, *, ttl: timedelta, clock: Callable[[], float]) -> None:
        self.directory = directory / "artificial_analysis"
        self.ttl = ttl
        self._clock = clock

    def path_for(self, base_url: str, flavor: str) -> Path:
        digest = hashlib.sha256(f"{base_url}\n{flavor}".encode()).hexdigest()[:16]
        return self.directory / f"{flavor}-{digest}.json"

    def load(self, base_url: str, flavor: str) -> Catalogue | None:
        """The cached catalogue when one exists and is younger than the TTL, else None."""
        path = self.path_for(base_url, flavor)
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # A missing or half-written file only costs a fresh download.
            return None
        if not _is_entry(stored, base_url, flavor):
            return None
        fetched_at = float(stored["fetched_at"])
        age = self._clock() - fetched_at
        if age < 0 or age >= self.ttl.total_seconds():
            return None
        try:
            page = parse_page(stored, what=f"cache file {path}")
        except ArtificialAnalysisError:
            return None
        return Catalogue(
            base_url=base_url,
            flavor=flavor,
            fetched_at=fetched_at,
            models=page.models,
            skipped_entries=int(stored.get("skipped_entries", 0)),
            from_cache=True,
        )

    def store(self, catalogue: Catalogue) -> None:
        """Write atomically (temp file + rename) so a crash never leaves a torn cache file."""
        path = self.path_for(catalogue.base_url, catalogue.flavor)
        entry = {
            "format": CACHE_FORMAT,
            "base_url": catalogue.base_url,
            "flavor": catalogue.flavor,
            "fetched_at": catalogue.fetched_at,
            "skipped_entries": catalogue.skipped_entries,
            "data": [model_to_json(model) for model in catalogue.models],
        }
        # An unwritable cache must not fail the plan; the run keeps its in-memory copy.
        cache_write(path, json.dumps(entry, ensure_ascii=False, indent=1))


def _is_entry(stored: object, base_url: str, flavor: str) -> bool:
    return (
        isinstance(stored, dict)
        and stored.get("format") == CACHE_FORMAT
        and stored.get("base_url") == base_url
        and stored.get("flavor") == flavor
        and isinstance(stored.get("fetched_at"), int | float)
    )
