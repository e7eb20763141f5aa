"""Refuse an apply the token cannot carry out before anything is sent to any repo.

A read-only token (or a fine-grained one without write scope on a repo) would otherwise fail
repo by repo with 403s, possibly after other repos were written. whoami tells up front.
"""

from __future__ import annotations

from hfeval.errors import HubError
from hfeval.hub import Identity
from hfeval.plan import Delivery, Plan

TOKEN_HINT = (
    "use a token with write access (https://huggingface.co/settings/tokens), or a fine-grained "
    "one with repo.write (direct commits) or discussion.write (pull requests) on these repos"
)


def check_write_access(plan: Plan, identity: Identity) -> None:
    """Raise `HubError` naming every repo of `plan` the token may not write to."""
    refusals = []
    for repo in plan.repos:
        if repo.error is not None or not repo.has_changes:
            continue
        pull_request = repo.delivery is not Delivery.COMMIT
        reason = identity.access.refusal(repo.repo_id, pull_request=pull_request)
        if reason is not None:
            refusals.append((repo.repo_id, reason))
    if not refusals:
        return
    reasons = sorted({reason for _, reason in refusals})
    repos = ", ".join(repo_id for repo_id, _ in refusals)
    raise HubError(
        f"{'; '.join(reasons)}: nothing was written (would write to {repos})",
        status=403,
        where=f"token of {identity.name or 'an unknown user'}",
        hint=TOKEN_HINT,
    )
