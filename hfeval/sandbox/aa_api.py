"""The sandbox's Artificial Analysis-compatible endpoint, served from `fixtures/aa_models.json`.

The sandbox server routes every request whose path starts with `/aa/` here with the rest of the
path, so `AA_API_URL=http://127.0.0.1:PORT/aa/api/v2` points hfeval at it. Routes:

- `GET /api/v2/data/llms/models`: the classic shape, `{"status": 200, "data": [...]}`.
- `GET /api/v2/language/models` and `/api/v2/language/models/free`: the paginated shape,
  `{"data": [...], "pagination": {...}}`, with `?page=` and `?page_size=` (capped at
  `MAX_PAGE_SIZE`, so the fixture spans several pages and clients must follow `has_more`), and
  the evaluation keys renamed as the fixture's `language_key_renames` says.

Every route wants an `x-api-key` header: 401 without one, 403 for the key `forbidden-key`, any
other key is accepted. Faults (429, 5xx, bad JSON) are injected by the server, not here.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import Any, Final

FORBIDDEN_KEY: Final = "forbidden-key"
MAX_PAGE_SIZE: Final = 4
CLASSIC_PATH: Final = "/api/v2/data/llms/models"
LANGUAGE_PATHS: Final = ("/api/v2/language/models", "/api/v2/language/models/free")

Response = tuple[int, dict[str, str], bytes]


@functools.cache
def _fixture() -> dict[str, Any]:
    text = resources.files("hfeval.sandbox").joinpath("fixtures/aa_models.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def handle(
    method: str, path: str, query: dict[str, list[str]], headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    """Answer one request; `path` is the part after `/aa` (e.g. `/api/v2/data/llms/models`)."""
    route = path.rstrip("/") or "/"
    if route != CLASSIC_PATH and route not in LANGUAGE_PATHS:
        return _json(404, {"error": f"no such endpoint: {route}"})
    if method.upper() != "GET":
        return _json(405, {"error": "only GET is supported"}, {"Allow": "GET"})
    key = _header(headers, "x-api-key")
    if not key:
        return _json(401, {"error": "Invalid or missing API key"})
    if key == FORBIDDEN_KEY:
        return _json(403, {"error": "This API key does not have access to this endpoint"})
    if route == CLASSIC_PATH:
        return _json(200, {"status": 200, "data": _fixture()["models"]})
    return _language_page(query)


def _language_page(query: dict[str, list[str]]) -> Response:
    page = _positive_int(query, "page", default=1)
    page_size = _positive_int(query, "page_size", default=MAX_PAGE_SIZE)
    if page is None or page_size is None:
        return _json(400, {"error": "page and page_size must be positive integers"})
    page_size = min(page_size, MAX_PAGE_SIZE)
    models = [_renamed(model) for model in _fixture()["models"]]
    total_pages = max(1, math.ceil(len(models) / page_size))
    start = (page - 1) * page_size
    body = {
        "data": models[start : start + page_size],
        "pagination": {
            "page": page,
            "page_size": page_size,
            "total_items": len(models),
            "total_pages": total_pages,
            "has_more": page < total_pages,
        },
    }
    return _json(200, body)


def _renamed(model: dict[str, Any]) -> dict[str, Any]:
    renames: dict[str, str] = _fixture()["language_key_renames"]
    evaluations = {renames.get(k, k): v for k, v in model.get("evaluations", {}).items()}
    return {**model, "evaluations": evaluations}


def _positive_int(query: dict[str, list[str]], name: str, *, default: int) -> int | None:
    values = query.get(name)
    if not values:
        return default
    try:
        number = int(values[-1])
    except ValueError:
        return None
    return number if number >= 1 else None


def _header(headers: dict[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return value.strip()
    return ""


def _json(status: int, body: object, extra: dict[str, str] | None = None) -> Response:
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json", "Content-Length": str(len(payload))}
    return status, {**headers, **(extra or {})}, payload
