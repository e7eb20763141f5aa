"""The checks before any write: specs unchanged, plan intact, each repo where the plan left it.

`prepare` reads one repo's current state and returns either the `Write` to send or a final
`RepoOutcome` (already applied, stale, failed). It never writes. Content comparisons use the
sha256 the plan recorded for each new file, so "already applied" means byte-identical.

A branch that moved is stale even when the move left hfeval's files as they were: the plan's
contents were computed from the old head, and re-planning is cheap and shows what changed.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from hfeval.apply.messages import MessageRenderer
from hfeval.apply.outcome import OutcomeKind, RepoOutcome, Write, describe_error
from hfeval.errors import HfevalError, PlanFileError, StalePlanError
from hfeval.hub import Identity, PullRequest
from hfeval.plan import Delivery, FileChange, Plan, RepoPlan, sha256_text
from hfeval.pr_marker import PR_MARKER

RERUN_HINT = 'Run "hfeval plan" again.'


class HubReader(Protocol):
    """The reads apply needs; `hfeval.hub.Hub` provides them."""

    def head(self, repo_id: str, revision: str = "main") -> str: ...

    def read_files_at(
        self, repo_id: str, commit: str, paths: list[str]
    ) -> dict[str, str | None]: ...

    def pull_requests(
        self, repo_id: str, *, author: str | None, status: str = "all"
    ) -> list[PullRequest]: ...

    def whoami(self) -> Identity: ...

    def pr_url(self, repo_id: str, pr_num: int) -> str: ...


def check_spec_hashes(plan: Plan, root: Path) -> None:
    """Refuse the whole apply when a spec file recorded in the plan was edited since.

    Specs that no longer exist are not checked: the plan still says what to write, and the
    repos' heads guard against applying it on top of newer content.
    """
    changed = []
    for spec_path, recorded in sorted(plan.spec_hashes.items()):
        path = root / spec_path
        if not path.is_file():
            continue
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != recorded.removeprefix("sha256:"):
            changed.append(spec_path)
    if changed:
        raise StalePlanError(
            f"specs changed since the plan was saved ({', '.join(changed)}). {RERUN_HINT}"
        )


def check_contents(plan: Plan) -> None:
    """Refuse a plan whose file contents do not hash to the sha256 it recorded for them."""
    for repo in plan.repos:
        if not repo.has_changes:
            continue
        for change in repo.files:
            if change.content is None:
                continue
            if change.sha256 != sha256_text(change.content):
                raise PlanFileError(
                    f"the content planned for {change.path} does not match its recorded sha256",
                    where=repo.repo_id,
                    hint='the plan file was edited or damaged; run "hfeval plan" again',
                )


def matches_plan(files: Sequence[FileChange], remote: Mapping[str, str | None]) -> bool:
    """True when every planned file is at the Hub exactly as planned (deleted ones absent)."""
    for change in files:
        text = remote.get(change.path)
        if change.content is None:
            if text is not None:
                return False
        elif text is None or sha256_text(text) != change.sha256:
            return False
    return True


def moved_outcome(
    reader: HubReader,
    repo_id: str,
    files: Sequence[FileChange],
    ref: str,
    old: str,
    new: str,
    *,
    label: str | None = None,
) -> RepoOutcome:
    """`ref` is at `new` instead of `old`: already applied if `new` holds the plan, else stale."""
    remote = reader.read_files_at(repo_id, new, [f.path for f in files])
    name = label or ref
    if matches_plan(files, remote):
        return RepoOutcome(
            repo_id,
            OutcomeKind.ALREADY_APPLIED,
            f"already applied ({name} {new[:7]} has this content)",
            revision=ref,
        )
    return RepoOutcome(
        repo_id,
        OutcomeKind.STALE,
        f"{name} moved {old[:7]} -> {new[:7]} after the plan was made.",
        revision=ref,
    )


class Preparer:
    """Turns each planned repo into a `Write` or a final outcome, reading the Hub only."""

    def __init__(self, reader: HubReader, messages: MessageRenderer, fingerprint: str) -> None:
        self._reader = reader
        self._messages = messages
        self._fingerprint = fingerprint
        self._identity: Identity | None = None
        self._identity_lock = threading.Lock()

    def prepare(self, repo: RepoPlan) -> Write | RepoOutcome:
        if repo.error is not None:
            return _failed(repo, f"could not be planned: {repo.error}")
        if not repo.has_changes:
            return RepoOutcome(repo.repo_id, OutcomeKind.UNCHANGED, revision=repo.revision)
        if repo.base_commit is None:
            return _failed(repo, "the plan records no base commit for this repo")
        try:
            return self._prepare(repo, repo.base_commit)
        except HfevalError as error:
            return _failed(repo, describe_error(error))

    def identity(self) -> Identity:
        """The token's user, read once; PR lookups filter on it."""
        with self._identity_lock:
            if self._identity is None:
                self._identity = self._reader.whoami()
            return self._identity

    def _prepare(self, repo: RepoPlan, base: str) -> Write | RepoOutcome:
        head = self._reader.head(repo.repo_id, repo.revision)
        if head != base:
            return moved_outcome(self._reader, repo.repo_id, repo.files, repo.revision, base, head)
        if repo.delivery is Delivery.COMMIT:
            return self._write(repo, repo.revision, base)
        if repo.delivery is Delivery.NEW_PR:
            return self._prepare_new_pr(repo, base)
        return self._prepare_pr_update(repo)

    def _prepare_new_pr(self, repo: RepoPlan, base: str) -> Write | RepoOutcome:
        """Another run may have opened hfeval's PR since the plan: never open a second one."""
        ours = [
            pr
            for pr in self._reader.pull_requests(
                repo.repo_id, author=self.identity().name, status="open"
            )
            if PR_MARKER in pr.description
        ]
        for pr in ours:
            if pr.head is not None:
                remote = self._reader.read_files_at(
                    repo.repo_id, pr.head, [f.path for f in repo.files]
                )
                if matches_plan(repo.files, remote):
                    return _pr_has_it(repo, pr.num)
        if ours:
            numbers = ", ".join(f"#{pr.num}" for pr in ours)
            which = (
                f"pull request {numbers} was" if len(ours) == 1 else f"pull requests {numbers} were"
            )
            return _stale(
                repo, f"{which} opened after the plan was made and proposes other content."
            )
        return self._write(repo, repo.revision, base)

    def _prepare_pr_update(self, repo: RepoPlan) -> Write | RepoOutcome:
        if repo.pr_num is None or repo.pr_head is None:
            return _failed(repo, "the plan records no pull request to update")
        found = [
            pr
            for pr in self._reader.pull_requests(
                repo.repo_id, author=self.identity().name, status="all"
            )
            if pr.num == repo.pr_num
        ]
        if not found:
            return _stale(repo, f"pull request #{repo.pr_num} by {self.identity().name} is gone.")
        pr = found[0]
        if pr.status != "open":
            return _stale(repo, f"pull request #{pr.num} is {pr.status} now.")
        if pr.head is None:
            return _failed(repo, f"the Hub lists no head commit for {pr.ref}")
        if pr.head != repo.pr_head:
            outcome = moved_outcome(
                self._reader,
                repo.repo_id,
                repo.files,
                pr.ref,
                repo.pr_head,
                pr.head,
                label=f"PR #{pr.num}",
            )
            if outcome.kind is OutcomeKind.ALREADY_APPLIED:
                return _pr_has_it(repo, pr.num)
            return outcome
        return self._write(repo, pr.ref, repo.pr_head)

    def _write(self, repo: RepoPlan, revision: str, parent: str) -> Write:
        messages = self._messages.render(repo, fingerprint=self._fingerprint)
        opening = repo.delivery is Delivery.NEW_PR
        return Write(
            repo_id=repo.repo_id,
            delivery=repo.delivery,
            revision=revision,
            parent_commit=parent,
            files=repo.files,
            title=messages.pr_title if opening else messages.commit_title,
            description=messages.pr_description if opening else messages.commit_body,
            pr_num=repo.pr_num,
        )


def _pr_has_it(repo: RepoPlan, pr_num: int) -> RepoOutcome:
    return RepoOutcome(
        repo.repo_id,
        OutcomeKind.ALREADY_APPLIED,
        f"PR #{pr_num} already proposes these changes (no-op)",
        revision=f"refs/pr/{pr_num}",
        pr_num=pr_num,
    )


def _stale(repo: RepoPlan, reason: str) -> RepoOutcome:
    return RepoOutcome(repo.repo_id, OutcomeKind.STALE, reason, revision=repo.revision)


def _failed(repo: RepoPlan, reason: str) -> RepoOutcome:
    return RepoOutcome(repo.repo_id, OutcomeKind.FAILED, reason, revision=repo.revision)
