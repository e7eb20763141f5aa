"""The terminal view of a plan: Terraform-style sections, a summary line and the save footer.

The plain text is built first; colour (ANSI, only when asked) is applied per line from the line's
meaning, so the symbols read the same with or without it.
"""

from __future__ import annotations

from hfeval.plan import Plan
from hfeval.render.common import (
    INTRO,
    error_lines,
    is_shown,
    redact,
    saved_footer,
    selection_warning,
    summary_line,
)
from hfeval.render.file_diff import file_diff_lines
from hfeval.render.layout import BodyOptions, Line, Style, repo_lines

_RESET = "\x1b[0m"
_ANSI: dict[Style, str] = {
    Style.ADD: "\x1b[32m",
    Style.CHANGE: "\x1b[33m",
    Style.REMOVE: "\x1b[31m",
    Style.CONFLICT: "\x1b[1;35m",
    Style.UNCHANGED: "",
    Style.HEADER: "\x1b[1m",
    Style.COMMENT: "\x1b[2m",
    Style.PENDING: "\x1b[36m",
}
_BOLD = "\x1b[1m"
_RED = "\x1b[1;31m"
_YELLOW = "\x1b[33m"


def render_text(
    plan: Plan,
    *,
    color: bool = False,
    show_unchanged: bool = False,
    verbose: bool = False,
    saved_to: str | None = None,
    show_file_diff: bool = False,
) -> str:
    """The human plan, ending with a newline. `saved_to` adds the "Saved the plan" footer;
    `show_file_diff` adds each written file's unified diff under its repo."""
    paint = _Painter(color)
    out: list[str] = []
    if plan.errors:
        out.append(paint.wrap(summary_line(plan), _RED))
        out += [paint.wrap(line, _RED) for line in error_lines(plan)]
        return redact("\n".join(out) + "\n")
    warning = selection_warning(plan.selection, full=verbose)
    if warning:
        out += [paint.wrap(warning, _YELLOW), ""]
    options = BodyOptions(show_unchanged=show_unchanged, verbose=verbose)
    repos = [r for r in plan.repos if is_shown(r, show_unchanged=show_unchanged or verbose)]
    if plan.summary.has_changes:
        out += [INTRO, ""]
    for repo in sorted(repos, key=lambda r: r.repo_id):
        out += [paint.line(line) for line in repo_lines(repo, options)]
        if show_file_diff and repo.has_changes:
            out += ["", *(f"    {paint.diff(line)}" for line in file_diff_lines(repo))]
        out.append("")
    out.append(paint.wrap(summary_line(plan), _BOLD))
    if saved_to is not None:
        out.append(saved_footer(saved_to))
    return redact("\n".join(out) + "\n")


def line_text(line: Line) -> str:
    """A body line as plain text: indent, symbol, space, text."""
    return f"{' ' * line.indent}{line.symbol} {line.text}"


class _Painter:
    """Adds ANSI codes when colour is on; returns text untouched otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def wrap(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.enabled and code else text

    def diff(self, text: str) -> str:
        if text.startswith(("+++", "---", "@@")):
            return self.wrap(text, _BOLD)
        if text.startswith("+"):
            return self.wrap(text, _ANSI[Style.ADD])
        if text.startswith("-"):
            return self.wrap(text, _ANSI[Style.REMOVE])
        return text

    def line(self, line: Line) -> str:
        plain = line_text(line)
        if not self.enabled or not _ANSI[line.style]:
            return plain
        indent = " " * line.indent
        return f"{indent}{self.wrap(plain[line.indent :], _ANSI[line.style])}"
