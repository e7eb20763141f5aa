"""The plan's data shapes: the frozen `Plan` and its repo, file and metric records, plus what is
derived from them alone (summary counts, failure, exit code, fingerprint).

`json_form.py` writes and reads these records; `hfeval.plan` re-exports both.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from hfeval import __version__
from hfeval.evals.status import EvalStatus
from hfeval.observations import Provenance

FORMAT_VERSION = "1.0"


class Action(StrEnum):
    """Terraform-style actions; JSON renders them as one-element arrays."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    NOOP = "no-op"


class Delivery(StrEnum):
    """How a repo's changes reach the Hub."""

    COMMIT = "commit"  # direct commit to the branch
    NEW_PR = "new-pr"  # open a new pull request
    UPDATE_PR = "update-pr"  # push a commit to hfeval's open pull request
    PR_UP_TO_DATE = "pr-up-to-date"  # hfeval's open pull request already has these changes
    NONE = "none"  # nothing to deliver


@dataclass(frozen=True)
class MetricKey:
    """Identity of one metric in one target file."""

    target: str  # "model-index" | "eval-results"
    model: str  # model-index entry name (eval-results: the repo id)
    task: str  # model-index task.type (eval-results: dataset task_id)
    dataset: str  # model-index dataset.type (eval-results: dataset.id)
    config: str | None
    split: str | None
    metric: str  # metric type (eval-results: the task_id)


@dataclass(frozen=True)
class MetricChange:
    """One metric's planned change (or no-op), with where the desired value came from."""

    key: MetricKey
    action: Action
    file: str
    source: str  # source.name of the result block
    name: str | None  # display name (metric name, or dataset name for eval-results)
    before: float | str | None
    after: float | None
    category: str = "value"  # "value" | "metadata" (only names or links changed)
    provenance: Provenance | None = None
    reason: str | None = None  # display hint, e.g. "pruned_not_in_spec"
    before_name: str | None = None  # the display name on the Hub, for metadata-only changes


@dataclass(frozen=True)
class Conflict:
    """The Hub already has this metric, with another value, in a block hfeval does not manage."""

    key: MetricKey
    hub_value: float | str
    hub_source: str
    spec_value: float
    provenance: Provenance | None


@dataclass(frozen=True)
class Finding:
    """Something the plan found about the values themselves, shown beside them.

    kind "disagreement": two sources of one spec give one benchmark values further apart than
    the scale's tolerance (a warning; `plan --fail-on-disagreement` makes it fail).
    kind "out_of_range": a value that cannot be a score on its benchmark's scale; it is not
    published and the plan fails.
    """

    kind: str  # "disagreement" | "out_of_range"
    severity: str  # "warning" | "error"
    benchmark: str
    message: str
    values: tuple[tuple[str, float, str], ...] = ()  # (source, value, provenance description)


@dataclass(frozen=True)
class FileChange:
    """A file hfeval will write (content and its sha256) or delete (content None).

    `before` is the file's text at the base commit (None when it did not exist); it is only used
    to show the change as a unified diff (`--show-file-diff`).
    """

    path: str
    action: Action
    content: str | None
    sha256: str | None
    before: str | None = None

    @staticmethod
    def write(path: str, content: str, action: Action, before: str | None = None) -> FileChange:
        return FileChange(path, action, content, sha256_text(content), before)


@dataclass(frozen=True)
class RepoPlan:
    """Everything planned for one repo. `error` set means the repo could not be planned."""

    repo_id: str
    spec_path: str
    model_name: str
    mode: str  # "commit" | "pr" (auto already resolved)
    revision: str = "main"
    base_commit: str | None = None
    delivery: Delivery = Delivery.NONE
    pr_num: int | None = None
    pr_head: str | None = None
    files: tuple[FileChange, ...] = ()
    metrics: tuple[MetricChange, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    unmanaged: tuple[tuple[str, int], ...] = ()  # (source name, result blocks kept)
    notes: tuple[str, ...] = ()
    error: str | None = None
    findings: tuple[Finding, ...] = ()
    evaluations: tuple[EvalStatus, ...] = ()  # inspect runs: pending ones are not published

    @property
    def unpublished_evaluations(self) -> tuple[EvalStatus, ...]:
        """Runs whose result this plan does not publish (pending, running, failed, partial)."""
        return tuple(e for e in self.evaluations if not e.published)

    @property
    def changed_metrics(self) -> tuple[MetricChange, ...]:
        return tuple(m for m in self.metrics if m.action is not Action.NOOP)

    @property
    def has_changes(self) -> bool:
        """True when applying would write something (a commit or a PR update)."""
        return self.error is None and self.delivery in (
            Delivery.COMMIT,
            Delivery.NEW_PR,
            Delivery.UPDATE_PR,
        )

    @property
    def action(self) -> Action:
        """Repos are only ever updated: hfeval never creates or deletes a repo."""
        return Action.UPDATE if self.has_changes else Action.NOOP


@dataclass(frozen=True)
class Selection:
    """Which specs were planned when `--select`/`--exclude` were given."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    selected: int = 0
    excluded: tuple[str, ...] = ()  # spec paths left out

    @property
    def active(self) -> bool:
        return bool(self.include or self.exclude)


@dataclass(frozen=True)
class PlanError:
    """An error that stopped part of the plan (a spec, a source or a repo)."""

    message: str
    file: str | None = None
    line: int | None = None
    repo: str | None = None


@dataclass(frozen=True)
class Summary:
    """The numbers every view prints; computed once from the plan."""

    repos_update: int
    repos_unchanged: int
    repos_failed: int
    metrics_add: int
    metrics_change: int
    metrics_remove: int
    metadata_only: int
    conflicts: int
    evaluations_pending: int = 0  # known after `hfeval eval` (pending or running)
    evaluations_withheld: int = 0  # finished but not published (failed, partial)

    @property
    def has_changes(self) -> bool:
        return self.repos_update > 0


@dataclass(frozen=True)
class Plan:
    """The whole plan. Repos are sorted by id; `spec_hashes` lets apply detect edited specs."""

    repos: tuple[RepoPlan, ...]
    selection: Selection = Selection()
    errors: tuple[PlanError, ...] = ()
    spec_hashes: Mapping[str, str] = field(default_factory=dict)
    endpoint: str | None = None
    hfeval_version: str = __version__
    format_version: str = FORMAT_VERSION

    @property
    def summary(self) -> Summary:
        planned = [r for r in self.repos if r.error is None]
        changed = [m for r in planned if r.has_changes for m in r.changed_metrics]
        value_changes = [m for m in changed if m.category == "value"]
        unpublished = [e for r in planned for e in r.unpublished_evaluations]
        return Summary(
            repos_update=sum(1 for r in planned if r.has_changes),
            repos_unchanged=sum(1 for r in planned if not r.has_changes),
            repos_failed=len(self.repos) - len(planned),
            metrics_add=sum(1 for m in value_changes if m.action is Action.CREATE),
            metrics_change=sum(1 for m in value_changes if m.action is Action.UPDATE),
            metrics_remove=sum(1 for m in value_changes if m.action is Action.DELETE),
            metadata_only=sum(1 for m in changed if m.category == "metadata"),
            conflicts=sum(len(r.conflicts) for r in planned),
            evaluations_pending=sum(1 for e in unpublished if e.known_after_eval),
            evaluations_withheld=sum(1 for e in unpublished if not e.known_after_eval),
        )

    @property
    def failed(self) -> bool:
        return (
            bool(self.errors)
            or any(r.error is not None for r in self.repos)
            or any(f.severity == "error" for r in self.repos for f in r.findings)
        )

    @property
    def disagreements(self) -> tuple[Finding, ...]:
        return tuple(f for r in self.repos for f in r.findings if f.kind == "disagreement")

    def exit_code(self, *, detailed: bool) -> int:
        """0 no changes (or any success without detailed), 1 error, 2 changes (detailed only)."""
        if self.failed:
            return 1
        if detailed and self.summary.has_changes:
            return 2
        return 0

    @property
    def fingerprint(self) -> str:
        """sha256 over the canonical JSON of what would be written, base commits included."""
        body = {
            "repos": [
                {
                    "repo": r.repo_id,
                    "base": r.base_commit,
                    "delivery": r.delivery.value,
                    "pr": r.pr_num,
                    "files": [[f.path, f.action.value, f.sha256] for f in r.files],
                }
                for r in sorted(self.repos, key=lambda repo: repo.repo_id)
                if r.has_changes
            ]
        }
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
