"""The apply report as text: one line (or block) per repo, a footer with the counts, then the URLs.

Pure string building; the CLI decides where each part goes (errors and stale repos to stderr).
"""

from __future__ import annotations

from dataclasses import dataclass

from hfeval.apply.checks import RERUN_HINT
from hfeval.apply.outcome import ApplyReport, OutcomeKind, RepoOutcome
from hfeval.redaction import redact


@dataclass(frozen=True)
class ReportText:
    """`out` for stdout (results, footer, URLs); `err` for stderr (stale repos, failures)."""

    out: str
    err: str


def format_outcome(outcome: RepoOutcome, *, saved_plan: bool = True) -> str | None:
    """The report entry for one repo; None for a repo the plan left unchanged."""
    repo = outcome.repo_id
    kind = outcome.kind
    if kind is OutcomeKind.UNCHANGED:
        return None
    if kind is OutcomeKind.STALE:
        plan = "saved plan" if saved_plan else "plan"
        return (
            f"Error: {plan} is stale for {repo}\n"
            f"  {outcome.detail} Nothing was written to this repo.\n"
            f"  {RERUN_HINT}"
        )
    if kind is OutcomeKind.FAILED:
        return f"Error: apply failed for {repo}\n" + _indent(outcome.detail)
    if outcome.dry_run:
        entry = f"{repo}: {outcome.detail}"
        return entry + ("\n" + _indent(outcome.preview, "    | ") if outcome.preview else "")
    if kind is OutcomeKind.COMMITTED:
        return f"{repo}: committed {(outcome.commit or '')[:7]} to {outcome.revision}"
    if kind is OutcomeKind.PR_OPENED:
        return f"{repo}: opened PR #{outcome.pr_num} {outcome.url or ''}".rstrip()
    if kind is OutcomeKind.PR_UPDATED:
        return f"{repo}: updated PR #{outcome.pr_num} {outcome.url or ''}".rstrip()
    return f"{repo}: {outcome.detail}"


def format_footer(report: ApplyReport) -> str:
    """`Apply complete! Repos: 1 committed, 0 PRs opened, 1 PR updated, 0 stale, 12 unchanged.`"""
    counts = report.counts
    if report.dry_run:
        parts = [
            f"{counts.committed} to commit",
            _count(counts.prs_opened, "PR", "PRs") + " to open",
            _count(counts.prs_updated, "PR", "PRs") + " to update",
        ]
    else:
        parts = [
            f"{counts.committed} committed",
            _count(counts.prs_opened, "PR", "PRs") + " opened",
            _count(counts.prs_updated, "PR", "PRs") + " updated",
        ]
    parts += [f"{counts.stale} stale", f"{counts.unchanged} unchanged"]
    if counts.failed:
        parts.append(f"{counts.failed} failed")
    return f"{_headline(report)} Repos: {', '.join(parts)}."


def format_report(report: ApplyReport, *, saved_plan: bool = True) -> ReportText:
    out: list[str] = []
    err: list[str] = [f"Error: {message}" for message in report.plan_errors]
    for outcome in report.outcomes:
        entry = format_outcome(outcome, saved_plan=saved_plan)
        if entry is None:
            continue
        if outcome.kind in (OutcomeKind.STALE, OutcomeKind.FAILED):
            err.append(entry)
        else:
            out.append(entry)
    out.append(format_footer(report))
    out.extend(report.urls)
    return ReportText(
        out=redact("\n".join(out) + "\n"), err=redact("\n".join(err) + "\n") if err else ""
    )


def _headline(report: ApplyReport) -> str:
    if report.dry_run:
        return "Dry run complete! Nothing was written."
    counts = report.counts
    if counts.failed:
        return f"Apply finished with errors ({_count(counts.failed, 'failure', 'failures')})."
    if counts.stale:
        return f"Apply incomplete: the plan is stale for {_count(counts.stale, 'repo', 'repos')}."
    return "Apply complete!"


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _indent(text: str | None, prefix: str = "  ") -> str:
    lines = (text or "").rstrip("\n").split("\n")
    return "\n".join((prefix + line).rstrip() for line in lines)
