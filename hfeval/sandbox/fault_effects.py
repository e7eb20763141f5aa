"""What an injected fault does to one request: delay it, answer for it, drop it, or race it.

`serve_with_fault` wraps the sandbox's normal handling. Without `after` the fault acts before
the request is served (the request never happens); with `after` the request is carried out first
and only its answer is replaced or dropped, which is how "the commit landed but the client never
heard" is staged. A `reset` answer is the `RESET` response, on which the socket server closes
the connection without writing anything.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from hfeval.sandbox.failures import SandboxHttpError
from hfeval.sandbox.faults import Fault
from hfeval.sandbox.routing import Request, Response
from hfeval.sandbox.store import HubStore

RESET_STATUS = -1
RESET = Response(RESET_STATUS)
CONCURRENT_WRITER = "concurrent-writer"


def serve_with_fault(
    fault: Fault | None,
    request: Request,
    store: HubStore,
    serve: Callable[[Request], Response],
) -> Response:
    """`serve(request)` as altered by `fault` (None: untouched)."""
    if fault is None:
        return serve(request)
    if fault.concurrent_write:
        write_concurrently(store, request)
    if fault.after:
        served = serve(request)
        _pause(fault)
        return _fault_answer(fault) or served
    _pause(fault)
    return _fault_answer(fault) or serve(request)


def write_concurrently(store: HubStore, request: Request) -> str | None:
    """Commit a small README edit to the branch `request` targets, as another writer would.

    Works for `/api/models/{ns}/{name}/...` paths; the branch is the `{rev}` of a `/commit/{rev}`
    path, else main. Returns the new head, or None when the path names no existing repo.
    """
    segments = request.segments
    if len(segments) < 4 or segments[:2] != ("api", "models"):
        return None
    repo_id = f"{segments[2]}/{segments[3]}"
    revision = segments[5] if len(segments) > 5 and segments[4] == "commit" else "main"
    try:
        readme = store.read_file(repo_id, "README.md", revision)
    except SandboxHttpError:
        return None
    outcome = store.commit_files(
        repo_id,
        {"README.md": readme + b"\n<!-- edited by another writer -->\n"},
        author=CONCURRENT_WRITER,
        message="Edit by another writer",
        revision=revision,
    )
    return outcome.oid


def _pause(fault: Fault) -> None:
    if fault.delay > 0:
        time.sleep(fault.delay)


def _fault_answer(fault: Fault) -> Response | None:
    if fault.reset:
        return RESET
    if fault.status is None:
        return None
    headers = {"Content-Type": "application/json", **fault.headers}
    return Response(fault.status, fault.response_body(), headers)
