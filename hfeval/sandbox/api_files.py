"""Sandbox Hub routes that move file contents: resolve (download), validate-yaml, preupload and
the NDJSON commit endpoint (hub-protocol §4.4-§4.7)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from hfeval.sandbox.api_repos import readable_snapshot, repo_url
from hfeval.sandbox.failures import bad_request, entry_not_found
from hfeval.sandbox.frontmatter import MISSING_METADATA_WARNING, metadata_problems
from hfeval.sandbox.history import DeleteFile, DeleteFolder, Operation, PutFile
from hfeval.sandbox.routing import Request, Response, Route, Services, repo_of, route


def resolve(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    commit = readable_snapshot(services, request, repo_id, params["rev"], repo_type).commit
    oid = commit.files.get(params["path"])
    if oid is None:
        raise entry_not_found(commit=commit.sha)
    return Response(
        status=200,
        body=services.store.blobs.get(oid),
        headers={
            "Content-Type": "application/octet-stream",
            "X-Repo-Commit": commit.sha,
            "ETag": f'"{oid}"',
            "Accept-Ranges": "none",
        },
    )


def validate_yaml(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    content = request.json_object().get("content")
    if not isinstance(content, str):
        raise bad_request('"content" must be a string')
    errors, warnings = metadata_problems(content)
    if not services.config.warn_on_missing_metadata:
        warnings = [warning for warning in warnings if warning != MISSING_METADATA_WARNING]
    body = {
        "errors": [{"message": message} for message in errors],
        "warnings": [{"message": message} for message in warnings],
    }
    return Response.json(body, status=400 if errors else 200)


def preupload(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    services.config.writer(request.user)
    files = request.json_object().get("files")
    if not isinstance(files, list):
        raise bad_request('"files" must be an array')
    commit = readable_snapshot(services, request, repo_id, params["rev"], repo_type).commit
    answer = []
    for item in files:
        if not isinstance(item, dict) or not isinstance(item.get("path"), str):
            raise bad_request('every item of "files" needs a string "path"')
        answer.append(
            {
                "path": item["path"],
                "uploadMode": "regular",
                "shouldIgnore": False,
                "oid": commit.files.get(item["path"]),
            }
        )
    return Response.json({"files": answer, "commitOid": commit.sha})


def commit(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    revision = params["rev"]
    create_pr = request.flag("create_pr")
    readable_snapshot(services, request, repo_id, "main", repo_type)
    author = _committer(services, request, repo_id, revision, create_pr, repo_type)
    header, operations = _parse_ndjson(services, request.body)
    parent_commit = header.get("parentCommit")
    if parent_commit is not None and not isinstance(parent_commit, str):
        raise bad_request('"parentCommit" must be a string')
    outcome = services.store.commit(
        repo_id,
        revision,
        operations,
        author=author,
        message=str(header.get("summary") or "Upload files"),
        description=str(header.get("description") or ""),
        parent_commit=parent_commit,
        create_pr=create_pr,
        repo_type=repo_type,
    )
    url = repo_url(request, repo_type, repo_id)
    pull_request_url = f"{url}/discussions/{outcome.pr_num}" if outcome.pr_num else None
    return Response.json(
        {
            "success": True,
            "commitOid": outcome.oid,
            "commitUrl": f"{url}/commit/{outcome.oid}",
            "pullRequestUrl": pull_request_url,
        }
    )


def _committer(
    services: Services,
    request: Request,
    repo_id: str,
    revision: str,
    create_pr: bool,
    repo_type: str,
) -> str:
    """Who may make this commit: anyone for a new PR, the PR's author (or an owner) for a push to
    `refs/pr/N`, an owner for a branch."""
    config = services.config
    writer = config.writer(request.user)
    if create_pr:
        return writer.name
    pull = services.store.snapshot(repo_id, revision, repo_type=repo_type).resolved.pull_request
    if pull is not None:
        pr_author = services.discussions.get(repo_id, pull, repo_type=repo_type).author
        if pr_author == writer.name:
            return writer.name
    return config.owner(request.user, repo_id).name


def _parse_ndjson(services: Services, body: bytes) -> tuple[dict[str, Any], list[Operation]]:
    """The commit header and operations; file contents go to the blob store right away."""
    header: dict[str, Any] | None = None
    operations: list[Operation] = []
    for number, line in enumerate(body.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise bad_request(f"Invalid NDJSON on line {number}: {error}") from error
        key, value = (
            (item.get("key"), item.get("value")) if isinstance(item, dict) else (None, None)
        )
        if not isinstance(value, dict):
            raise bad_request(f"Line {number} needs a key and an object value")
        if header is None:
            if key != "header":
                raise bad_request("The first line of a commit must be its header")
            header = value
            continue
        operations.append(_operation(services, key, value, number))
    if header is None:
        raise bad_request("Empty commit payload")
    return header, operations


def _operation(services: Services, key: object, value: Mapping[str, Any], number: int) -> Operation:
    path = value.get("path")
    if not isinstance(path, str) or not path or path.startswith("/"):
        raise bad_request(f"Line {number} needs a relative path")
    if key == "file":
        if value.get("encoding", "base64") != "base64":
            raise bad_request(f"Unsupported encoding on line {number}")
        try:
            content = base64.b64decode(value.get("content", ""), validate=True)
        except (binascii.Error, TypeError) as error:
            raise bad_request(f"Invalid base64 content for {path}") from error
        return PutFile(path, services.store.blobs.put(content))
    if key == "deletedFile":
        return DeleteFile(path)
    if key == "deletedFolder":
        return DeleteFolder(path)
    if key == "lfsFile":
        raise bad_request(
            f"{path}: LFS uploads are not supported by the sandbox Hub (preupload answers regular)"
        )
    raise bad_request(f"Unknown operation {key!r} on line {number}")


FILE_ROUTES: list[Route] = [
    route("POST", "/api/validate-yaml", validate_yaml),
    route("POST", "/api/{t}/{ns}/{name}/preupload/{rev}", preupload),
    route("POST", "/api/{t}/{ns}/{name}/commit/{rev}", commit),
    route("GET", "/{t}/{ns}/{name}/resolve/{rev}/{*path}", resolve),
    route("GET", "/{ns}/{name}/resolve/{rev}/{*path}", resolve),
]
