"""Sandbox Hub routes about accounts and repos: whoami, repo create/delete, refs, trees,
paths-info, commit history and branches (hub-protocol §4.1, §4.2, §4.9); `api_info.py` answers
the repo info route itself."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

from hfeval.sandbox.auth import SandboxUser
from hfeval.sandbox.failures import (
    SandboxHttpError,
    bad_request,
    entry_not_found,
    repo_not_found,
    unauthorized,
)
from hfeval.sandbox.routing import Request, Response, Route, Services, repo_of, route
from hfeval.sandbox.store import Snapshot

_REPO_NAME = re.compile(r"^[A-Za-z0-9][\w.-]{0,95}$")


def repo_url(request: Request, repo_type: str, repo_id: str) -> str:
    """The repo's web URL on the host the client used (`datasets/` and `spaces/` prefixed)."""
    prefix = "" if repo_type == "model" else f"{repo_type}s/"
    return f"{request.base_url}/{prefix}{repo_id}"


def readable_snapshot(
    services: Services, request: Request, repo_id: str, revision: str, repo_type: str
) -> Snapshot:
    """The repo at `revision`, or the Hub's RepoNotFound when it is private to someone else."""
    snapshot = services.store.snapshot(repo_id, revision, repo_type=repo_type)
    if snapshot.private and not services.config.may_read_private(request.user, repo_id):
        raise repo_not_found(repo_id)
    return snapshot


def whoami(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    user = request.user
    if user is None:
        raise unauthorized()
    return Response.json(
        {
            "type": "user",
            "id": hashlib.sha1(user.name.encode(), usedforsecurity=False).hexdigest()[:24],
            "name": user.name,
            "fullname": user.fullname or user.name,
            "orgs": [{"type": "org", "name": org} for org in user.orgs],
            "auth": {"type": "access_token", "accessToken": _access_token(services, user)},
        }
    )


def _access_token(services: Services, user: SandboxUser) -> dict[str, object]:
    """The `auth.accessToken` part of whoami, shaped as the Hub's for classic and fine-grained."""
    role = "read" if services.config.read_only else user.token_role
    token: dict[str, object] = {"displayName": "sandbox", "role": role}
    if role == "fineGrained":
        token["fineGrained"] = {
            "canReadGatedRepos": True,
            "global": [],
            "scoped": [
                {
                    "entity": {"type": "user", "name": user.name},
                    "permissions": list(user.permissions),
                }
            ],
        }
    return token


def agent_harnesses(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    return Response.json({"standardEnvVars": [], "harnesses": {}})


def create_repo(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    body = request.json_object()
    writer = services.config.writer(request.user)
    name = body.get("name")
    if not isinstance(name, str) or not _REPO_NAME.match(name):
        raise bad_request(f"Invalid repo name {name!r}")
    repo_id = f"{body.get('organization') or writer.name}/{name}"
    repo_type = body.get("type") or "model"
    services.config.owner(request.user, repo_id)
    url = repo_url(request, repo_type, repo_id)
    try:
        services.store.create_repo(
            repo_id,
            author=writer.name,
            repo_type=repo_type,
            private=body.get("private") is True or body.get("visibility") == "private",
        )
    except SandboxHttpError as error:
        if error.http_status == 409:
            raise SandboxHttpError(
                409, error.message, body={"error": error.message, "url": url}
            ) from None
        raise
    return Response.json({"url": url, "name": repo_id})


def delete_repo(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    body = request.json_object()
    writer = services.config.writer(request.user)
    repo_id = f"{body.get('organization') or writer.name}/{body.get('name')}"
    services.config.owner(request.user, repo_id)
    services.store.delete_repo(repo_id, repo_type=body.get("type") or "model")
    return Response.json({})


def refs(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    readable_snapshot(services, request, repo_id, "main", repo_type)
    branches, pull_refs = services.store.refs(repo_id, repo_type=repo_type)
    answer: dict[str, Any] = {
        "branches": [
            {"name": name, "ref": f"refs/heads/{name}", "targetCommit": sha}
            for name, sha in sorted(branches.items())
        ],
        "converts": [],
        "tags": [],
    }
    if request.flag("include_prs"):
        answer["pullRequests"] = [
            {"name": str(num), "ref": f"refs/pr/{num}", "targetCommit": sha}
            for num, sha in sorted(pull_refs.items())
        ]
    return Response.json(answer)


def tree(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    commit = readable_snapshot(services, request, repo_id, params["rev"], repo_type).commit
    folder = params["path"].strip("/")
    prefix = f"{folder}/" if folder else ""
    if folder and not any(path.startswith(prefix) for path in commit.files):
        raise entry_not_found(f"{folder} does not exist on {params['rev']}")
    recursive = request.flag("recursive")
    entries: dict[str, dict[str, Any]] = {}
    for path, oid in sorted(commit.files.items()):
        if not path.startswith(prefix):
            continue
        parts = path[len(prefix) :].split("/")
        for depth in range(1, len(parts)):
            if depth > 1 and not recursive:
                break
            directory = prefix + "/".join(parts[:depth])
            entries.setdefault(directory, _folder_entry(directory))
        if recursive or len(parts) == 1:
            entries[path] = _file_entry(services, path, oid)
    return Response.json(list(entries.values()))


def paths_info(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    commit = readable_snapshot(services, request, repo_id, params["rev"], repo_type).commit
    form = _form(request)
    answer: list[dict[str, Any]] = []
    for path in form.get("paths", []):
        path = path.strip("/")
        if path in commit.files:
            answer.append(_file_entry(services, path, commit.files[path]))
        elif any(existing.startswith(f"{path}/") for existing in commit.files):
            answer.append(_folder_entry(path))
    return Response.json(answer)


def commits(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    readable_snapshot(services, request, repo_id, params["rev"], repo_type)
    history = services.store.history(repo_id, params["rev"], repo_type=repo_type)
    return Response.json(
        [
            {
                "id": commit.sha,
                "title": commit.message,
                "message": commit.description,
                "authors": [{"user": commit.author}],
                "date": commit.created_at,
            }
            for commit in history
        ]
    )


def create_branch(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    services.config.owner(request.user, repo_id)
    starting_point = request.json_object().get("startingPoint") or "main"
    services.store.create_branch(repo_id, params["branch"], starting_point, repo_type=repo_type)
    return Response.json({})


def delete_branch(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    services.config.owner(request.user, repo_id)
    services.store.delete_branch(repo_id, params["branch"], repo_type=repo_type)
    return Response.json({})


def _file_entry(services: Services, path: str, oid: str) -> dict[str, Any]:
    return {"type": "file", "oid": oid, "size": services.store.blobs.size(oid), "path": path}


def _folder_entry(path: str) -> dict[str, Any]:
    oid = hashlib.sha1(f"tree {path}".encode(), usedforsecurity=False).hexdigest()
    return {"type": "directory", "oid": oid, "size": 0, "path": path}


def _form(request: Request) -> dict[str, list[str]]:
    if "json" in request.headers.get("content-type", ""):
        data = request.json_object()
        paths = data.get("paths", [])
        return {"paths": [paths] if isinstance(paths, str) else list(paths)}
    return parse_qs(request.body.decode("utf-8", errors="replace"), keep_blank_values=True)


REPO_ROUTES: list[Route] = [
    route("GET", "/api/whoami-v2", whoami),
    route("GET", "/api/agent-harnesses", agent_harnesses),
    route("POST", "/api/repos/create", create_repo),
    route("DELETE", "/api/repos/delete", delete_repo),
    route("GET", "/api/{t}/{ns}/{name}/refs", refs),
    route("GET", "/api/{t}/{ns}/{name}/tree/{rev}/{*path}", tree),
    route("POST", "/api/{t}/{ns}/{name}/paths-info/{rev}", paths_info),
    route("GET", "/api/{t}/{ns}/{name}/commits/{rev}", commits),
    route("POST", "/api/{t}/{ns}/{name}/branch/{branch}", create_branch),
    route("DELETE", "/api/{t}/{ns}/{name}/branch/{branch}", delete_branch),
]
