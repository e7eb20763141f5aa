"""What the sandbox Hub remembers about a repo: commits, refs, discussions and their JSON form.

Commits, events and discussions are frozen records; `RepoState` is the one mutable aggregate,
changed only while the store holds its lock. Revision resolution follows hub-protocol §4.0
(branch names, `refs/heads/<b>`, `refs/pr/N`, full shas and unique sha prefixes of at least 5 hex
digits). `codec.py` turns a `RepoState` into the JSON the store keeps on disk.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from hfeval.sandbox.failures import revision_not_found

_HEX_PREFIX = re.compile(r"^[0-9a-f]{5,40}$")
_PR_REF = re.compile(r"^refs/pr/([1-9][0-9]*)$")


def timestamp(moment: datetime | None = None) -> str:
    """The Hub's timestamp form, `2026-01-31T12:00:00.000Z` (the client requires the `Z`)."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def git_blob_sha1(data: bytes) -> str:
    """The git blob id of `data`: what the Hub sends as a regular file's ETag and preupload oid."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class Commit:
    """One commit: the whole file map (path -> blob id) plus who, when and why."""

    sha: str
    parent: str | None
    author: str
    message: str
    description: str
    created_at: str
    files: Mapping[str, str]


@dataclass(frozen=True)
class Event:
    """One entry of a discussion's timeline (comment, status-change, commit, title-change)."""

    id: str
    type: str
    author: str
    created_at: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class Discussion:
    """A discussion or pull request; `target_branch` is set for pull requests only."""

    num: int
    title: str
    author: str
    created_at: str
    is_pull_request: bool
    status: str
    events: tuple[Event, ...] = ()
    target_branch: str | None = None
    merge_commit: str | None = None

    @property
    def git_reference(self) -> str | None:
        return f"refs/pr/{self.num}" if self.is_pull_request else None


@dataclass(frozen=True)
class Resolved:
    """A revision resolved to a commit; `branch` or `pull_request` says which ref named it."""

    sha: str
    branch: str | None = None
    pull_request: int | None = None


@dataclass
class RepoState:
    """Everything about one repo. Mutated only by `HubStore` under its lock."""

    repo_type: str
    repo_id: str
    created_at: str
    private: bool = False
    branches: dict[str, str] = field(default_factory=dict)
    pull_refs: dict[int, str] = field(default_factory=dict)
    commits: dict[str, Commit] = field(default_factory=dict)
    discussions: dict[int, Discussion] = field(default_factory=dict)
    commit_count: int = 0
    event_count: int = 0

    def resolve(self, revision: str) -> Resolved:
        """Resolve a branch, `refs/heads/<b>`, `refs/pr/N`, a sha or a unique sha prefix."""
        branch = revision.removeprefix("refs/heads/")
        if branch in self.branches:
            return Resolved(self.branches[branch], branch=branch)
        pull = _PR_REF.match(revision)
        if pull and int(pull.group(1)) in self.pull_refs:
            number = int(pull.group(1))
            return Resolved(self.pull_refs[number], pull_request=number)
        prefix = revision.lower()
        if _HEX_PREFIX.match(prefix):
            matches = [sha for sha in self.commits if sha.startswith(prefix)]
            if len(matches) == 1:
                return Resolved(matches[0])
        raise revision_not_found(revision)

    def commit(self, sha: str) -> Commit:
        return self.commits[sha]

    def first_parent_chain(self, sha: str) -> list[str]:
        """`sha` and its ancestors, newest first."""
        chain: list[str] = []
        current: str | None = sha
        while current is not None:
            chain.append(current)
            current = self.commits[current].parent
        return chain

    def new_event(self, kind: str, author: str, data: Mapping[str, Any]) -> Event:
        """A timeline event with an id unique in this repo (24 hex, like the Hub's)."""
        self.event_count += 1
        seed = f"{self.repo_type}/{self.repo_id}#{self.event_count}".encode()
        event_id = hashlib.sha1(seed, usedforsecurity=False).hexdigest()[:24]
        return Event(id=event_id, type=kind, author=author, created_at=timestamp(), data=dict(data))

    def comment_event(self, author: str, text: str) -> Event:
        data = {"edited": False, "hidden": False, "latest": {"raw": text}}
        return self.new_event("comment", author, data)

    def commit_event(self, commit: Commit) -> Event:
        return self.new_event(
            "commit", commit.author, {"subject": commit.message, "oid": commit.sha}
        )

    def append_events(self, num: int, *events: Event) -> Discussion:
        discussion = self.discussions[num]
        self.discussions[num] = replace(discussion, events=(*discussion.events, *events))
        return self.discussions[num]

    def next_discussion_number(self) -> int:
        return max(self.discussions, default=0) + 1


def commit_sha(state: RepoState, fields: Mapping[str, Any]) -> str:
    """A content address for a new commit: its fields plus the repo's commit counter.

    The counter makes two commits with identical trees and messages distinct, as git's timestamps
    would; the result is 40 lowercase hex digits like a git sha.
    """
    canonical = json.dumps(
        {"repo": f"{state.repo_type}/{state.repo_id}", "n": state.commit_count, **fields},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha1(canonical.encode(), usedforsecurity=False).hexdigest()
