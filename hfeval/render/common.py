"""Wording shared by every plan view: values, counts, repo headers, summary, selection and footer.

Each sentence a person reads in a plan is written here once, so the text, markdown and JSON views
(and the exit code, through `Plan.summary`) can never disagree about what the plan says.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from hfeval.plan import Delivery, Plan, RepoPlan, Selection, Summary
from hfeval.plan_file import DEFAULT_PLAN_PATH
from hfeval.redaction import redact as redact  # re-exported: the renderers mask tokens

INTRO = "hfeval will perform the following actions:"
KNOWN_AFTER_EVAL = "(known after eval)"
PLANNING_FAILED = (
    "Planning failed. hfeval hit an error while building this plan; no plan was saved."
)

# A list longer than this is trimmed to its first and last few items (SQLMesh's habit).
TRIM_AFTER = 10
_TRIM_HEAD = 3
_TRIM_TAIL = 2
# A selection that leaves out this many specs or fewer names them in its warning.
_NAME_EXCLUDED_UP_TO = 3


def format_value(value: float | str | None) -> str:
    """A score as a person wrote it: the shortest repr of a float (68.3, 86.0), strings quoted."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`1 repo`, `2 repos`."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def one_line(text: str) -> str:
    """Error messages may span lines; headers need one."""
    return " ".join(text.split())


def short_sha(sha: str | None) -> str | None:
    return sha[:7] if sha else None


def trim_names(names: Sequence[str], *, full: bool = False) -> str:
    """`a, b, c … and 9 more` past TRIM_AFTER names, unless `full`."""
    if full or len(names) <= TRIM_AFTER:
        return ", ".join(names)
    hidden = len(names) - _TRIM_HEAD - _TRIM_TAIL
    head = ", ".join(names[:_TRIM_HEAD])
    tail = ", ".join(names[-_TRIM_TAIL:])
    return f"{head} … {hidden} more … {tail}"


# -- repo headers ------------------------------------------------------------------------------


def repo_files(repo: RepoPlan) -> list[str]:
    """The files a repo's plan writes, or (for a no-op) the files its metrics live in."""
    paths = [f.path for f in repo.files] or [m.file for m in repo.metrics]
    ordered = sorted(set(paths), key=lambda p: (p != "README.md", p))
    return ordered or ["README.md"]


def base_description(repo: RepoPlan) -> str:
    """`README.md @ main 9f3c2a1`: which files, on which branch, at which commit."""
    where = f"{', '.join(repo_files(repo))} @ {repo.revision}"
    sha = short_sha(repo.base_commit)
    return f"{where} {sha}" if sha else where


def repo_header(repo: RepoPlan) -> str:
    """The one comment line that says what will happen to a repo (the verbs are fixed)."""
    if repo.error is not None:
        return f"{repo.repo_id} could not be planned: {one_line(repo.error)}"
    base = base_description(repo)
    if repo.delivery is Delivery.COMMIT:
        return f"{repo.repo_id} will be updated by direct commit ({base})"
    if repo.delivery is Delivery.NEW_PR:
        return f"{repo.repo_id} will be updated via pull request ({base})"
    if repo.delivery is Delivery.UPDATE_PR:
        return f"{repo.repo_id} will be updated via pull request #{repo.pr_num} ({base})"
    if repo.delivery is Delivery.PR_UP_TO_DATE:
        return f"{repo.repo_id}: open pull request #{repo.pr_num} already has these changes"
    return f"{repo.repo_id}: no changes to apply ({base})"


def delivery_label(repo: RepoPlan) -> str:
    """Short delivery wording for tables."""
    if repo.error is not None:
        return "could not be planned"
    labels = {
        Delivery.COMMIT: "direct commit",
        Delivery.NEW_PR: "new PR",
        Delivery.UPDATE_PR: f"PR #{repo.pr_num} (new commit)",
        Delivery.PR_UP_TO_DATE: f"PR #{repo.pr_num} (up to date)",
        Delivery.NONE: "no changes",
    }
    return labels[repo.delivery]


def is_shown(repo: RepoPlan, *, show_unchanged: bool) -> bool:
    """Repos worth a section: changes, an up-to-date PR, an error, conflicts or findings
    (values out of range, sources that disagree).

    Notes alone do not earn an unchanged repo a section: they repeat on every plan and would
    bury "No changes" (they show with --show-unchanged and -v)."""
    return (
        show_unchanged
        or repo.has_changes
        or repo.error is not None
        or repo.delivery is Delivery.PR_UP_TO_DATE
        or bool(repo.conflicts)
        or bool(repo.findings)
        or bool(repo.unpublished_evaluations)
    )


def unchanged_repo_ids(plan: Plan) -> list[str]:
    """Repos the summary counts as unchanged (planned, nothing to write)."""
    return sorted(r.repo_id for r in plan.repos if r.error is None and not r.has_changes)


# -- selection, summary, footer ----------------------------------------------------------------


def selection_warning(selection: Selection, *, full: bool = False) -> str | None:
    """Says what a selection left out, once at the top; None when every spec was planned."""
    if not selection.active:
        return None
    left_out = len(selection.excluded)
    total = selection.selected + left_out
    text = (
        f"Warning: selection in effect: {selection.selected} of {total} specs planned; "
        f"{left_out} excluded and not checked"
    )
    if 0 < left_out <= _NAME_EXCLUDED_UP_TO or (full and left_out):
        text += f" ({trim_names(sorted(selection.excluded), full=True)})"
    return text + "."


def metric_counts(summary: Summary) -> str:
    """`1 metric to add, 1 to change, 0 to remove` (+ `, 1 metadata-only`)."""
    text = (
        f"{count(summary.metrics_add, 'metric')} to add, {summary.metrics_change} to change, "
        f"{summary.metrics_remove} to remove"
    )
    if summary.metadata_only:
        text += f", {summary.metadata_only} metadata-only"
    return text


def conflicts_text(n: int) -> str:
    return f"{count(n, 'conflict')} left as {'it is' if n == 1 else 'they are'}"


def summary_line(plan: Plan, *, details: str = "above") -> str:
    """The sentence that sums a plan up; its numbers are `plan.summary`'s, nothing else.

    `details` says where the repo sections are relative to this line ("above" in the terminal,
    "below" in markdown, where the summary comes first).
    """
    if plan.errors:
        return PLANNING_FAILED
    summary = plan.summary
    selection = plan.selection
    # "No changes" is said only when the exit code is 0, so a failed repo gets the Plan: form.
    if not summary.has_changes and not summary.repos_failed:
        return _no_changes_line(plan, summary, details) + evaluations_sentence(summary)
    tail = [count(summary.repos_unchanged, "repo") + " unchanged"]
    if summary.conflicts:
        tail.append(conflicts_text(summary.conflicts))
    if summary.repos_failed:
        tail.append(count(summary.repos_failed, "repo") + " failed")
    text = (
        f"Plan: {count(summary.repos_update, 'repo')} to update ({metric_counts(summary)}); "
        f"{', '.join(tail)}."
    )
    if selection.active:
        text += (
            f" Selection: {selection.selected} specs planned, "
            f"{len(selection.excluded)} not checked."
        )
    return text + evaluations_sentence(summary)


def evaluations_sentence(summary: Summary) -> str:
    """` 2 evaluations known after eval (run "hfeval eval").`, or empty when there are none."""
    parts = []
    if summary.evaluations_pending:
        parts.append(
            f"{count(summary.evaluations_pending, 'evaluation')} known after eval "
            '(run "hfeval eval")'
        )
    if summary.evaluations_withheld:
        parts.append(f"{count(summary.evaluations_withheld, 'evaluation')} not published")
    return f" {'; '.join(parts)}." if parts else ""


def _no_changes_line(plan: Plan, summary: Summary, details: str) -> str:
    selection = plan.selection
    checked = len(plan.repos) - summary.repos_failed
    if selection.active:
        scope = (
            f"for the {count(selection.selected, 'selected spec')} "
            f"({len(selection.excluded)} not checked)"
        )
    else:
        scope = ""
    if summary.conflicts:
        lead = f"No changes to apply {scope}." if scope else "No changes to apply."
        return f"{lead} {conflicts_text(summary.conflicts)} (see {details})."
    if scope:
        return f"No changes {scope}."
    return f"No changes. Hub metadata matches the specs ({count(checked, 'repo')} checked)."


def saved_footer(path: str) -> str:
    """How to apply exactly the saved plan."""
    command = "hfeval apply" if path == DEFAULT_PLAN_PATH else f"hfeval apply {path}"
    return f"Saved the plan to {path}. To apply exactly this plan: {command}"


def error_lines(plan: Plan) -> list[str]:
    """Plan-level errors, one line each, with file:line or repo id where known."""
    lines = []
    for error in plan.errors:
        where = error.file
        if where and error.line is not None:
            where = f"{where}:{error.line}"
        where = where or error.repo
        message = one_line(error.message)
        lines.append(f"Error: {where}: {message}" if where else f"Error: {message}")
    return lines
