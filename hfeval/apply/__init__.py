"""Carrying out a saved or fresh Plan on the Hub: commits, pull requests, idempotence, report.

`PR_MARKER` ends every pull request description hfeval writes; the planner looks for it to find
hfeval's own open pull request on a repo.
"""

from __future__ import annotations

PR_MARKER = "<!-- hfeval:managed -->"

__all__ = ["PR_MARKER"]
