"""What hfeval reads from and writes to the Hub, as plain records: a file at a commit, a repo
snapshot, the token's identity, a pull request and a commit's result. `hfeval.hub` re-exports
them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hfeval.token_access import TokenAccess


@dataclass(frozen=True)
class RemoteFile:
    """One file read at a resolved commit; `text` is None when the file does not exist there."""

    repo_id: str
    path: str
    commit: str
    text: str | None


@dataclass(frozen=True)
class RepoSnapshot:
    """The files hfeval manages in one repo, read at one commit of one revision."""

    repo_id: str
    revision: str
    commit: str
    files: Mapping[str, str]  # README.md and .eval_results/*.yaml that exist at `commit`


@dataclass(frozen=True)
class Identity:
    """The token's user and the organisations it belongs to."""

    name: str
    orgs: tuple[str, ...]
    access: TokenAccess = field(default_factory=TokenAccess)  # what whoami says it may do

    def owns(self, repo_id: str) -> bool:
        namespace = repo_id.split("/", 1)[0]
        return namespace == self.name or namespace in self.orgs


@dataclass(frozen=True)
class PullRequest:
    """A pull request on a model repo, with the commit its `refs/pr/N` points at."""

    num: int
    status: str
    author: str | None
    title: str
    description: str
    head: str | None

    @property
    def ref(self) -> str:
        return f"refs/pr/{self.num}"


@dataclass(frozen=True)
class CommitResult:
    """What a write produced. `pr_num` is set when the commit opened or went to a PR."""

    oid: str
    url: str
    pr_num: int | None
    pr_url: str | None
