"""Sandbox Hub routes for HF Jobs (hub-protocol §4.12): create, inspect, logs, cancel, list.

    POST /api/jobs/{ns}                  run_job / run_uv_job       -> JobInfo
    GET  /api/jobs/{ns}[?stage=&label=]  list_jobs                  -> [JobInfo]
    GET  /api/jobs/{ns}/{id}             inspect_job, wait_for_job  -> JobInfo
    GET  /api/jobs/{ns}/{id}/logs[?tail] fetch_job_logs             -> text/event-stream
    POST /api/jobs/{ns}/{id}/cancel      cancel_job

Jobs belong to a namespace: only its user (or a member of the org) may see or create them.
An unknown job is a plain 404 on its URL, which the client maps to `JobNotFoundError`. The log
stream replays what the job printed so far, then stays open with new lines until the job ends.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from hfeval.sandbox.failures import bad_request, forbidden, not_found, unauthorized
from hfeval.sandbox.jobs import SandboxJob
from hfeval.sandbox.routing import Request, Response, Route, Services, route

STAGES = frozenset({"SCHEDULING", "RUNNING", "COMPLETED", "CANCELED", "ERROR", "DELETED"})


def create_job(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    namespace = _namespace(services, request, params, write=True)
    payload = request.json_object()
    _check_spec(payload)
    assert request.user is not None  # _namespace checked it
    job = services.jobs.create(namespace, request.user.name, payload, request.base_url)
    return Response.json(services.jobs.info(job, request.base_url))


def list_jobs(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    namespace = _namespace(services, request, params)
    stages = frozenset(value.upper() for value in request.query.get("stage", []))
    labels: dict[str, str] = {}
    for text in request.query.get("label", []):
        key, sep, value = text.partition("=")
        if not sep or not key:
            raise bad_request(f"Invalid label filter {text!r}: expected key=value")
        labels[key] = value
    jobs = services.jobs.matching(namespace, stages=stages, labels=labels)
    return Response.json([services.jobs.info(job, request.base_url) for job in jobs])


def inspect_job(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    job = _job(services, request, params)
    return Response.json(services.jobs.info(job, request.base_url))


def job_logs(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    job = _job(services, request, params)
    tail_text = request.param("tail")
    if tail_text is not None and not tail_text.isdigit():
        raise bad_request(f"Invalid tail {tail_text!r}: expected a number of lines")
    batches = services.jobs.follow_log(job, int(tail_text) if tail_text else None)
    headers = {"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
    return Response(200, headers=headers, stream=_server_sent_events(batches))


def _server_sent_events(batches: Iterator[list[tuple[str, str]]]) -> Iterator[bytes]:
    for batch in batches:
        if not batch:
            yield b": keep-alive\n\n"
        # One chunk per batch: a replayed log of many lines goes out in one write.
        yield "".join(
            f"data: {json.dumps({'data': line, 'timestamp': moment})}\n\n" for moment, line in batch
        ).encode()


def cancel_job(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    job = _job(services, request, params, write=True)
    services.jobs.cancel(job)
    return Response.json(services.jobs.info(job, request.base_url))


def _namespace(
    services: Services, request: Request, params: Mapping[str, str], *, write: bool = False
) -> str:
    namespace = params["ns"]
    user = request.user
    if user is None:
        raise unauthorized()
    if write:
        services.config.writer(user)
    if not user.owns(namespace):
        raise forbidden(f"You don't have access to jobs in the namespace {namespace}")
    return namespace


def _job(
    services: Services, request: Request, params: Mapping[str, str], *, write: bool = False
) -> SandboxJob:
    namespace = _namespace(services, request, params, write=write)
    job = services.jobs.get(namespace, params["job"])
    if job is None:
        raise not_found(f"Job {params['job']} not found in {namespace}")
    return job


def _check_spec(payload: Mapping[str, Any]) -> None:
    """What the Hub refuses up front: no image, a command that is not a list of strings."""
    if not payload.get("dockerImage") and not payload.get("spaceId"):
        raise bad_request("A job needs a dockerImage or a spaceId")
    command = payload.get("command")
    if not isinstance(command, list) or not command or not all(isinstance(w, str) for w in command):
        raise bad_request("A job's command must be a non-empty list of strings")
    for key in ("environment", "secrets", "labels"):
        value = payload.get(key)
        if value is not None and not isinstance(value, dict):
            raise bad_request(f"A job's {key} must be an object")
    timeout = payload.get("timeoutSeconds")
    if timeout is not None and (not isinstance(timeout, int | float) or timeout <= 0):
        raise bad_request("timeoutSeconds must be a positive number")


JOB_ROUTES: list[Route] = [
    route("POST", "/api/jobs/{ns}", create_job),
    route("GET", "/api/jobs/{ns}", list_jobs),
    route("GET", "/api/jobs/{ns}/{job}", inspect_job),
    route("GET", "/api/jobs/{ns}/{job}/logs", job_logs),
    route("POST", "/api/jobs/{ns}/{job}/cancel", cancel_job),
]
