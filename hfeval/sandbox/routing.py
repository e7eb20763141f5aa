"""Requests, responses and the route table of the sandbox Hub, independent of the socket server.

Routing works on the raw request path: it is split on `/` first and each segment is
percent-decoded afterwards, so `refs%2Fpr%2F3` arrives as the single segment `refs/pr/3`
(hub-protocol §4.0). A pattern segment `{name}` captures one segment, and a final `{*name}`
captures the rest of the path joined with `/` (possibly empty).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote

from hfeval.sandbox.failures import bad_request

if TYPE_CHECKING:
    from hfeval.sandbox.auth import SandboxConfig, SandboxUser
    from hfeval.sandbox.discussions import DiscussionStore
    from hfeval.sandbox.jobs import JobStore
    from hfeval.sandbox.store import HubStore

REPO_TYPE_BY_PLURAL = {"models": "model", "datasets": "dataset", "spaces": "space"}


@dataclass(frozen=True)
class Request:
    """One HTTP request; header names are lower-case, `base_url` echoes the client's Host."""

    method: str
    raw_path: str
    segments: tuple[str, ...]
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    body: bytes
    base_url: str
    user: SandboxUser | None = None

    @classmethod
    def parse(
        cls, method: str, target: str, headers: Mapping[str, str], body: bytes, base_url: str
    ) -> Request:
        raw_path, _, raw_query = target.partition("?")
        segments = tuple(unquote(segment) for segment in raw_path.split("/")[1:])
        return cls(
            method=method.upper(),
            raw_path=raw_path,
            segments=segments,
            query=parse_qs(raw_query, keep_blank_values=True),
            headers={name.lower(): value for name, value in headers.items()},
            body=body,
            base_url=base_url,
        )

    @property
    def decoded_path(self) -> str:
        return "/" + "/".join(self.segments)

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    def flag(self, name: str) -> bool:
        return (self.param(name) or "").lower() in ("1", "true", "yes")

    def json(self) -> Any:
        if not self.body:
            return {}
        try:
            return json.loads(self.body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise bad_request(f"Invalid JSON body: {error}") from error

    def json_object(self) -> dict[str, Any]:
        data = self.json()
        if not isinstance(data, dict):
            raise bad_request("The request body must be a JSON object")
        return data


@dataclass(frozen=True)
class Response:
    """An answer; with `stream`, the body is sent chunk by chunk as it is produced (SSE)."""

    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    stream: Iterable[bytes] | None = None

    @classmethod
    def json(
        cls, data: object, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> Response:
        return cls(
            status=status,
            body=json.dumps(data).encode(),
            headers={"Content-Type": "application/json", **(headers or {})},
        )


@dataclass(frozen=True)
class Services:
    """What route handlers work with."""

    store: HubStore
    discussions: DiscussionStore
    config: SandboxConfig
    jobs: JobStore


Handler = Callable[[Services, Request, Mapping[str, str]], Response]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: tuple[str, ...]
    handler: Handler

    def match(self, request: Request) -> dict[str, str] | None:
        if request.method != self.method and not (
            self.method == "GET" and request.method == "HEAD"
        ):
            return None
        params: dict[str, str] = {}
        for index, part in enumerate(self.pattern):
            if part.startswith("{*"):
                params[part[2:-1]] = "/".join(request.segments[index:])
                return params
            if index >= len(request.segments):
                return None
            segment = request.segments[index]
            if part.startswith("{"):
                if not segment:
                    return None
                params[part[1:-1]] = segment
            elif part != segment:
                return None
        if len(request.segments) != len(self.pattern):
            return None
        if "t" in params and params["t"] not in REPO_TYPE_BY_PLURAL:
            return None
        return params


def route(method: str, path: str, handler: Handler) -> Route:
    """A route from a path pattern such as `/api/{t}/{ns}/{name}/discussions/{num}`."""
    return Route(method.upper(), tuple(path.strip("/").split("/")), handler)


def find_route(routes: list[Route], request: Request) -> tuple[Route, dict[str, str]] | None:
    for candidate in routes:
        params = candidate.match(request)
        if params is not None:
            return candidate, params
    return None


def repo_of(params: Mapping[str, str]) -> tuple[str, str]:
    """(repo type, repo id) from the `t`, `ns` and `name` captures."""
    return REPO_TYPE_BY_PLURAL.get(
        params.get("t", "models"), "model"
    ), f"{params['ns']}/{params['name']}"
