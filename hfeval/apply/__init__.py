"""Carrying out a Plan on the Hub: commits and pull requests, idempotently, with a report.

`apply_plan(plan, hub, publisher)` checks the specs and every repo before writing, then sends
each repo's write through a `Publisher` (`HubPublisher` writes, `DryRunPublisher` only describes).
`PR_MARKER` ends every pull request description hfeval writes; the planner looks for it to find
hfeval's own open pull request on a repo.
"""

from __future__ import annotations

from hfeval.apply.checks import HubReader, check_spec_hashes
from hfeval.apply.messages import MessageContext, MessageRenderer, Messages
from hfeval.apply.outcome import ApplyCounts, ApplyReport, OutcomeKind, RepoOutcome, Write
from hfeval.apply.publish import DryRunPublisher, HubClient, HubPublisher, Publisher
from hfeval.apply.report import ReportText, format_report
from hfeval.apply.run import DEFAULT_PARALLELISM, apply_plan
from hfeval.pr_marker import PR_MARKER

__all__ = [
    "DEFAULT_PARALLELISM",
    "PR_MARKER",
    "ApplyCounts",
    "ApplyReport",
    "DryRunPublisher",
    "HubClient",
    "HubPublisher",
    "HubReader",
    "MessageContext",
    "MessageRenderer",
    "Messages",
    "OutcomeKind",
    "Publisher",
    "RepoOutcome",
    "ReportText",
    "Write",
    "apply_plan",
    "check_spec_hashes",
    "format_report",
]
