"""The Artificial Analysis HTTP client: one memoised download per run, flavors, retries, cache.

Flavors (`AA_API_FLAVOR`, see `aa_settings.py`) pick the API shape:

- `auto` (default): the paginated `language/models` family first; when that endpoint is absent
  or not in the key's tier (404/403), the classic `data/llms/models`.
- `language`: `{base}/language/models`, following `pagination.has_more` page by page.
- `language-free`: `{base}/language/models/free`, the free-tier member of that family.
- `classic`: `{base}/data/llms/models`, one response.

A 429 is retried after its `Retry-After` (seconds or an HTTP date) when that is within
`max_wait`; 5xx and network failures are retried with a short backoff; `max_attempts` bounds
both. Every failure becomes an `ArtificialAnalysisError`, and the client remembers it, so a
plan with many specs makes at most one download attempt. The key travels only in the
`x-api-key` header: never logged, never in a message, never in the cache.
"""

from __future__ import annotations

import email.utils
import os
import threading
import time
from collections.abc import Callable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final

from hfeval.errors import ArtificialAnalysisError
from hfeval.sources.aa_cache import DEFAULT_TTL, CatalogueCache, default_cache_dir
from hfeval.sources.aa_catalogue import AAModel, Catalogue, parse_page
from hfeval.sources.aa_settings import DEFAULT_BASE_URL, setting

if TYPE_CHECKING:  # imported when a catalogue is downloaded: httpx costs ~30 ms to import
    import httpx

FLAVOR_PATHS: Final = {
    "language": "language/models",
    "language-free": "language/models/free",
    "classic": "data/llms/models",
}
AUTO_ORDER: Final = ("language", "classic")
FLAVORS: Final = ("auto", *FLAVOR_PATHS)
PAGE_SIZE: Final = 100
MAX_PAGES: Final = 100
_FIXED_STATUS_MESSAGES: Final = {
    401: (
        "Artificial Analysis rejected the API key (401)",
        "check AA_API_KEY (environment or the spec repo's .env)",
    ),
    403: (
        "Artificial Analysis refused access with this key (403)",
        "the key's tier may not include this endpoint; try AA_API_FLAVOR=classic",
    ),
    404: (
        "Artificial Analysis has no such endpoint (404)",
        "check AA_API_URL (it ends in /api/v2) and AA_API_FLAVOR",
    ),
}


class AAHTTPError(ArtificialAnalysisError):
    """The API answered with an error status; `status` lets `auto` fall back on 403/404."""

    def __init__(self, message: str, *, status: int, where: str, hint: str | None) -> None:
        super().__init__(message, where=where, hint=hint)
        self.status = status


class ArtificialAnalysisClient:
    """Downloads the Artificial Analysis model catalogue at most once per instance (= plan run).

    `catalogue()` answers from the on-disk cache when it is fresh (unless `refresh`), else
    downloads, stores and returns it. Tests pass an `httpx.MockTransport` as `transport`, and
    `sleep`/`clock` to keep retries and TTLs instant.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str | None,
        *,
        cache_dir: Path,
        ttl: timedelta = DEFAULT_TTL,
        refresh: bool = False,
        flavor: str = "auto",
        transport: httpx.BaseTransport | None = None,
        max_attempts: int = 4,
        max_wait: float = 60.0,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if flavor not in FLAVORS:
            raise ArtificialAnalysisError(
                f'unknown Artificial Analysis API flavor "{flavor}"',
                where="AA_API_FLAVOR",
                hint=f"use one of: {', '.join(FLAVORS)}",
            )
        self.base_url = base_url.rstrip("/")
        self.flavor = flavor
        self.refresh = refresh
        self.requests_sent = 0
        self._api_key = api_key.strip() if api_key else None
        self._cache = CatalogueCache(cache_dir, ttl=ttl, clock=clock)
        self._transport = transport
        self._max_attempts = max(1, max_attempts)
        self._max_wait = max_wait
        self._timeout = timeout
        self._sleep = sleep
        self._clock = clock
        self._outcome: Catalogue | ArtificialAnalysisError | None = None
        # The planner resolves specs on a thread pool; the lock keeps it to one download.
        self._lock = threading.Lock()

    @classmethod
    def from_environment(
        cls,
        spec_root: Path,
        *,
        refresh: bool = False,
        transport: httpx.BaseTransport | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> ArtificialAnalysisClient:
        """A client configured from the environment and `<spec_root>/.env` (see module doc)."""
        env = os.environ if environ is None else environ
        return cls(
            setting("AA_API_URL", spec_root, env) or DEFAULT_BASE_URL,
            setting("AA_API_KEY", spec_root, env),
            cache_dir=default_cache_dir(env),
            refresh=refresh,
            flavor=(setting("AA_API_FLAVOR", spec_root, env) or "auto").lower(),
            transport=transport,
        )

    def __repr__(self) -> str:
        # The key is deliberately absent: a repr ends up in tracebacks and logs.
        return f"ArtificialAnalysisClient({self.base_url!r}, flavor={self.flavor!r})"

    def catalogue(self) -> Catalogue:
        """The whole catalogue; the first call fetches, later calls return (or re-raise) that."""
        with self._lock:
            if self._outcome is None:
                try:
                    self._outcome = self._load()
                except ArtificialAnalysisError as error:
                    self._outcome = error
            outcome = self._outcome
        if isinstance(outcome, ArtificialAnalysisError):
            raise outcome
        return outcome

    def _flavors(self) -> tuple[str, ...]:
        return AUTO_ORDER if self.flavor == "auto" else (self.flavor,)

    def _load(self) -> Catalogue:
        if not self.refresh:
            for flavor in self._flavors():
                cached = self._cache.load(self.base_url, flavor)
                if cached is not None:
                    return cached
        if not self._api_key:
            raise ArtificialAnalysisError(
                "no Artificial Analysis API key",
                hint="set AA_API_KEY in the environment or in a .env file at the spec repo root "
                "(free keys: https://artificialanalysis.ai)",
            )
        import httpx  # only a download needs it (see the imports)

        headers = {"x-api-key": self._api_key, "accept": "application/json"}
        with httpx.Client(
            headers=headers, transport=self._transport, timeout=self._timeout
        ) as http:
            flavors = self._flavors()
            for position, flavor in enumerate(flavors):
                try:
                    catalogue = self._download(http, flavor)
                except AAHTTPError as error:
                    if error.status in (403, 404) and position + 1 < len(flavors):
                        continue
                    raise
                self._cache.store(catalogue)
                return catalogue
        raise AssertionError("unreachable: the last flavor either returns or raises")

    def _download(self, http: httpx.Client, flavor: str) -> Catalogue:
        url = f"{self.base_url}/{FLAVOR_PATHS[flavor]}"
        models: list[AAModel] = []
        seen_ids: set[str] = set()
        skipped = 0
        paginated = flavor != "classic"
        for page_number in range(1, MAX_PAGES + 1):
            params = {"page": page_number, "page_size": PAGE_SIZE} if paginated else None
            page = parse_page(self._get_json(http, url, params), what=f"GET {url}")
            fresh = [model for model in page.models if model.id not in seen_ids]
            if page.models and not fresh:
                raise ArtificialAnalysisError(
                    f"GET {url} returned page {page_number} again (pagination loops)",
                    hint="retry later, or set AA_API_FLAVOR=classic",
                )
            models.extend(fresh)
            seen_ids.update(model.id for model in fresh)
            skipped += page.skipped_entries
            if not paginated or not page.has_more:
                break
        else:
            raise ArtificialAnalysisError(f"GET {url} kept paging past {MAX_PAGES} pages")
        return Catalogue(
            base_url=self.base_url,
            flavor=flavor,
            fetched_at=self._clock(),
            models=tuple(models),
            skipped_entries=skipped,
        )

    def _get_json(self, http: httpx.Client, url: str, params: Mapping[str, int] | None) -> object:
        import httpx  # loaded already by `catalogue`

        where = f"GET {url}"
        for attempt in range(1, self._max_attempts + 1):
            last = attempt == self._max_attempts
            self.requests_sent += 1
            try:
                response = http.get(url, params=params)
            except httpx.TransportError as error:
                if last:
                    raise ArtificialAnalysisError(
                        f"could not reach Artificial Analysis ({type(error).__name__})",
                        where=where,
                        hint="check the network and AA_API_URL; a cached catalogue is used "
                        "when one is fresh",
                    ) from None
                self._sleep(_backoff(attempt))
                continue
            if response.status_code == 200:
                try:
                    return response.json()
                except (ValueError, UnicodeDecodeError):
                    raise ArtificialAnalysisError(
                        "Artificial Analysis answered with malformed JSON",
                        where=where,
                        hint="retry later; if it persists, check AA_API_URL",
                    ) from None
            wait = self._retry_wait(response, attempt)
            if wait is None or last:
                raise self._status_error(response, where, requests=attempt)
            self._sleep(wait)
        raise AssertionError("unreachable: the last attempt either returns or raises")

    def _retry_wait(self, response: httpx.Response, attempt: int) -> float | None:
        """Seconds to wait before retrying this response, or None when retrying is pointless."""
        status = response.status_code
        if status != 429 and status < 500:
            return None
        advised = _retry_after(response.headers.get("retry-after"), now=self._clock())
        wait = advised if advised is not None else _backoff(attempt)
        return wait if wait <= self._max_wait else None

    def _status_error(self, response: httpx.Response, where: str, *, requests: int) -> AAHTTPError:
        status = response.status_code
        detail = self._server_message(response)
        if status in _FIXED_STATUS_MESSAGES:
            message, hint = _FIXED_STATUS_MESSAGES[status]
        elif status == 429:
            after = response.headers.get("retry-after")
            message = "Artificial Analysis rate limit reached (429)"
            message += f", Retry-After {after}" if after else ""
            hint = (
                f"stopped after {_count(requests, 'request')} (hfeval waits at most "
                f"{self._max_wait:g} s to retry); the free tier allows about 1,000 requests a "
                "day, and a download is cached for 24 h"
            )
        elif status >= 500:
            message = f"Artificial Analysis server error ({status})"
            hint = f"stopped after {_count(requests, 'request')}; retry later"
        else:
            message, hint = f"Artificial Analysis answered HTTP {status}", "check AA_API_URL"
        if detail:
            message += f": {detail}"
        return AAHTTPError(message, status=status, where=where, hint=hint)

    def _server_message(self, response: httpx.Response) -> str:
        try:
            body = response.json()
        except (ValueError, UnicodeDecodeError):
            body = response.text
        if isinstance(body, dict):
            body = body.get("error") or body.get("message") or body.get("detail") or ""
        text = " ".join(str(body).split())[:200]
        if self._api_key:
            # Some servers echo the credential they refused; it must not reach the terminal.
            text = text.replace(self._api_key, "***")
        return text


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _backoff(attempt: int) -> float:
    return float(2 ** (attempt - 1))


def _retry_after(value: str | None, *, now: float) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date; None if absent."""
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)
