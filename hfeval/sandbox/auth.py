"""Who is calling the sandbox Hub and what they may do: users, tokens and the server's settings.

Any bearer token is accepted as the configured user unless `tokens` maps it to someone else, so a
test can act as two people ("the PR author is someone else"). Requests without a token may read;
writes need a token (401), a writable server (403 under `--read-only`) and a token that may write:
tokens in `read_tokens` (`--read-token`), tokens missing from a non-empty `write_tokens`
(`--write-token`) and users whose `token_role` is "read" get 403, and a
"fineGrained" user needs `repo.write` among its `permissions`. whoami reports the role (and the
fine-grained scopes) the way the Hub does, so clients can check before they write. With
`enforce_namespaces`, direct commits, merges and repo creation also need the namespace to be the
user's own or one of their orgs, as on the Hub; opening and updating one's own PRs never does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from hfeval.sandbox.failures import forbidden, unauthorized
from hfeval.sandbox.jobs_run import JobSettings

DEFAULT_USER_NAME = "sandbox-user"


@dataclass(frozen=True)
class SandboxUser:
    """An account on the sandbox Hub."""

    name: str
    orgs: tuple[str, ...] = ()
    fullname: str | None = None
    token_role: str = "write"  # "read", "write" or "fineGrained", as whoami reports it
    permissions: tuple[str, ...] = ()  # fine-grained scopes on the user's repos, e.g. repo.write

    def may_write(self) -> bool:
        if self.token_role == "fineGrained":
            return "repo.write" in self.permissions
        return self.token_role != "read"

    def owns(self, namespace: str) -> bool:
        return namespace == self.name or namespace in self.orgs


@dataclass(frozen=True)
class SandboxConfig:
    """Settings of one sandbox server.

    `user` answers for any token not listed in `tokens`; tokens in `invalid_tokens` get the Hub's
    401. `warn_on_missing_metadata` makes validate-yaml warn about a README without a YAML header
    as the Hub does (the client turns that into a Python warning). `jobs` says how HF Jobs run
    here (`jobs_run.JobSettings`: which local Python stands in for which image).
    """

    user: SandboxUser = field(default_factory=lambda: SandboxUser(DEFAULT_USER_NAME))
    tokens: Mapping[str, SandboxUser] = field(default_factory=dict)
    invalid_tokens: frozenset[str] = frozenset()
    read_tokens: frozenset[str] = frozenset()
    write_tokens: frozenset[str] = frozenset()  # when set, every other token is read-only
    read_only: bool = False
    enforce_namespaces: bool = False
    warn_on_missing_metadata: bool = True
    discussions_page_size: int = 50
    models_page_size: int = 1000  # items per page of GET /api/models (api_listing.py)
    jobs: JobSettings = field(default_factory=JobSettings)

    def identify(self, authorization: str | None) -> SandboxUser | None:
        """The user behind an `Authorization` header, None for an anonymous request."""
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or token in self.invalid_tokens:
            raise unauthorized()
        user = self.tokens.get(token, self.user)
        read_only = token in self.read_tokens or bool(
            self.write_tokens and token not in self.write_tokens
        )
        return replace(user, token_role="read") if read_only else user

    def writer(self, user: SandboxUser | None) -> SandboxUser:
        """The user, if they may write at all; otherwise the Hub's 401 or 403."""
        if user is None:
            raise unauthorized("You must be authenticated to write to the Hub")
        if self.read_only:
            raise forbidden("This sandbox Hub is read-only (started with --read-only)")
        if not user.may_write():
            raise forbidden("You don't have the rights to write with this token (read access)")
        return user

    def may_read_private(self, user: SandboxUser | None, repo_id: str) -> bool:
        if user is None:
            return False
        return not self.enforce_namespaces or user.owns(repo_id.split("/", 1)[0])

    def owner(self, user: SandboxUser | None, repo_id: str) -> SandboxUser:
        """The user, if they may change `repo_id` directly (not through a pull request)."""
        writer = self.writer(user)
        namespace = repo_id.split("/", 1)[0]
        if self.enforce_namespaces and not writer.owns(namespace):
            raise forbidden(
                f"You don't have the rights to write to {repo_id}; open a pull request instead"
            )
        return writer
