"""The sandbox Hub as a function from `Request` to `Response`, before any socket is involved.

Order of handling: an injected fault (it may answer, delay, drop or race the request; see
`fault_effects.py`), then `/aa/...` requests,
which go to `hfeval.sandbox.aa_api`, then the `/_sandbox/...` control routes, then the Hub routes.
Errors become the Hub's JSON error bodies with `X-Error-Code`/`X-Error-Message` headers.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping
from dataclasses import replace

from hfeval.sandbox.api_benchmarks import BENCHMARK_ROUTES
from hfeval.sandbox.api_discussions import DISCUSSION_ROUTES
from hfeval.sandbox.api_files import FILE_ROUTES
from hfeval.sandbox.api_info import INFO_ROUTES
from hfeval.sandbox.api_jobs import JOB_ROUTES
from hfeval.sandbox.api_leaderboard import LEADERBOARD_ROUTES
from hfeval.sandbox.api_listing import LISTING_ROUTES
from hfeval.sandbox.api_repos import REPO_ROUTES
from hfeval.sandbox.failures import SandboxHttpError, bad_request, not_found
from hfeval.sandbox.fault_effects import serve_with_fault
from hfeval.sandbox.faults import FaultRegistry
from hfeval.sandbox.routing import Request, Response, Route, Services, find_route, route

logger = logging.getLogger(__name__)

AA_PREFIX = "/aa"
# Statuses whose error text the Hub also puts in an `X-Error-Message` header.
_MESSAGE_HEADER_STATUSES = frozenset({401, 403, 404})


class HubApp:
    """Answers sandbox requests; safe to call from many threads at once."""

    def __init__(self, services: Services, faults: FaultRegistry) -> None:
        self.services = services
        self.faults = faults
        self.routes: list[Route] = [
            *self._control_routes(),
            *REPO_ROUTES,
            *INFO_ROUTES,
            *FILE_ROUTES,
        ]
        self.routes += [*DISCUSSION_ROUTES, *LEADERBOARD_ROUTES, *BENCHMARK_ROUTES]
        self.routes += LISTING_ROUTES
        self.routes += JOB_ROUTES

    def handle(self, request: Request) -> Response:
        fault = self.faults.take(request.method, (request.raw_path, request.decoded_path))
        return serve_with_fault(fault, request, self.services.store, self._serve)

    def _serve(self, request: Request) -> Response:
        if request.raw_path == AA_PREFIX or request.raw_path.startswith(AA_PREFIX + "/"):
            return self._artificial_analysis(request)
        try:
            request = replace(
                request, user=self.services.config.identify(request.headers.get("authorization"))
            )
            found = find_route(self.routes, request)
            if found is None:
                raise not_found(
                    f"Sorry, we can't find the page you are looking for: {request.raw_path}"
                )
            chosen, params = found
            return chosen.handler(self.services, request, params)
        except SandboxHttpError as error:
            return error_response(error)
        except Exception:
            logger.exception("sandbox request %s %s failed", request.method, request.raw_path)
            return Response.json({"error": "Internal error in the sandbox Hub"}, status=500)

    def _artificial_analysis(self, request: Request) -> Response:
        aa_api = importlib.import_module("hfeval.sandbox.aa_api")
        try:
            status, headers, body = aa_api.handle(
                request.method,
                request.raw_path[len(AA_PREFIX) :] or "/",
                {name: list(values) for name, values in request.query.items()},
                dict(request.headers),
            )
        except Exception:
            logger.exception("sandbox AA request %s failed", request.raw_path)
            return Response.json({"error": "Internal error in the sandbox AA endpoint"}, status=500)
        return Response(status, body, headers)

    def _control_routes(self) -> list[Route]:
        def list_faults(
            services: Services, request: Request, params: Mapping[str, str]
        ) -> Response:
            return Response.json([fault.to_json() for fault in self.faults.pending()])

        def add_fault(services: Services, request: Request, params: Mapping[str, str]) -> Response:
            try:
                fault = self.faults.add_from_json(request.json_object())
            except (TypeError, ValueError) as error:
                raise bad_request(str(error)) from error
            return Response.json(fault.to_json())

        def clear_faults(
            services: Services, request: Request, params: Mapping[str, str]
        ) -> Response:
            self.faults.clear()
            return Response.json([])

        def health(services: Services, request: Request, params: Mapping[str, str]) -> Response:
            return Response.json({"status": "ok"})

        return [
            route("GET", "/_sandbox/faults", list_faults),
            route("POST", "/_sandbox/faults", add_fault),
            route("DELETE", "/_sandbox/faults", clear_faults),
            route("GET", "/_sandbox/health", health),
        ]


def error_response(error: SandboxHttpError) -> Response:
    headers = dict(error.headers)
    if error.code:
        headers["X-Error-Code"] = error.code
    if error.http_status in _MESSAGE_HEADER_STATUSES:
        headers["X-Error-Message"] = _header_safe(error.message)
    return Response.json(error.body, status=error.http_status, headers=headers)


def _header_safe(text: str) -> str:
    # Header values must be one latin-1 line.
    flat = " ".join(text.split())
    return flat.encode("latin-1", errors="replace").decode("latin-1")
