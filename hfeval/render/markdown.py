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
    redact,
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
        return redact("\n".join(lines) + "\n\n" + marker)
    shown = sorted(
        (r for r in plan.repos if is_shown(r, show_unchanged=False)), key=lambda r: r.repo_id
    )
    rows = [_row(r) for r in shown]
    # Whatever follows the head is at most every section plus the notice that all were cut.
    reserve = len(marker) + (len(_cut_notice(shown, max_chars)) if shown else 0)
    head = _head(plan, rows, _rows_that_fit(plan, rows, max_chars - reserve))
    sections = _sections_that_fit(shown, max_chars - len(head) - len(marker), max_chars)
    cut = shown[len(sections) :]
    notice = _cut_notice(cut, max_chars) if cut else ""
    return redact(head + "".join(sections) + notice + marker)


def _rows_that_fit(plan: Plan, rows: list[str], budget: int) -> int:
    """How many table rows the head can hold within `budget` (all of them, normally)."""
    if len(_head(plan, rows, len(rows))) <= budget:
        return len(rows)
    # With no row kept, the "… and N more" row has its longest N: an upper bound on its size.
    used = len(_head(plan, rows, 0))
    kept = 0
    for row in rows:
        used += len(row) + 1
        if used > budget:
            break
        kept += 1
    return kept


def _sections_that_fit(repos: list[RepoPlan], budget: int, max_chars: int) -> list[str]:
    """The leading repo sections that fit in `budget` with the notice about the rest."""
    kept: list[str] = []
    best = 0
    used = 0
    for index, repo in enumerate(repos):
        rest = repos[index:]
        if used + len(_cut_notice(rest, max_chars)) <= budget:
            best = index
        section = _section(repo)
        used += len(section)
        if used > budget:
            return kept[:best]
        kept.append(section)
    return kept


def _head(plan: Plan, rows: list[str], shown_rows: int) -> str:
    """Title, selection warning, summary line, `shown_rows` table rows, unchanged repos."""
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
    if rows:
        lines += ["| repo | delivery | metrics |", "|---|---|---|", *rows[:shown_rows]]
        if shown_rows < len(rows):
            lines.append(_more_row(len(rows) - shown_rows))
        lines.append("")
    unchanged = unchanged_repo_ids(plan)
    if unchanged:
        names = _inline(trim_names(unchanged))
        lines += [f"{count(len(unchanged), 'repo')} unchanged: {names}", ""]
    return "\n".join(lines) + "\n"


def _more_row(hidden: int) -> str:
    return f"| … and {count(hidden, 'more repo')} | | |"


def _row(repo: RepoPlan) -> str:
    return f"| {_inline(repo.repo_id)} | {_inline(delivery_label(repo))} | {_counts(repo)} |"


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
