"""Sandbox Hub routes for discussions and pull requests: list, details, create, comment, status,
title, merge and comment edits (hub-protocol §4.8)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hfeval.sandbox.api_repos import readable_snapshot
from hfeval.sandbox.auth import SandboxUser
from hfeval.sandbox.discussions import select_discussions
from hfeval.sandbox.failures import bad_request, not_found
from hfeval.sandbox.records import Discussion, Event
from hfeval.sandbox.routing import Request, Response, Route, Services, repo_of, route


def event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "createdAt": event.created_at,
        "author": {"name": event.author, "type": "user"},
        "data": dict(event.data),
    }


def discussion_json(discussion: Discussion, repo_type: str, repo_id: str) -> dict[str, Any]:
    """The fields every list item and details answer carry."""
    return {
        "num": discussion.num,
        "title": discussion.title,
        "status": discussion.status,
        "isPullRequest": discussion.is_pull_request,
        "createdAt": discussion.created_at,
        "author": {"name": discussion.author, "type": "user"},
        "repo": {"name": repo_id, "type": repo_type},
        "numComments": sum(event.type == "comment" for event in discussion.events),
        "pinned": False,
    }


def list_discussions(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    readable_snapshot(services, request, repo_id, "main", repo_type)
    kind, status = request.param("type"), request.param("status")
    if kind not in (None, "all", "discussion", "pull_request"):
        raise bad_request(f"Invalid type {kind!r}: use all, discussion or pull_request")
    if status not in (None, "all", "open", "closed"):
        raise bad_request(f"Invalid status {status!r}: use all, open or closed")
    chosen = select_discussions(
        services.store.discussions(repo_id, repo_type=repo_type),
        kind=kind,
        status=status,
        author=request.param("author"),
    )
    page_size = services.config.discussions_page_size
    page = _page_number(request.param("p"))
    start = page * page_size
    return Response.json(
        {
            "discussions": [
                discussion_json(discussion, repo_type, repo_id)
                for discussion in chosen[start : start + page_size]
            ],
            "count": len(chosen),
            "start": start,
        }
    )


def details(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    readable_snapshot(services, request, repo_id, "main", repo_type)
    discussion = services.discussions.get(repo_id, _number(params), repo_type=repo_type)
    answer = discussion_json(discussion, repo_type, repo_id)
    answer["events"] = [event_json(event) for event in discussion.events]
    if discussion.is_pull_request:
        view = services.discussions.pull_request_view(repo_id, discussion.num, repo_type=repo_type)
        changes: dict[str, Any] = {"base": f"refs/heads/{discussion.target_branch}"}
        if discussion.merge_commit:
            changes["mergeCommitId"] = discussion.merge_commit
        answer["changes"] = changes
        answer["filesWithConflicts"] = list(view.files_with_conflicts)
        if request.flag("diff"):
            answer["diff"] = view.diff
    return Response.json(answer)


def create(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    writer = services.config.writer(request.user)
    readable_snapshot(services, request, repo_id, "main", repo_type)
    body = request.json_object()
    discussion = services.discussions.open(
        repo_id,
        title=_text(body, "title"),
        description=str(body.get("description") or ""),
        pull_request=body.get("pullRequest") is True,
        author=writer.name,
        repo_type=repo_type,
    )
    return Response.json({"num": discussion.num, "pullRequest": discussion.is_pull_request})


def comment(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    writer = services.config.writer(request.user)
    text = _text(request.json_object(), "comment")
    event = services.discussions.comment(
        repo_id, _number(params), text, author=writer.name, repo_type=repo_type
    )
    return Response.json({"newMessage": event_json(event)})


def status(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    num = _number(params)
    user = _author_or_owner(services, request, repo_id, num, repo_type)
    body = request.json_object()
    event = services.discussions.change_status(
        repo_id,
        num,
        _text(body, "status"),
        author=user.name,
        comment=body.get("comment") or None,
        repo_type=repo_type,
    )
    return Response.json({"newStatus": event_json(event)})


def title(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    num = _number(params)
    user = _author_or_owner(services, request, repo_id, num, repo_type)
    event = services.discussions.rename(
        repo_id, num, _text(request.json_object(), "title"), author=user.name, repo_type=repo_type
    )
    return Response.json({"newTitle": event_json(event)})


def merge(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    owner = services.config.owner(request.user, repo_id)
    body = request.json_object()
    discussion = services.discussions.merge(
        repo_id,
        _number(params),
        author=owner.name,
        comment=body.get("comment") or None,
        repo_type=repo_type,
    )
    return Response.json({"status": discussion.status, "mergeCommitId": discussion.merge_commit})


def edit_comment(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    num = _number(params)
    user = services.config.writer(request.user)
    comment_author = _comment_author(services, repo_id, num, params["comment_id"], repo_type)
    if comment_author != user.name:
        services.config.owner(request.user, repo_id)
    event = services.discussions.edit_comment(
        repo_id,
        num,
        params["comment_id"],
        content=_text(request.json_object(), "content"),
        repo_type=repo_type,
    )
    return Response.json({"updatedComment": event_json(event)})


def hide_comment(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    services.config.owner(request.user, repo_id)
    event = services.discussions.edit_comment(
        repo_id, _number(params), params["comment_id"], hide=True, repo_type=repo_type
    )
    return Response.json({"updatedComment": event_json(event)})


def _author_or_owner(
    services: Services, request: Request, repo_id: str, num: int, repo_type: str
) -> SandboxUser:
    writer = services.config.writer(request.user)
    if services.discussions.get(repo_id, num, repo_type=repo_type).author == writer.name:
        return writer
    return services.config.owner(request.user, repo_id)


def _comment_author(
    services: Services, repo_id: str, num: int, comment_id: str, repo_type: str
) -> str:
    discussion = services.discussions.get(repo_id, num, repo_type=repo_type)
    for event in discussion.events:
        if event.id == comment_id:
            return event.author
    raise not_found(f"Comment {comment_id} not found in discussion #{num}")


def _number(params: Mapping[str, str]) -> int:
    text = params["num"]
    if not text.isdigit() or int(text) < 1:
        raise not_found(f"Discussion {text} not found")
    return int(text)


def _page_number(text: str | None) -> int:
    if text is None:
        return 0
    if not text.isdigit():
        raise bad_request(f"Invalid page number {text!r}")
    return int(text)


def _text(body: Mapping[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise bad_request(f'"{key}" must be a string')
    return value


_BASE = "/api/{t}/{ns}/{name}/discussions"

DISCUSSION_ROUTES: list[Route] = [
    route("GET", _BASE, list_discussions),
    route("POST", _BASE, create),
    route("GET", f"{_BASE}/{{num}}", details),
    route("POST", f"{_BASE}/{{num}}/comment", comment),
    route("POST", f"{_BASE}/{{num}}/status", status),
    route("POST", f"{_BASE}/{{num}}/title", title),
    route("POST", f"{_BASE}/{{num}}/merge", merge),
    route("POST", f"{_BASE}/{{num}}/comment/{{comment_id}}/edit", edit_comment),
    route("POST", f"{_BASE}/{{num}}/comment/{{comment_id}}/hide", hide_comment),
]
