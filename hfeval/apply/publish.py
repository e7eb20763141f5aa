"""Publishers: what becomes of a decided `Write`. One sends it to the Hub, the other describes it.

Both implement `Publisher.publish(write) -> RepoOutcome`, so `--dry-run` walks exactly the same
checks and decisions as a real apply and differs only here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from hfeval.apply.checks import HubReader, moved_outcome
from hfeval.apply.outcome import OutcomeKind, RepoOutcome, Write, describe_error
from hfeval.crashpoints import crash_point
from hfeval.errors import HubError
from hfeval.hub import CommitResult
from hfeval.plan import Delivery

_PRECONDITION_FAILED = 412

_WRITE_KIND = {
    Delivery.COMMIT: OutcomeKind.COMMITTED,
    Delivery.NEW_PR: OutcomeKind.PR_OPENED,
    Delivery.UPDATE_PR: OutcomeKind.PR_UPDATED,
}


class Publisher(Protocol):
    """Carries out one decided write and says how it ended."""

    dry_run: bool

    def publish(self, write: Write) -> RepoOutcome: ...


class HubClient(HubReader, Protocol):
    """The reads and the one write a HubPublisher needs; `hfeval.hub.Hub` provides them."""

    def commit(
        self,
        repo_id: str,
        files: Mapping[str, bytes | None],
        *,
        message: str,
        description: str,
        parent_commit: str,
        revision: str | None = None,
        create_pr: bool = False,
    ) -> CommitResult: ...


class HubPublisher:
    """Sends writes to the Hub; `parent_commit` on every commit makes a lost race a 412."""

    dry_run = False

    def __init__(self, hub: HubClient) -> None:
        self._hub = hub

    def publish(self, write: Write) -> RepoOutcome:
        crash_point("apply-before-commit")
        try:
            result = self._hub.commit(
                write.repo_id,
                write.payload(),
                message=write.title,
                description=write.description,
                parent_commit=write.parent_commit,
                revision=write.revision,
                create_pr=write.create_pr,
            )
        except HubError as error:
            if error.status == _PRECONDITION_FAILED and not write.create_pr:
                return self._after_conflict(write)
            server_side = error.status is None or error.status >= 500
            return _failed(write, error, may_have_landed=server_side)
        crash_point("apply-after-commit")
        return self._interpret(write, result)

    def _interpret(self, write: Write, result: CommitResult) -> RepoOutcome:
        """Map the Hub's answer to an outcome; a no-op commit comes back as the parent itself."""
        if write.create_pr:
            if result.pr_num is None:
                return RepoOutcome(
                    write.repo_id,
                    OutcomeKind.ALREADY_APPLIED,
                    f"already applied ({write.revision} {write.parent_commit[:7]} has this "
                    "content; no pull request was opened)",
                    revision=write.revision,
                )
            return RepoOutcome(
                write.repo_id,
                OutcomeKind.PR_OPENED,
                url=result.pr_url or self._hub.pr_url(write.repo_id, result.pr_num),
                commit=result.oid,
                revision=f"refs/pr/{result.pr_num}",
                pr_num=result.pr_num,
            )
        if result.oid == write.parent_commit:
            detail = (
                f"PR #{write.pr_num} already proposes these changes (no-op)"
                if write.pr_num is not None
                else f"already applied ({write.revision} {result.oid[:7]} has this content)"
            )
            return RepoOutcome(
                write.repo_id,
                OutcomeKind.ALREADY_APPLIED,
                detail,
                revision=write.revision,
                pr_num=write.pr_num,
            )
        if write.delivery is Delivery.UPDATE_PR and write.pr_num is not None:
            return RepoOutcome(
                write.repo_id,
                OutcomeKind.PR_UPDATED,
                url=self._hub.pr_url(write.repo_id, write.pr_num),
                commit=result.oid,
                revision=write.revision,
                pr_num=write.pr_num,
            )
        return RepoOutcome(
            write.repo_id,
            OutcomeKind.COMMITTED,
            url=result.url,
            commit=result.oid,
            revision=write.revision,
        )

    def _after_conflict(self, write: Write) -> RepoOutcome:
        """Someone wrote between our check and our commit: see whether it was this very plan."""
        label = f"PR #{write.pr_num}" if write.delivery is Delivery.UPDATE_PR else None
        try:
            head = self._hub.head(write.repo_id, write.revision)
            outcome = moved_outcome(
                self._hub,
                write.repo_id,
                write.files,
                write.revision,
                write.parent_commit,
                head,
                label=label,
            )
        except HubError:
            return RepoOutcome(
                write.repo_id,
                OutcomeKind.STALE,
                f"{label or write.revision} moved after the plan was made "
                "(the Hub refused the commit with 412).",
                revision=write.revision,
            )
        if outcome.kind is OutcomeKind.ALREADY_APPLIED and write.pr_num is not None:
            return RepoOutcome(
                write.repo_id,
                OutcomeKind.ALREADY_APPLIED,
                f"PR #{write.pr_num} already proposes these changes (no-op)",
                revision=write.revision,
                pr_num=write.pr_num,
            )
        return outcome


class DryRunPublisher:
    """Describes each write instead of sending it; the outcome is the one the write would have."""

    dry_run = True

    def publish(self, write: Write) -> RepoOutcome:
        return RepoOutcome(
            write.repo_id,
            _WRITE_KIND[write.delivery],
            describe_write(write),
            revision=write.revision,
            pr_num=write.pr_num,
            dry_run=True,
            preview=f"{write.title}\n\n{write.description}",
        )


def describe_write(write: Write) -> str:
    """`commit to main, parent 9f3c2a1, 1 file (README.md), title "…"`."""
    if write.delivery is Delivery.NEW_PR:
        target = f"pull request against {write.revision}"
    elif write.pr_num is not None:
        target = f"commit to {write.revision} (PR #{write.pr_num})"
    else:
        target = f"commit to {write.revision}"
    names = ", ".join(f.path if f.content is not None else f"{f.path} deleted" for f in write.files)
    count = len(write.files)
    noun = "file" if count == 1 else "files"
    parent = write.parent_commit[:7]
    return f'{target}, parent {parent}, {count} {noun} ({names}), title "{write.title}"'


def _failed(write: Write, error: HubError, *, may_have_landed: bool) -> RepoOutcome:
    detail = describe_error(error)
    if may_have_landed:
        detail += (
            "\nThe write may have landed anyway; run the same apply again: "
            "it finds what landed and finishes the rest."
        )
    return RepoOutcome(write.repo_id, OutcomeKind.FAILED, detail, revision=write.revision)
