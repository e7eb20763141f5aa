"""One Hub client call: run it (retrying transient failures under a given policy) and turn the
client's exceptions into `HubError`s that name the repo and say what to do (gated, 401/403/404,
400 with the server's message, 412, 429, network). `hfeval.hub.hub_call` binds hub.py's policy."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import httpx2
from huggingface_hub.errors import (
    BadRequestError,
    GatedRepoError,
    HfHubHTTPError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)

from hfeval.errors import HubError
from hfeval.redaction import redact
from hfeval.retrying import RetryPolicy

WRITE_ACCESS_HINT = (
    "run `hfeval whoami` to see the token's account and role; use a write token (or a "
    "fine-grained one with write access to this repo), or `apply: pr` for repos you do not own"
)
T = TypeVar("T")


def translated_call(
    where: str, fn: Callable[[], T], *, policy: RetryPolicy, retry: bool = True
) -> T:
    """Run one client call (retrying transient failures under `policy`) and translate client
    errors into HubErrors at `where` (a repo id, `datasets/…`, `whoami`)."""
    try:
        return policy.call(fn) if retry else fn()
    except GatedRepoError as error:
        raise HubError(
            "the repository is gated and this token has not been granted access",
            status=error.response.status_code,
            where=where,
            hint="accept the repo's conditions on its Hub page with this account, or use a "
            "token that has access",
        ) from error
    except RepositoryNotFoundError as error:
        raise HubError(
            "repository not found",
            status=404,
            where=where,
            hint="check the repo id; if it is private or gated, log in with `hf auth login` "
            "or set HF_TOKEN",
        ) from error
    except RevisionNotFoundError as error:
        raise HubError("revision not found", status=404, where=where) from error
    except BadRequestError as error:
        raise HubError(
            f"the Hub rejected the request: {_server_message(error)}",
            status=400,
            where=where,
        ) from error
    except HfHubHTTPError as error:
        status = error.response.status_code if error.response is not None else None
        raise HubError(
            _describe_status(status, error),
            status=status,
            where=where,
            hint=WRITE_ACCESS_HINT if status == 403 else None,
        ) from error
    except ValueError as error:
        # huggingface_hub raises a plain ValueError when validate-yaml rejects a README.
        raise HubError(redact(str(error)), where=where) from error
    except (httpx2.TransportError, OSError) as error:
        # Connection refused or reset, DNS, timeouts: retried for reads, looked after for commits.
        raise HubError(
            f"cannot reach the Hub: {redact(str(error)) or type(error).__name__}",
            where=where,
            hint="check HF_ENDPOINT / --endpoint and the network",
        ) from error


def _server_message(error: HfHubHTTPError) -> str:
    lines = redact(error.server_message or str(error)).strip().splitlines()
    return lines[0] if lines else f"HTTP {error.response.status_code}"


def _describe_status(status: int | None, error: HfHubHTTPError) -> str:
    if status == 401:
        return "the Hub refused the token (401); check HF_TOKEN or run `hf auth login`"
    if status == 403:
        return "the token lacks write access to this repo (403)"
    if status == 412:
        return "the branch moved since it was read (412)"
    if status == 429:
        return "rate limited by the Hub (429); try again later"
    return f"Hub request failed ({status}): {_server_message(error)}"
