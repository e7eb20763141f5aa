"""What an apply decided or did: the write it sends, each repo's outcome and the whole report.

These frozen values pass between the checks, the publishers and the report text; the exit code and
the footer counts are properties of `ApplyReport`, computed once here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from hfeval.errors import HfevalError
from hfeval.plan import Delivery, FileChange
from hfeval.redaction import redact


class OutcomeKind(StrEnum):
    """How one repo ended up."""

    COMMITTED = "committed"
    PR_OPENED = "pr-opened"
    PR_UPDATED = "pr-updated"
    UNCHANGED = "unchanged"  # the plan had nothing to write here
    ALREADY_APPLIED = "already-applied"  # the Hub already holds the planned content
    STALE = "stale"  # the repo moved after the plan was made; nothing was written
    FAILED = "failed"


WRITTEN = frozenset({OutcomeKind.COMMITTED, OutcomeKind.PR_OPENED, OutcomeKind.PR_UPDATED})


@dataclass(frozen=True)
class Write:
    """One commit hfeval is about to send, fully decided: target, parent, files and message.

    `revision` is where the commit goes (`main`, or `refs/pr/N` for an update); a NEW_PR write
    opens a pull request against `revision`.
    """

    repo_id: str
    delivery: Delivery
    revision: str
    parent_commit: str
    files: tuple[FileChange, ...]
    title: str
    description: str
    pr_num: int | None = None

    @property
    def create_pr(self) -> bool:
        return self.delivery is Delivery.NEW_PR

    def payload(self) -> dict[str, bytes | None]:
        """The file map `Hub.commit` takes: UTF-8 bytes, or None to delete."""
        return {
            f.path: None if f.content is None else f.content.encode("utf-8") for f in self.files
        }


@dataclass(frozen=True)
class RepoOutcome:
    """One repo's result. `detail` is the human explanation (stale or failure reason, no-op note).

    A dry run reports the outcome the write would have had, with `dry_run` set and `preview`
    holding the message that would have been sent.
    """

    repo_id: str
    kind: OutcomeKind
    detail: str = ""
    url: str | None = None
    commit: str | None = None
    revision: str = "main"
    pr_num: int | None = None
    dry_run: bool = False
    preview: str | None = None


@dataclass(frozen=True)
class ApplyCounts:
    """The footer's numbers; `unchanged` includes repos that were already applied."""

    committed: int
    prs_opened: int
    prs_updated: int
    stale: int
    unchanged: int
    failed: int


@dataclass(frozen=True)
class ApplyReport:
    """Every repo's outcome (sorted by repo id) plus the plan's own errors."""

    outcomes: tuple[RepoOutcome, ...]
    plan_errors: tuple[str, ...] = ()
    dry_run: bool = False

    @staticmethod
    def build(
        outcomes: Sequence[RepoOutcome], plan_errors: Sequence[str] = (), *, dry_run: bool = False
    ) -> ApplyReport:
        ordered = tuple(sorted(outcomes, key=lambda o: o.repo_id))
        return ApplyReport(ordered, tuple(plan_errors), dry_run)

    def count(self, kind: OutcomeKind) -> int:
        return sum(1 for o in self.outcomes if o.kind is kind)

    @property
    def counts(self) -> ApplyCounts:
        return ApplyCounts(
            committed=self.count(OutcomeKind.COMMITTED),
            prs_opened=self.count(OutcomeKind.PR_OPENED),
            prs_updated=self.count(OutcomeKind.PR_UPDATED),
            stale=self.count(OutcomeKind.STALE),
            unchanged=self.count(OutcomeKind.UNCHANGED) + self.count(OutcomeKind.ALREADY_APPLIED),
            failed=self.count(OutcomeKind.FAILED) + len(self.plan_errors),
        )

    @property
    def exit_code(self) -> int:
        """1 when anything failed, else 3 when any repo was stale, else 0."""
        counts = self.counts
        if counts.failed:
            return 1
        if counts.stale:
            return 3
        return 0

    @property
    def urls(self) -> tuple[str, ...]:
        """Commit and pull request URLs of what was written, in repo order."""
        return tuple(o.url for o in self.outcomes if o.kind in WRITTEN and o.url and not o.dry_run)


def describe_error(error: HfevalError) -> str:
    """The error's message and hint, without the repo id the report already shows."""
    return redact(f"{error.message}\n{error.hint}" if error.hint else error.message)
