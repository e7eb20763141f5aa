"""The retry policy for Hub calls: which failures are worth another try, and how long to wait.

huggingface_hub retries downloads and listings itself but not `model_info`, the `/commit` POST,
discussions or `whoami` (hub-protocol §3.10): a 429 or 5xx there raises at once. `RetryPolicy.call`
wraps such a call. It waits what the server asked for (`RateLimit: "api";r=0;t=55` → 55 s + 1,
else `Retry-After` in seconds or as an HTTP date), otherwise backs off 1, 2, 4 … s up to `cap`,
and gives up when the attempts or the total waiting budget (`max_total`) run out: the last error
is raised as it was.

A write whose answer was lost is different: it may have landed. `RetryPolicy.call_write` never
sends it again blindly; after an ambiguous failure it asks `landed()` first, and only a write that
did not land is sent again (`parent_commit` makes even that a 412 rather than a duplicate).

huggingface_hub's shared HTTP client waits forever by default; `install_request_timeout` gives it
a per-request timeout (60 s, or HFEVAL_HUB_TIMEOUT) so a Hub that stops answering becomes a
timeout: retried for reads, looked after for writes, instead of a hang.

`sleep` and `clock` are injectable so tests observe the waits without spending them.
"""

from __future__ import annotations

import email.utils
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import httpx2
from huggingface_hub.errors import HfHubHTTPError
from huggingface_hub.utils import _http as hf_http

T = TypeVar("T")

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# A 5xx on a write may come after the write was done; a 408/429 means it was not taken.
AMBIGUOUS_WRITE_STATUSES = frozenset({500, 502, 503, 504})
TIMEOUT_ENV = "HFEVAL_HUB_TIMEOUT"
DEFAULT_TIMEOUT = 60.0
_timeout_lock = threading.Lock()
_installed_timeout: float | None = None
_RATE_LIMIT_RESET = re.compile(r"(?:^|;)\s*t\s*=\s*(\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long a failing Hub call is tried again."""

    max_attempts: int = 5
    max_total: float = 60.0  # seconds of waiting across all attempts of one call
    base: float = 1.0
    cap: float = 30.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)

    def call(self, fn: Callable[[], T]) -> T:
        """Run `fn`, retrying transient failures within the budget; the last error propagates."""
        started = self.clock()
        attempt = 0
        while True:
            attempt += 1
            try:
                return fn()
            except Exception as error:
                self._wait_or_raise(error, attempt, started)

    def call_write(self, send: Callable[[], T], landed: Callable[[], T | None]) -> T:
        """Send a write; after an answer that leaves its outcome unknown, look before resending.

        `landed()` returns the write's result when the Hub already holds it (the lost answer was
        a success), or None when it did not happen, in which case it is sent again.
        """
        started = self.clock()
        attempt = 0
        while True:
            attempt += 1
            try:
                return send()
            except Exception as error:
                if outcome_unknown(error):
                    found = self.call(landed)
                    if found is not None:
                        return found
                self._wait_or_raise(error, attempt, started)

    def _wait_or_raise(self, error: Exception, attempt: int, started: float) -> None:
        wait = retry_wait(error, attempt, base=self.base, cap=self.cap)
        if wait is None or attempt >= self.max_attempts:
            raise error
        if self.clock() - started + wait > self.max_total:
            raise error  # the server asks for longer than we may wait: say so now
        self.sleep(wait)


def retry_wait(error: BaseException, attempt: int, *, base: float, cap: float) -> float | None:
    """Seconds to wait before trying again after `error`, or None when it is not transient."""
    if isinstance(error, HfHubHTTPError):
        response = error.response
        status = response.status_code if response is not None else None
        if status not in RETRY_STATUSES:
            return None
        advised = server_advised_wait(response.headers if response is not None else {})
        return advised if advised is not None else backoff(attempt, base=base, cap=cap)
    if isinstance(error, httpx2.TransportError | ConnectionError | TimeoutError):
        return backoff(attempt, base=base, cap=cap)
    return None


def outcome_unknown(error: BaseException) -> bool:
    """True when a write failed in a way that does not tell whether the server carried it out."""
    if isinstance(error, HfHubHTTPError):
        response = error.response
        return response is not None and response.status_code in AMBIGUOUS_WRITE_STATUSES
    if isinstance(error, httpx2.ConnectError):
        return False  # never connected: nothing was sent
    return isinstance(error, httpx2.TransportError | ConnectionError | TimeoutError)


def backoff(attempt: int, *, base: float = 1.0, cap: float = 30.0) -> float:
    """1, 2, 4, 8 … × base seconds, never more than `cap`."""
    return float(min(base * 2 ** (attempt - 1), cap))


def server_advised_wait(
    headers: httpx2.Headers | dict[str, str], *, now: float | None = None
) -> float | None:
    """What the server asked for: `RateLimit` reset `t` + 1 s, else `Retry-After` (seconds or
    an HTTP date); None when neither is there or readable."""
    rate_limit = headers.get("RateLimit") or headers.get("ratelimit")
    if rate_limit:
        match = _RATE_LIMIT_RESET.search(rate_limit)
        if match:
            return float(match.group(1)) + 1.0
    retry_after = (headers.get("Retry-After") or headers.get("retry-after") or "").strip()
    if not retry_after:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", retry_after):
        return float(retry_after)
    try:
        when = email.utils.parsedate_to_datetime(retry_after)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def install_request_timeout(seconds: float | None = None) -> float:
    """Make every huggingface_hub request time out after `seconds` without progress (default:
    HFEVAL_HUB_TIMEOUT, else 60 s); installed once per value, returns the timeout in effect."""
    global _installed_timeout
    if seconds is None:
        try:
            seconds = float(os.environ.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT)
        except ValueError:
            seconds = DEFAULT_TIMEOUT
    with _timeout_lock:
        if _installed_timeout != seconds:

            def client() -> httpx2.Client:
                made = hf_http.default_client_factory()
                made.timeout = httpx2.Timeout(seconds, connect=min(seconds, 10.0))
                return made

            hf_http.set_client_factory(client)
            _installed_timeout = seconds
    return seconds
