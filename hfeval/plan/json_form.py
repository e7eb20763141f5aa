"""The plan's JSON form, both ways: `plan_to_dict` (`--json` and the saved plan file share it)
and `plan_from_dict`, which refuses another major format version."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hfeval import __version__
from hfeval.errors import PlanFileError
from hfeval.evals.status import EvalStatus
from hfeval.observations import Provenance
from hfeval.plan.model import (
    FORMAT_VERSION,
    Action,
    Conflict,
    Delivery,
    FileChange,
    Finding,
    MetricChange,
    MetricKey,
    Plan,
    PlanError,
    RepoPlan,
    Selection,
)


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
        "changes": [repo_to_dict(r, include_contents=include_contents) for r in plan.repos],
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
            repos=tuple(repo_from_dict(r) for r in data["changes"]),
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


def repo_to_dict(repo: RepoPlan, *, include_contents: bool = True) -> dict[str, Any]:
    """One repo's plan in the plan file's form (file contents included unless told not to)."""
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


def repo_from_dict(data: Mapping[str, Any]) -> RepoPlan:
    """The inverse of `repo_to_dict`."""
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
