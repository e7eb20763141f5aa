"""The sandbox Hub's model listing, `GET /api/models`, as `HfApi.list_models` uses it.

Supported query parameters: `author` (namespace, case-insensitive), `search` (substring of the
repo id), `sort` (`downloads`, `likes`, `trendingScore`, `createdAt`, `lastModified`, `id`) with
`direction` (-1, the Hub's default, is descending), `limit` (page size, at most the server's
`models_page_size`), `expand` (only those properties, as on the Hub), `full` and `cardData`.

Paging follows the Hub: when more items remain, the answer carries
`Link: <.../api/models?...&cursor=...>; rel="next"`, and the client follows it until it stops.
Private repos are listed only to users who may read them.

The sandbox counts no downloads, so popularity comes from a small stats file in the data dir
(`listing-stats.json`, set with `set_model_stats`): tests and demos give each repo the
downloads, likes and trending score they need to exercise sorting.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from hfeval.sandbox.api_info import info_fields
from hfeval.sandbox.blobs import write_atomically
from hfeval.sandbox.failures import bad_request
from hfeval.sandbox.routing import Request, Response, Route, Services, route
from hfeval.sandbox.store import HubStore

STATS_FILE = "listing-stats.json"
STAT_FIELDS = ("downloads", "likes", "trendingScore")
# What a listing item carries without `expand`, and what `full=true` adds (as on the Hub).
LIST_FIELDS = frozenset(
    {"likes", "trendingScore", "private", "downloads", "tags", "pipeline_tag", "library_name",
     "createdAt"}
)  # fmt: skip
FULL_FIELDS = frozenset({"author", "sha", "lastModified", "gated", "disabled", "siblings"})
SORT_KEYS = frozenset({"downloads", "likes", "trendingScore", "createdAt", "lastModified", "id"})


def set_model_stats(
    store: HubStore,
    repo_id: str,
    *,
    downloads: int | None = None,
    likes: int | None = None,
    trending_score: int | None = None,
) -> None:
    """Record popularity figures for `repo_id` (those left None keep their value)."""
    given = {"downloads": downloads, "likes": likes, "trendingScore": trending_score}
    with store.lock:
        stats = model_stats(store)
        entry = stats.setdefault(repo_id, {})
        entry.update({name: value for name, value in given.items() if value is not None})
        write_atomically(store.data_dir / STATS_FILE, json.dumps(stats, indent=1).encode())


def model_stats(store: HubStore) -> dict[str, dict[str, int]]:
    """Every repo's recorded figures; a repo without any counts zero everywhere."""
    try:
        data = json.loads((store.data_dir / STATS_FILE).read_bytes())
    except FileNotFoundError:
        return {}
    return data if isinstance(data, dict) else {}


def list_models(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    store = services.store
    stats = model_stats(store)
    ids = _visible(services, request, store.repo_ids(repo_type="model"))
    author = (request.param("author") or "").casefold()
    if author:
        ids = [repo_id for repo_id in ids if repo_id.split("/", 1)[0].casefold() == author]
    search = (request.param("search") or "").casefold()
    if search:
        ids = [repo_id for repo_id in ids if search in repo_id.casefold()]
    ids = _sorted(services, ids, stats, request.param("sort"), request.param("direction"))
    start = _offset(request.param("cursor"))
    size = _page_size(request.param("limit"), services.config.models_page_size)
    page = ids[start : start + size]
    wanted = _wanted_fields(request)
    items = [_item(services, repo_id, wanted, stats.get(repo_id, {})) for repo_id in page]
    headers = {}
    if start + size < len(ids):
        headers["Link"] = f'<{_next_url(request, start + size)}>; rel="next"'
    return Response.json(items, headers=headers)


def _visible(services: Services, request: Request, ids: list[str]) -> list[str]:
    visible = []
    for repo_id in ids:
        private = services.store.state(repo_id).private
        if not private or services.config.may_read_private(request.user, repo_id):
            visible.append(repo_id)
    return visible


def _sorted(
    services: Services,
    ids: list[str],
    stats: Mapping[str, Mapping[str, int]],
    sort: str | None,
    direction: str | None,
) -> list[str]:
    if sort is None:
        return ids
    if sort not in SORT_KEYS:
        raise bad_request(f"Invalid sort {sort!r}: use one of {', '.join(sorted(SORT_KEYS))}")
    descending = direction in (None, "-1")

    def key(repo_id: str) -> Any:
        if sort in STAT_FIELDS:
            return stats.get(repo_id, {}).get(sort, 0)
        if sort == "id":
            return repo_id.casefold()
        snapshot = services.store.snapshot(repo_id)
        return snapshot.created_at if sort == "createdAt" else snapshot.commit.created_at

    # Sorting is stable, also in reverse: ties keep repo id order, so pages never shuffle.
    return sorted(sorted(ids), key=key, reverse=descending)


def _wanted_fields(request: Request) -> frozenset[str]:
    expand = request.query.get("expand", []) + request.query.get("expand[]", [])
    if expand:
        return frozenset(expand)
    wanted = set(LIST_FIELDS)
    if request.flag("full"):
        wanted |= FULL_FIELDS
    if request.flag("cardData"):
        wanted.add("cardData")
    return frozenset(wanted)


def _item(
    services: Services, repo_id: str, wanted: frozenset[str], stats: Mapping[str, int]
) -> dict[str, Any]:
    snapshot = services.store.snapshot(repo_id)
    item = info_fields(services, snapshot, sorted(wanted), blobs=False)
    for name in STAT_FIELDS:
        if name in wanted:
            item[name] = int(stats.get(name, 0))
    return item


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        offset = json.loads(base64.urlsafe_b64decode(cursor.encode()))["offset"]
    except (ValueError, KeyError, TypeError) as error:
        raise bad_request(f"Invalid cursor {cursor!r}") from error
    if not isinstance(offset, int) or offset < 0:
        raise bad_request(f"Invalid cursor {cursor!r}")
    return offset


def _page_size(limit: str | None, server_max: int) -> int:
    if limit is None:
        return server_max
    if not limit.isdigit() or int(limit) < 1:
        raise bad_request(f"Invalid limit {limit!r}: expected a positive integer")
    return min(int(limit), server_max)


def _next_url(request: Request, offset: int) -> str:
    """This request's URL with the cursor of the next page (the Hub's links are opaque too)."""
    kept = [(name, value) for name, values in request.query.items() for value in values]
    kept = [(name, value) for name, value in kept if name != "cursor"]
    cursor = base64.urlsafe_b64encode(json.dumps({"offset": offset}).encode()).decode()
    return f"{request.base_url}/api/models?{urlencode([*kept, ('cursor', cursor)])}"


LISTING_ROUTES: list[Route] = [route("GET", "/api/models", list_models)]
