"""The Plan: a frozen, serialisable record of what hfeval would change, and its derived numbers.

Every view (text, markdown, JSON, the saved plan file, the exit code, the apply report) is a
function of one `Plan`; nothing re-derives counts from rendered text. This module owns the data
shapes, the summary, the fingerprint and the JSON round trip; `diff.py` builds repo plans and
`render/` draws them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hfeval import __version__
from hfeval.errors import PlanFileError
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


# -- JSON round trip ---------------------------------------------------------------------------


def plan_to_dict(plan: Plan, *, include_contents: bool = True) -> dict[str, Any]:
    """The plan's JSON form (`--json` and the saved plan file share it).

    `include_contents` adds the new file contents apply needs; `--json` on stdout leaves them out.
    """
    summary = plan.summary
    return {
        "format_version": plan.format_version,
        "hfeval_version": plan.hfeval_version,
        "fingerprint": plan.fingerprint,
        "endpoint": plan.endpoint,
        "selection": {
            "include": list(plan.selection.include),
            "exclude": list(plan.selection.exclude),
            "selected": plan.selection.selected,
            "excluded": list(plan.selection.excluded),
        },
        "spec_hashes": dict(sorted(plan.spec_hashes.items())),
        "changes": [_repo_to_dict(r, include_contents) for r in plan.repos],
        "errors": [_drop_none(vars(e)) for e in plan.errors],
        "summary": {
            "repos": {
                "update": summary.repos_update,
                "unchanged": summary.repos_unchanged,
                "failed": summary.repos_failed,
            },
            "metrics": {
                "add": summary.metrics_add,
                "change": summary.metrics_change,
                "remove": summary.metrics_remove,
                "metadata_only": summary.metadata_only,
            },
            "conflicts": summary.conflicts,
            **(
                {
                    "evaluations": {
                        "pending": summary.evaluations_pending,
                        "not_published": summary.evaluations_withheld,
                    }
                }
                if any(r.evaluations for r in plan.repos)
                else {}
            ),
        },
    }


def plan_from_dict(data: Mapping[str, Any]) -> Plan:
    """Rebuild a Plan from its JSON form; refuses another major format version."""
    version = str(data.get("format_version", ""))
    major = FORMAT_VERSION.split(".")[0]
    if version.split(".")[0] != major:
        raise PlanFileError(
            f"plan format_version {version or '(missing)'} is not supported "
            f"(this hfeval reads {major}.x)",
            hint='run "hfeval plan" again with this version of hfeval',
        )
    try:
        selection = data.get("selection") or {}
        return Plan(
            repos=tuple(_repo_from_dict(r) for r in data["changes"]),
            selection=Selection(
                include=tuple(selection.get("include", ())),
                exclude=tuple(selection.get("exclude", ())),
                selected=int(selection.get("selected", 0)),
                excluded=tuple(selection.get("excluded", ())),
            ),
            errors=tuple(PlanError(**e) for e in data.get("errors", ())),
            spec_hashes=dict(data.get("spec_hashes", {})),
            endpoint=data.get("endpoint"),
            hfeval_version=str(data.get("hfeval_version", __version__)),
            format_version=version,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise PlanFileError(f"the plan file is corrupt ({error!r})") from error


def _repo_to_dict(repo: RepoPlan, include_contents: bool) -> dict[str, Any]:
    return {
        "repo": repo.repo_id,
        "spec": repo.spec_path,
        "model_name": repo.model_name,
        "actions": [repo.action.value],
        "mode": repo.mode,
        "revision": repo.revision,
        "base_revision": repo.base_commit,
        "delivery": {"kind": repo.delivery.value, "pr": repo.pr_num, "pr_head": repo.pr_head},
        "files": [
            {
                "path": f.path,
                "actions": [f.action.value],
                "sha256": f.sha256,
                **({"content": f.content, "before": f.before} if include_contents else {}),
            }
            for f in repo.files
        ],
        "metrics": [_metric_to_dict(m) for m in repo.metrics],
        "conflicts": [
            {
                "key": vars(c.key),
                "hub_value": c.hub_value,
                "hub_source": c.hub_source,
                "spec_value": c.spec_value,
                "provenance": _provenance_to_dict(c.provenance),
            }
            for c in repo.conflicts
        ],
        "unmanaged": [{"source": s, "results": n} for s, n in repo.unmanaged],
        "notes": list(repo.notes),
        "findings": [_finding_to_dict(f) for f in repo.findings],
        "error": repo.error,
        **({"evaluations": [e.to_dict() for e in repo.evaluations]} if repo.evaluations else {}),
    }


def _finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "severity": finding.severity,
        "benchmark": finding.benchmark,
        "message": finding.message,
        "values": [
            {"source": source, "value": value, "provenance": where}
            for source, value, where in finding.values
        ],
    }


def _finding_from_dict(data: Mapping[str, Any]) -> Finding:
    return Finding(
        kind=data["kind"],
        severity=data["severity"],
        benchmark=data["benchmark"],
        message=data["message"],
        values=tuple((v["source"], v["value"], v["provenance"]) for v in data.get("values", ())),
    )


def _metric_to_dict(metric: MetricChange) -> dict[str, Any]:
    return {
        "key": vars(metric.key),
        "actions": [metric.action.value],
        "category": metric.category,
        "file": metric.file,
        "source": metric.source,
        "name": metric.name,
        "before": metric.before,
        "after": metric.after,
        "provenance": _provenance_to_dict(metric.provenance),
        "action_reason": metric.reason,
        "before_name": metric.before_name,
    }


def _provenance_to_dict(provenance: Provenance | None) -> dict[str, Any] | None:
    if provenance is None:
        return None
    return {
        "kind": provenance.kind,
        "description": provenance.description,
        "url": provenance.url,
        "details": dict(provenance.details),
    }


def _provenance_from_dict(data: Mapping[str, Any] | None) -> Provenance | None:
    if data is None:
        return None
    return Provenance(
        kind=data["kind"],
        description=data["description"],
        url=data.get("url"),
        details=dict(data.get("details") or {}),
    )


def _repo_from_dict(data: Mapping[str, Any]) -> RepoPlan:
    delivery = data.get("delivery") or {}
    return RepoPlan(
        repo_id=data["repo"],
        spec_path=data["spec"],
        model_name=data["model_name"],
        mode=data["mode"],
        revision=data.get("revision", "main"),
        base_commit=data.get("base_revision"),
        delivery=Delivery(delivery.get("kind", "none")),
        pr_num=delivery.get("pr"),
        pr_head=delivery.get("pr_head"),
        files=tuple(
            FileChange(
                f["path"],
                Action(f["actions"][0]),
                f.get("content"),
                f.get("sha256"),
                f.get("before"),
            )
            for f in data.get("files", ())
        ),
        metrics=tuple(
            MetricChange(
                key=MetricKey(**m["key"]),
                action=Action(m["actions"][0]),
                file=m["file"],
                source=m["source"],
                name=m.get("name"),
                before=m.get("before"),
                after=m.get("after"),
                category=m.get("category", "value"),
                provenance=_provenance_from_dict(m.get("provenance")),
                reason=m.get("action_reason"),
                before_name=m.get("before_name"),
            )
            for m in data.get("metrics", ())
        ),
        conflicts=tuple(
            Conflict(
                key=MetricKey(**c["key"]),
                hub_value=c["hub_value"],
                hub_source=c["hub_source"],
                spec_value=c["spec_value"],
                provenance=_provenance_from_dict(c.get("provenance")),
            )
            for c in data.get("conflicts", ())
        ),
        unmanaged=tuple((u["source"], int(u["results"])) for u in data.get("unmanaged", ())),
        notes=tuple(data.get("notes", ())),
        error=data.get("error"),
        findings=tuple(_finding_from_dict(f) for f in data.get("findings", ())),
        evaluations=tuple(EvalStatus.from_dict(e) for e in data.get("evaluations", ())),
    )


def _drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def repo_to_dict(repo: RepoPlan) -> dict[str, Any]:
    """One repo's plan as the plan file stores it, file contents included."""
    return _repo_to_dict(repo, include_contents=True)


def repo_from_dict(data: Mapping[str, Any]) -> RepoPlan:
    """The inverse of `repo_to_dict`."""
    return _repo_from_dict(data)
