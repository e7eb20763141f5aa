"""Git-like operations on a repo's state: committing operations to a branch or a pull request,
finding where a pull request forked, merging it and rendering its diff. No I/O happens here.

File maps are `path -> blob id`. Merging is a squash onto the base branch: a fast-forward when the
base has not moved since the PR forked, otherwise the PR's changes are replayed on the base head
and any path both sides changed differently is a conflict.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from hfeval.sandbox.failures import bad_request, entry_not_found, stale_parent
from hfeval.sandbox.records import Commit, Discussion, RepoState, Resolved, commit_sha, timestamp


@dataclass(frozen=True)
class PutFile:
    """Add or replace a file (its content is already in the blob store)."""

    path: str
    oid: str


@dataclass(frozen=True)
class DeleteFile:
    path: str


@dataclass(frozen=True)
class DeleteFolder:
    path: str


Operation = PutFile | DeleteFile | DeleteFolder


def apply_operations(files: Mapping[str, str], operations: Sequence[Operation]) -> dict[str, str]:
    """The file map after `operations`; deleting a missing file or folder is the Hub's 404."""
    tree = dict(files)
    for operation in operations:
        if isinstance(operation, PutFile):
            tree[operation.path] = operation.oid
        elif isinstance(operation, DeleteFile):
            if operation.path not in tree:
                raise entry_not_found(f"A file with this name doesn't exist: {operation.path}")
            del tree[operation.path]
        else:
            prefix = operation.path.rstrip("/") + "/"
            doomed = [path for path in tree if path.startswith(prefix)]
            if not doomed:
                raise entry_not_found(f"A folder with this name doesn't exist: {operation.path}")
            for path in doomed:
                del tree[path]
    return tree


def record_commit(
    state: RepoState,
    *,
    parent: str | None,
    files: Mapping[str, str],
    author: str,
    message: str,
    description: str = "",
) -> Commit:
    """Create a commit in `state` (refs are left to the caller) and return it."""
    state.commit_count += 1
    fields = {
        "parent": parent,
        "author": author,
        "message": message,
        "description": description,
        "files": dict(sorted(files.items())),
    }
    commit = Commit(
        sha=commit_sha(state, fields),
        parent=parent,
        author=author,
        message=message,
        description=description,
        created_at=timestamp(),
        files=dict(files),
    )
    state.commits[commit.sha] = commit
    return commit


@dataclass(frozen=True)
class CommitOutcome:
    """A commit made on a repo; `pr_num` is set when it opened or extended a pull request."""

    oid: str
    pr_num: int | None = None


def commit_operations(
    state: RepoState,
    revision: str,
    operations: Sequence[Operation],
    *,
    author: str,
    message: str,
    description: str = "",
    parent_commit: str | None = None,
    create_pr: bool = False,
) -> CommitOutcome:
    """Commit as the Hub's commit endpoint does (hub-protocol §4.7).

    `revision` must be a branch, or `refs/pr/N` to push to an open PR. A `parent_commit` that is
    not the head of `revision` is the Hub's 412; with `create_pr` the new PR branches off it.
    """
    target = state.resolve(revision)
    if target.branch is None and (create_pr or target.pull_request is None):
        raise bad_request(f"Invalid revision {revision!r}: commit to a branch or to refs/pr/N")
    parent = target.sha
    if parent_commit is not None:
        wanted = state.resolve(parent_commit).sha
        if create_pr:
            parent = wanted
        elif wanted != target.sha:
            raise stale_parent()
    files = apply_operations(state.commit(parent).files, operations)
    commit = record_commit(
        state, parent=parent, files=files, author=author, message=message, description=description
    )
    if create_pr:
        return CommitOutcome(commit.sha, _open_pull_request(state, commit, target))
    if target.pull_request is not None:
        state.pull_refs[target.pull_request] = commit.sha
        state.append_events(target.pull_request, state.commit_event(commit))
        return CommitOutcome(commit.sha, target.pull_request)
    state.branches[str(target.branch)] = commit.sha
    return CommitOutcome(commit.sha)


def _open_pull_request(state: RepoState, commit: Commit, base: Resolved) -> int:
    """An open PR holding `commit`; its description is the first comment, as on the Hub."""
    num = state.next_discussion_number()
    events = [state.comment_event(commit.author, commit.description)] if commit.description else []
    events.append(state.commit_event(commit))
    state.discussions[num] = Discussion(
        num=num,
        title=commit.message,
        author=commit.author,
        created_at=timestamp(),
        is_pull_request=True,
        status="open",
        events=tuple(events),
        target_branch=base.branch,
    )
    state.pull_refs[num] = commit.sha
    return num


def fork_point(state: RepoState, head: str, base: str) -> str | None:
    """The newest commit on `head`'s first-parent chain that is also on `base`'s."""
    base_chain = set(state.first_parent_chain(base))
    return next((sha for sha in state.first_parent_chain(head) if sha in base_chain), None)


@dataclass(frozen=True)
class MergeOutcome:
    """What merging a PR head into a base head gives: a fast-forward, a new tree, or conflicts."""

    fast_forward: bool
    files: Mapping[str, str]
    conflicts: tuple[str, ...] = ()


def merge(state: RepoState, head: str, base: str) -> MergeOutcome:
    """Merge PR head `head` into base head `base` (see the module docstring)."""
    head_files = state.commit(head).files
    fork = fork_point(state, head, base)
    if fork == base:
        return MergeOutcome(fast_forward=True, files=head_files)
    fork_files = state.commit(fork).files if fork else {}
    base_files = state.commit(base).files
    pr_changes = _changes(fork_files, head_files)
    base_changes = _changes(fork_files, base_files)
    conflicts = tuple(
        sorted(
            path
            for path, oid in pr_changes.items()
            if path in base_changes and base_changes[path] != oid
        )
    )
    merged = dict(base_files)
    for path, oid in pr_changes.items():
        if oid is None:
            merged.pop(path, None)
        else:
            merged[path] = oid
    return MergeOutcome(fast_forward=False, files=merged, conflicts=conflicts)


def render_diff(
    old: Mapping[str, str], new: Mapping[str, str], read: Callable[[str], bytes]
) -> str:
    """A git-style unified diff between two file maps; binary files are only named."""
    sections: list[str] = []
    for path, oid in sorted(_changes(old, new).items()):
        before = _lines(read(old[path])) if path in old else []
        after = _lines(read(oid)) if oid is not None else []
        header = f"diff --git a/{path} b/{path}\n"
        if before is None or after is None:
            sections.append(header + f"Binary files a/{path} and b/{path} differ\n")
            continue
        body = difflib.unified_diff(
            before,
            after,
            fromfile=f"a/{path}" if path in old else "/dev/null",
            tofile=f"b/{path}" if oid is not None else "/dev/null",
        )
        sections.append(header + "".join(_terminated(line) for line in body))
    return "".join(sections)


def _changes(old: Mapping[str, str], new: Mapping[str, str]) -> dict[str, str | None]:
    """Paths whose blob differs between `old` and `new`, mapped to the new blob (None: deleted)."""
    changes: dict[str, str | None] = {
        path: oid for path, oid in new.items() if old.get(path) != oid
    }
    changes.update({path: None for path in old if path not in new})
    return changes


def _lines(data: bytes) -> list[str] | None:
    try:
        return data.decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return None


def _terminated(line: str) -> str:
    return line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
