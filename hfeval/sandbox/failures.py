"""The sandbox's HTTP error answers, shaped as the Hub shapes them (hub-protocol §4.13).

Store operations and route handlers raise `SandboxHttpError`; the request handler turns it into a
JSON body with `X-Error-Code`/`X-Error-Message` headers, which is what the real client maps to
`RepositoryNotFoundError`, `RevisionNotFoundError`, `EntryNotFoundError` and friends.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hfeval.errors import HubError

STALE_PARENT_MESSAGE = "A commit has happened since. Please refresh and try again."


class SandboxHttpError(HubError):
    """An error the sandbox answers with; `status` is the HTTP status sent to the client."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
        where: str | None = None,
    ) -> None:
        super().__init__(message, status=status, where=where)
        self.http_status = status
        self.code = code
        self.headers = dict(headers or {})
        self.body: dict[str, Any] = dict(body) if body is not None else {"error": message}


def repo_not_found(repo_id: str) -> SandboxHttpError:
    return SandboxHttpError(404, "Repository not found", code="RepoNotFound", where=repo_id)


def revision_not_found(revision: str) -> SandboxHttpError:
    return SandboxHttpError(404, f"Invalid rev id: {revision}", code="RevisionNotFound")


def entry_not_found(
    message: str = "Entry not found", *, commit: str | None = None
) -> SandboxHttpError:
    headers = {"X-Repo-Commit": commit} if commit else None
    return SandboxHttpError(404, message, code="EntryNotFound", headers=headers)


def bad_request(message: str) -> SandboxHttpError:
    return SandboxHttpError(400, message)


def unauthorized(message: str = "Invalid credentials in Authorization header") -> SandboxHttpError:
    return SandboxHttpError(401, message)


def forbidden(message: str) -> SandboxHttpError:
    return SandboxHttpError(403, message)


def not_found(message: str) -> SandboxHttpError:
    return SandboxHttpError(404, message)


def conflict(message: str, **extra: Any) -> SandboxHttpError:
    return SandboxHttpError(409, message, body={"error": message, **extra})


def stale_parent() -> SandboxHttpError:
    return SandboxHttpError(412, STALE_PARENT_MESSAGE)
