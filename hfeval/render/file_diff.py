"""Unified diffs of the files a repo plan writes: what a reviewer of the Hub commit will see."""

from __future__ import annotations

import difflib

from hfeval.plan import RepoPlan


def file_diff_lines(repo: RepoPlan) -> list[str]:
    """`--- a/README.md` / `+++ b/README.md` hunks for every file the plan writes or deletes.

    Only the changed hunks appear (three lines of context), so a README diff shows the front
    matter and never the untouched body. A plan read back from `--json` output has no contents;
    its files are named with a note instead.
    """
    lines: list[str] = []
    for change in repo.files:
        if change.content is None and change.before is None:
            lines.append(f"(no contents recorded for {change.path}; use the saved plan file)")
            continue
        lines.extend(
            line.rstrip("\r\n")
            for line in difflib.unified_diff(
                (change.before or "").splitlines(keepends=True),
                (change.content or "").splitlines(keepends=True),
                fromfile=f"a/{change.path}" if change.before is not None else "/dev/null",
                tofile=f"b/{change.path}" if change.content is not None else "/dev/null",
            )
        )
    return lines
