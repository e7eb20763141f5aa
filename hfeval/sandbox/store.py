"""The sandbox Hub's storage: repos, commits and refs, persisted under a data directory.

Layout of the data directory:

    repos/<type>s/<namespace>/<name>.json   one document per repo (codec.py)
    blobs/<2 hex>/<38 hex>                  file contents by git blob sha1 (blobs.BlobStore)

Every change happens under one lock and is written to disk (atomically) before the lock is
released, so a restart sees exactly what clients were told. Discussions and pull requests are
handled by `DiscussionStore`, which shares this store's lock and persistence.

The read helpers (`read_files`, `head`, `pull_requests`, ...) and the direct writers
(`create_repo`, `commit_files`) exist for tests and the demo: they bypass HTTP and auth.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hfeval.errors import HubError
from hfeval.sandbox.blobs import BlobStore, write_atomically
from hfeval.sandbox.codec import state_from_json, state_to_json
from hfeval.sandbox.failures import bad_request, conflict, not_found, repo_not_found
from hfeval.sandbox.frontmatter import metadata_problems
from hfeval.sandbox.history import (
    CommitOutcome,
    DeleteFile,
    DeleteFolder,
    Operation,
    PutFile,
    commit_operations,
    record_commit,
)
from hfeval.sandbox.records import Commit, Discussion, RepoState, Resolved, timestamp

# What the Hub puts in a new repo's first commit; ours is a short version of the same idea.
DEFAULT_GITATTRIBUTES = (
    b"*.bin filter=lfs diff=lfs merge=lfs -text\n"
    b"*.safetensors filter=lfs diff=lfs merge=lfs -text\n"
)
_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*$")
REPO_TYPES = ("model", "dataset", "space")


@dataclass(frozen=True)
class Snapshot:
    """A repo seen at one revision, for read-only answers."""

    repo_type: str
    repo_id: str
    private: bool
    created_at: str
    resolved: Resolved
    commit: Commit


class HubStore:
    """All repos of one sandbox server."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.blobs = BlobStore(self.data_dir / "blobs")
        self.lock = threading.RLock()
        self._repos: dict[tuple[str, str], RepoState] = {}
        for path in sorted((self.data_dir / "repos").glob("*/*/*.json")):
            state = _load(path)
            self._repos[(state.repo_type, state.repo_id)] = state

    # -- repos -------------------------------------------------------------------------------

    def exists(self, repo_id: str, *, repo_type: str = "model") -> bool:
        with self.lock:
            return (repo_type, repo_id) in self._repos

    def repo_ids(self, *, repo_type: str = "model") -> list[str]:
        with self.lock:
            return sorted(repo_id for kind, repo_id in self._repos if kind == repo_type)

    def create_repo(
        self,
        repo_id: str,
        files: Mapping[str, bytes | str] | None = None,
        *,
        author: str | None = None,
        repo_type: str = "model",
        private: bool = False,
        message: str = "initial commit",
    ) -> str:
        """Create a repo whose first commit holds `files` (default: a `.gitattributes`).

        Returns the first commit's sha; an existing repo is the Hub's 409.
        """
        if repo_type not in REPO_TYPES:
            raise bad_request(f"Invalid repo type {repo_type!r}")
        if not _REPO_ID.match(repo_id):
            raise bad_request(f"Invalid repo id {repo_id!r}: expected namespace/name")
        contents = {".gitattributes": DEFAULT_GITATTRIBUTES} if files is None else files
        oids = {path: self.blobs.put(_as_bytes(data)) for path, data in contents.items()}
        with self.lock:
            if (repo_type, repo_id) in self._repos:
                raise conflict(f"You already created this {repo_type} repo")
            state = RepoState(repo_type=repo_type, repo_id=repo_id, created_at=timestamp())
            state.private = private
            commit = record_commit(
                state,
                parent=None,
                files=oids,
                author=author or repo_id.split("/", 1)[0],
                message=message,
            )
            state.branches["main"] = commit.sha
            self._repos[(repo_type, repo_id)] = state
            self.save(state)
            return commit.sha

    def delete_repo(self, repo_id: str, *, repo_type: str = "model") -> None:
        with self.lock:
            if self._repos.pop((repo_type, repo_id), None) is None:
                raise repo_not_found(repo_id)
            self._path(repo_type, repo_id).unlink(missing_ok=True)

    # -- reading -----------------------------------------------------------------------------

    def snapshot(
        self, repo_id: str, revision: str = "main", *, repo_type: str = "model"
    ) -> Snapshot:
        with self.lock:
            state = self.state(repo_id, repo_type=repo_type)
            resolved = state.resolve(revision)
            return Snapshot(
                repo_type=repo_type,
                repo_id=repo_id,
                private=state.private,
                created_at=state.created_at,
                resolved=resolved,
                commit=state.commit(resolved.sha),
            )

    def head(self, repo_id: str, revision: str = "main", *, repo_type: str = "model") -> str:
        return self.snapshot(repo_id, revision, repo_type=repo_type).commit.sha

    def read_file(
        self, repo_id: str, path: str, revision: str = "main", *, repo_type: str = "model"
    ) -> bytes:
        files = self.snapshot(repo_id, revision, repo_type=repo_type).commit.files
        if path not in files:
            raise not_found(f"{path} not found in {repo_id}@{revision}")
        return self.blobs.get(files[path])

    def read_files(
        self, repo_id: str, revision: str = "main", *, repo_type: str = "model"
    ) -> dict[str, bytes]:
        files = self.snapshot(repo_id, revision, repo_type=repo_type).commit.files
        return {path: self.blobs.get(oid) for path, oid in sorted(files.items())}

    def refs(
        self, repo_id: str, *, repo_type: str = "model"
    ) -> tuple[dict[str, str], dict[int, str]]:
        """(branches, pull request refs) of a repo."""
        with self.lock:
            state = self.state(repo_id, repo_type=repo_type)
            return dict(state.branches), dict(state.pull_refs)

    def history(
        self, repo_id: str, revision: str = "main", *, repo_type: str = "model"
    ) -> list[Commit]:
        """The commits reachable from `revision` by first parents, newest first."""
        with self.lock:
            state = self.state(repo_id, repo_type=repo_type)
            chain = state.first_parent_chain(state.resolve(revision).sha)
            return [state.commit(sha) for sha in chain]

    def discussions(self, repo_id: str, *, repo_type: str = "model") -> list[Discussion]:
        """Every discussion and PR of a repo, newest first."""
        with self.lock:
            state = self.state(repo_id, repo_type=repo_type)
            return sorted(state.discussions.values(), key=lambda d: d.num, reverse=True)

    def pull_requests(
        self, repo_id: str, *, status: str | None = None, repo_type: str = "model"
    ) -> list[Discussion]:
        """A repo's pull requests, newest first, optionally only those with `status`."""
        return [
            discussion
            for discussion in self.discussions(repo_id, repo_type=repo_type)
            if discussion.is_pull_request and (status is None or discussion.status == status)
        ]

    # -- writing -----------------------------------------------------------------------------

    def commit(
        self,
        repo_id: str,
        revision: str,
        operations: Sequence[Operation],
        *,
        author: str,
        message: str,
        description: str = "",
        parent_commit: str | None = None,
        create_pr: bool = False,
        check_metadata: bool = True,
        repo_type: str = "model",
    ) -> CommitOutcome:
        """Commit `operations` (see `history.commit_operations`) and save the repo.

        `PutFile` contents must already be in `self.blobs`. With `check_metadata`, a README whose
        front matter the Hub would reject is a 400, as on the commit endpoint.
        """
        if check_metadata:
            self._check_readme(operations)
        with self.editing(repo_id, repo_type=repo_type) as state:
            return commit_operations(
                state,
                revision,
                operations,
                author=author,
                message=message,
                description=description,
                parent_commit=parent_commit,
                create_pr=create_pr,
            )

    def commit_files(
        self,
        repo_id: str,
        files: Mapping[str, bytes | str],
        *,
        deletions: Sequence[str] = (),
        message: str = "Update files",
        description: str = "",
        author: str | None = None,
        revision: str = "main",
        create_pr: bool = False,
        repo_type: str = "model",
    ) -> CommitOutcome:
        """Commit contents directly (no HTTP, no auth, no metadata check), e.g. to move `main`
        under a client's feet. A path in `deletions` ending in `/` deletes a folder."""
        operations: list[Operation] = [
            PutFile(path, self.blobs.put(_as_bytes(data))) for path, data in files.items()
        ]
        operations += [
            DeleteFolder(path) if path.endswith("/") else DeleteFile(path) for path in deletions
        ]
        return self.commit(
            repo_id,
            revision,
            operations,
            author=author or repo_id.split("/", 1)[0],
            message=message,
            description=description,
            create_pr=create_pr,
            check_metadata=False,
            repo_type=repo_type,
        )

    def create_branch(
        self, repo_id: str, branch: str, starting_point: str = "main", *, repo_type: str = "model"
    ) -> str:
        with self.lock:
            state = self.state(repo_id, repo_type=repo_type)
            if branch in state.branches:
                raise conflict(f"Reference already exists: refs/heads/{branch}")
            sha = state.resolve(starting_point).sha
            state.branches[branch] = sha
            self.save(state)
            return sha

    def delete_branch(self, repo_id: str, branch: str, *, repo_type: str = "model") -> None:
        with self.lock:
            state = self.state(repo_id, repo_type=repo_type)
            if branch == "main" or state.branches.pop(branch, None) is None:
                raise bad_request(f"Cannot delete branch {branch!r}")
            self.save(state)

    # -- shared with DiscussionStore ---------------------------------------------------------

    @contextmanager
    def editing(self, repo_id: str, *, repo_type: str = "model") -> Iterator[RepoState]:
        """Hold the lock over one repo's state and save it afterwards."""
        with self.lock:
            state = self.state(repo_id, repo_type=repo_type)
            yield state
            self.save(state)

    def state(self, repo_id: str, *, repo_type: str = "model") -> RepoState:
        """The live state of a repo; call with the lock held."""
        state = self._repos.get((repo_type, repo_id))
        if state is None:
            raise repo_not_found(repo_id)
        return state

    def save(self, state: RepoState) -> None:
        document = json.dumps(state_to_json(state), indent=1, sort_keys=True)
        write_atomically(self._path(state.repo_type, state.repo_id), document.encode())

    def _check_readme(self, operations: Sequence[Operation]) -> None:
        for operation in operations:
            if isinstance(operation, PutFile) and operation.path == "README.md":
                text = self.blobs.get(operation.oid).decode("utf-8", errors="replace")
                errors, _warnings = metadata_problems(text)
                if errors:
                    raise bad_request("\n".join(errors))

    def _path(self, repo_type: str, repo_id: str) -> Path:
        namespace, _, name = repo_id.partition("/")
        return self.data_dir / "repos" / f"{repo_type}s" / namespace / f"{name}.json"


def _load(path: Path) -> RepoState:
    try:
        return state_from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise HubError(
            f"cannot read this sandbox repo file: {error}",
            where=str(path),
            hint="start the sandbox with a fresh --data directory",
        ) from error


def _as_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data
