"""The markdown view of a plan, for PR comments and CI summaries, within a hard size budget.

Layout: a heading, the summary line, one table row per repo worth reading, the unchanged repos on
one trimmed line, then one collapsed `<details>` section per repo holding its body as a ```diff
block, and a hidden marker carrying the fingerprint so CI can find and edit its own comment. When
the whole does not fit in `max_chars`, whole repo sections are cut from the end and the text says
which ones and where the full plan is.
"""

from __future__ import annotations

import html
import re

from hfeval.plan import Action, Plan, RepoPlan
from hfeval.render.common import (
    count,
    delivery_label,
    error_lines,
    is_shown,
    selection_warning,
    summary_line,
    trim_names,
    unchanged_repo_ids,
)
from hfeval.render.layout import BodyOptions, Line, Style, repo_lines

DEFAULT_MAX_CHARS = 60_000
FULL_PLAN_HINT = "`hfeval show .hfeval/plan.json` or the CI artefact"


def render_markdown(plan: Plan, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Markdown no longer than `max_chars` (unless even the summary table alone is longer)."""
    marker = (
        f"<!-- hfeval:plan fingerprint={plan.fingerprint} "
        f"format_version={plan.format_version} -->\n"
    )
    if plan.errors:
        lines = ["### hfeval plan: failed", "", summary_line(plan), ""]
        lines += [f"- {_inline(line)}" for line in error_lines(plan)]
        return "\n".join(lines) + "\n\n" + marker
    shown = sorted(
        (r for r in plan.repos if is_shown(r, show_unchanged=False)), key=lambda r: r.repo_id
    )
    head = _head(plan, shown)
    sections = [_section(r) for r in shown]
    budget = max_chars - len(head) - len(marker)
    keep = _sections_that_fit(sections, shown, budget, max_chars)
    notice = _cut_notice(shown[keep:], max_chars) if keep < len(shown) else ""
    return head + "".join(sections[:keep]) + notice + marker


def _sections_that_fit(
    sections: list[str], repos: list[RepoPlan], budget: int, max_chars: int
) -> int:
    """How many leading sections fit in `budget` together with the notice about the rest."""
    best = 0
    used = 0
    for kept in range(len(sections) + 1):
        if kept:
            used += len(sections[kept - 1])
        notice = _cut_notice(repos[kept:], max_chars) if kept < len(repos) else ""
        if used > budget:
            break
        if used + len(notice) <= budget:
            best = kept
    return best


def _head(plan: Plan, shown: list[RepoPlan]) -> str:
    summary = plan.summary
    if summary.has_changes or summary.repos_failed:
        title = (
            f"### hfeval plan: {count(summary.repos_update, 'repo')} to update, "
            f"{summary.repos_unchanged} unchanged"
        )
    else:
        title = "### hfeval plan: no changes"
    if summary.repos_failed:
        title += f", {summary.repos_failed} failed"
    lines = [title, ""]
    warning = selection_warning(plan.selection)
    if warning:
        lines += [f"> {_inline(warning)}", ""]
    lines += [_inline(summary_line(plan, details="below")), ""]
    if shown:
        lines += ["| repo | delivery | metrics |", "|---|---|---|"]
        lines += [
            f"| {_inline(r.repo_id)} | {_inline(delivery_label(r))} | {_counts(r)} |" for r in shown
        ]
        lines.append("")
    unchanged = unchanged_repo_ids(plan)
    if unchanged:
        names = _inline(trim_names(unchanged))
        lines += [f"{count(len(unchanged), 'repo')} unchanged: {names}", ""]
    return "\n".join(lines) + "\n"


def _section(repo: RepoPlan) -> str:
    body = repo_lines(repo, BodyOptions())
    diff = "\n".join(_diff_line(line) for line in body)
    fence = "`" * max(3, _longest_backtick_run(diff) + 1)
    summary = html.escape(f"{repo.repo_id}: {_counts(repo) if repo.error is None else 'failed'}")
    return f"<details><summary>{summary}</summary>\n\n{fence}diff\n{diff}\n{fence}\n</details>\n\n"


def _diff_line(line: Line) -> str:
    """Symbol in the first column so GitHub colours `+`/`-`; comments stay neutral."""
    indent = " " * max(0, line.indent - 2)
    if line.style in (Style.HEADER, Style.COMMENT, Style.UNCHANGED):
        return f"  {indent}{line.symbol} {line.text}".rstrip()
    return f"{line.symbol} {indent}{line.text}"


def _counts(repo: RepoPlan) -> str:
    """`+1 ~1 -0` (and `!1` for conflicts): the repo's changed metrics by action."""
    if repo.error is not None:
        return "—"
    changed = repo.changed_metrics
    adds = sum(1 for m in changed if m.action is Action.CREATE)
    updates = sum(1 for m in changed if m.action is Action.UPDATE)
    removes = sum(1 for m in changed if m.action is Action.DELETE)
    text = f"+{adds} ~{updates} -{removes}"
    if repo.conflicts:
        text += f" !{len(repo.conflicts)}"
    return text


def _cut_notice(cut: list[RepoPlan], max_chars: int) -> str:
    names = _inline(trim_names([r.repo_id for r in cut]))
    return (
        f"_{count(len(cut), 'repo section')} cut to keep this comment under "
        f"{max_chars:,} characters: {names}. The full plan: {FULL_PLAN_HINT}._\n\n"
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _inline(text: str) -> str:
    """Text that markdown must not reinterpret (repo ids and sources are user data)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)
