"""The on-disk JSON form of a sandbox repo (`RepoState`), one document per repo."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hfeval.sandbox.records import Commit, Discussion, Event, RepoState

STORE_FORMAT = 1


def state_to_json(state: RepoState) -> dict[str, Any]:
    """The on-disk form of a repo (one JSON document per repo)."""
    return {
        "format": STORE_FORMAT,
        "type": state.repo_type,
        "id": state.repo_id,
        "createdAt": state.created_at,
        "private": state.private,
        "branches": dict(state.branches),
        "pullRefs": {str(num): sha for num, sha in state.pull_refs.items()},
        "commitCount": state.commit_count,
        "eventCount": state.event_count,
        "commits": [_commit_to_json(commit) for commit in state.commits.values()],
        "discussions": [_discussion_to_json(d) for d in state.discussions.values()],
    }


def state_from_json(data: Mapping[str, Any]) -> RepoState:
    if data.get("format") != STORE_FORMAT:
        raise ValueError(f"unsupported sandbox store format {data.get('format')!r}")
    commits = [_commit_from_json(item) for item in data["commits"]]
    discussions = [_discussion_from_json(item) for item in data["discussions"]]
    return RepoState(
        repo_type=data["type"],
        repo_id=data["id"],
        created_at=data["createdAt"],
        private=bool(data["private"]),
        branches=dict(data["branches"]),
        pull_refs={int(num): sha for num, sha in data["pullRefs"].items()},
        commits={commit.sha: commit for commit in commits},
        discussions={discussion.num: discussion for discussion in discussions},
        commit_count=int(data["commitCount"]),
        event_count=int(data["eventCount"]),
    )


def _commit_to_json(commit: Commit) -> dict[str, Any]:
    return {
        "sha": commit.sha,
        "parent": commit.parent,
        "author": commit.author,
        "message": commit.message,
        "description": commit.description,
        "createdAt": commit.created_at,
        "files": dict(sorted(commit.files.items())),
    }


def _commit_from_json(item: Mapping[str, Any]) -> Commit:
    return Commit(
        sha=item["sha"],
        parent=item["parent"],
        author=item["author"],
        message=item["message"],
        description=item["description"],
        created_at=item["createdAt"],
        files=dict(item["files"]),
    )


def _discussion_to_json(discussion: Discussion) -> dict[str, Any]:
    return {
        "num": discussion.num,
        "title": discussion.title,
        "author": discussion.author,
        "createdAt": discussion.created_at,
        "isPullRequest": discussion.is_pull_request,
        "status": discussion.status,
        "targetBranch": discussion.target_branch,
        "mergeCommit": discussion.merge_commit,
        "events": [
            {
                "id": event.id,
                "type": event.type,
                "author": event.author,
                "createdAt": event.created_at,
                "data": dict(event.data),
            }
            for event in discussion.events
        ],
    }


def _discussion_from_json(item: Mapping[str, Any]) -> Discussion:
    return Discussion(
        num=int(item["num"]),
        title=item["title"],
        author=item["author"],
        created_at=item["createdAt"],
        is_pull_request=bool(item["isPullRequest"]),
        status=item["status"],
        target_branch=item["targetBranch"],
        merge_commit=item["mergeCommit"],
        events=tuple(
            Event(
                id=event["id"],
                type=event["type"],
                author=event["author"],
                created_at=event["createdAt"],
                data=event["data"],
            )
            for event in item["events"]
        ),
    )
