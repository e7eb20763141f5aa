"""Did a commit whose answer was lost land? Answered by reading the Hub, never by sending again.

A 5xx or a dropped connection after the `/commit` POST went out leaves two possibilities: the Hub
did the commit and the answer was lost, or it did not. Sending again in the first case would make
a second commit (or, with `create_pr`, a second pull request, which `parent_commit` does not
prevent). So before any resend `hfeval.retrying` asks `landed_commit`:

- a commit to a branch (or to `refs/pr/N`) landed when that ref moved off `parent_commit` and the
  new head holds exactly the files that were sent;
- a new pull request landed when the token's user has an open PR with this very description
  (which carries hfeval's marker and the plan fingerprint) whose head holds the files.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hfeval.hub import CommitResult, Hub


def landed_commit(
    hub: Hub,
    repo_id: str,
    files: Mapping[str, bytes | None],
    *,
    parent_commit: str,
    revision: str,
    create_pr: bool,
    description: str,
) -> CommitResult | None:
    """The result of the commit if the Hub already holds it, else None (safe to send again)."""
    from hfeval.hub import CommitResult

    if create_pr:
        me = hub.whoami().name
        for pr in hub.pull_requests(repo_id, author=me, status="open"):
            if pr.head is None or pr.description.strip() != description.strip():
                continue
            if holds(hub, repo_id, pr.head, files):
                return CommitResult(
                    oid=pr.head,
                    url=f"{hub.endpoint}/{repo_id}/commit/{pr.head}",
                    pr_num=pr.num,
                    pr_url=hub.pr_url(repo_id, pr.num),
                )
        return None
    head = hub.head(repo_id, revision)
    if head == parent_commit or not holds(hub, repo_id, head, files):
        return None
    return CommitResult(
        oid=head, url=f"{hub.endpoint}/{repo_id}/commit/{head}", pr_num=None, pr_url=None
    )


def holds(hub: Hub, repo_id: str, commit: str, files: Mapping[str, bytes | None]) -> bool:
    """True when every file is at `commit` with exactly these bytes (None: absent)."""
    remote = hub.read_files_at(repo_id, commit, sorted(files))
    for path, content in files.items():
        text = remote.get(path)
        if content is None:
            if text is not None:
                return False
        elif text is None or text.encode("utf-8") != content:
            return False
    return True
