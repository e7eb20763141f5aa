"""The retry policy: server-advised waits, backoff, the attempt and time budgets, and writes
that are looked for before they are ever sent again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx2
import pytest
from huggingface_hub.errors import HfHubHTTPError

from hfeval.retrying import (
    RetryPolicy,
    backoff,
    outcome_unknown,
    retry_wait,
    server_advised_wait,
)


def http_error(status: int, headers: dict[str, str] | None = None) -> HfHubHTTPError:
    request = httpx2.Request("POST", "http://hub.test/api/models/a/b/commit/main")
    response = httpx2.Response(status, request=request, headers=headers or {})
    return HfHubHTTPError(f"HTTP {status}", response=response)


class Clock:
    """A fake monotonic clock that the fake sleep advances."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def policy(clock: Clock, *, max_attempts: int = 5, max_total: float = 60.0) -> RetryPolicy:
    return RetryPolicy(
        max_attempts=max_attempts, max_total=max_total, sleep=clock.sleep, clock=clock
    )


def failing(*errors: Exception, result: str = "ok") -> tuple[list[int], Callable[[], str]]:
    calls: list[int] = []

    def fn() -> str:
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return result

    return calls, fn


@pytest.mark.parametrize(
    ("headers", "wait"),
    [
        ({"RateLimit": '"api";r=0;t=55'}, 56.0),
        ({"RateLimit": '"api";r=0;t=55', "Retry-After": "3"}, 56.0),
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "1.5"}, 1.5),
        ({"RateLimit": "garbage", "Retry-After": "2"}, 2.0),
        ({"Retry-After": "soon"}, None),
        ({}, None),
    ],
)
def test_the_server_advised_wait(headers: dict[str, str], wait: float | None) -> None:
    assert server_advised_wait(headers) == wait


def test_retry_after_as_an_http_date() -> None:
    when = datetime(2030, 1, 1, 12, 0, 10, tzinfo=UTC)
    header = format_datetime(when, usegmt=True)
    now = (when - timedelta(seconds=10)).timestamp()
    assert server_advised_wait({"Retry-After": header}, now=now) == pytest.approx(10.0)
    assert server_advised_wait({"Retry-After": header}, now=now + 60) == 0.0


def test_which_failures_are_transient() -> None:
    assert retry_wait(http_error(429, {"Retry-After": "4"}), 1, base=1, cap=30) == 4.0
    assert retry_wait(http_error(503), 3, base=1, cap=30) == 4.0
    assert retry_wait(http_error(404), 1, base=1, cap=30) is None
    assert retry_wait(http_error(412), 1, base=1, cap=30) is None
    assert retry_wait(httpx2.ReadError("reset"), 2, base=1, cap=30) == 2.0
    assert retry_wait(ValueError("bug"), 1, base=1, cap=30) is None
    assert [backoff(n, cap=5) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_which_write_failures_leave_the_outcome_unknown() -> None:
    assert outcome_unknown(http_error(502))
    assert outcome_unknown(httpx2.RemoteProtocolError("Server disconnected"))
    assert outcome_unknown(httpx2.ReadTimeout("slow"))
    assert not outcome_unknown(httpx2.ConnectError("refused"))  # never sent
    assert not outcome_unknown(http_error(429))  # refused before doing anything
    assert not outcome_unknown(http_error(412))


def test_transient_failures_are_retried_with_the_advised_waits() -> None:
    clock = Clock()
    calls, fn = failing(http_error(429, {"Retry-After": "3"}), http_error(503))
    assert policy(clock).call(fn) == "ok"
    assert clock.waits == [3.0, 2.0] and len(calls) == 3


def test_attempts_are_bounded_and_the_last_error_is_raised() -> None:
    clock = Clock()
    errors = [http_error(503) for _ in range(10)]
    calls, fn = failing(*errors)
    with pytest.raises(HfHubHTTPError) as caught:
        policy(clock, max_attempts=4).call(fn)
    assert caught.value is errors[3]
    assert clock.waits == [1.0, 2.0, 4.0] and len(calls) == 4


def test_the_total_wait_is_bounded() -> None:
    clock = Clock()
    _, fn = failing(*[http_error(429, {"Retry-After": "20"}) for _ in range(10)])
    with pytest.raises(HfHubHTTPError):
        policy(clock, max_attempts=10, max_total=45).call(fn)
    assert clock.waits == [20.0, 20.0]  # a third wait would pass 45 s
    assert clock.now <= 45


def test_a_non_transient_error_is_raised_at_once() -> None:
    clock = Clock()
    calls, fn = failing(http_error(404))
    with pytest.raises(HfHubHTTPError):
        policy(clock).call(fn)
    assert clock.waits == [] and len(calls) == 1


def test_a_write_whose_answer_was_lost_is_looked_for_not_resent() -> None:
    clock = Clock()
    sent, send = failing(http_error(502), result="second commit")
    looked: list[int] = []

    def landed() -> str | None:
        looked.append(1)
        return "the first commit"

    assert policy(clock).call_write(send, landed) == "the first commit"
    assert len(sent) == 1 and len(looked) == 1 and clock.waits == []


def test_a_write_that_did_not_land_is_sent_again() -> None:
    clock = Clock()
    sent, send = failing(httpx2.RemoteProtocolError("reset"), result="commit")
    assert policy(clock).call_write(send, lambda: None) == "commit"
    assert len(sent) == 2 and clock.waits == [1.0]


def test_a_rate_limited_write_is_resent_without_looking() -> None:
    clock = Clock()
    sent, send = failing(http_error(429, {"Retry-After": "1"}), result="commit")

    def landed() -> str | None:
        raise AssertionError("a 429 means the write was not taken")

    assert policy(clock).call_write(send, landed) == "commit"
    assert len(sent) == 2
