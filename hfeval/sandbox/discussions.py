"""Discussions and pull requests on the sandbox Hub: opening, commenting, status, titles, merging.

Works on `HubStore` state under the store's lock. Pull requests opened here start as drafts whose
`refs/pr/N` points at the base branch head (hub-protocol §4.8); pull requests opened by a commit
with `create_pr=1` come from `HubStore.commit`. Merging follows `history.merge`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from hfeval.sandbox.failures import bad_request, conflict, not_found
from hfeval.sandbox.history import fork_point, merge, record_commit, render_diff
from hfeval.sandbox.records import Discussion, Event, RepoState, timestamp
from hfeval.sandbox.store import HubStore

MIN_TITLE, MAX_TITLE = 3, 200


@dataclass(frozen=True)
class PullRequestView:
    """What the details endpoint adds for a PR: conflicting paths and the diff to its base."""

    files_with_conflicts: tuple[str, ...]
    diff: str


class DiscussionStore:
    """Discussion operations over the repos of one `HubStore`."""

    def __init__(self, store: HubStore) -> None:
        self.store = store

    def get(self, repo_id: str, num: int, *, repo_type: str = "model") -> Discussion:
        with self.store.lock:
            return _discussion(self.store.state(repo_id, repo_type=repo_type), num)

    def open(
        self,
        repo_id: str,
        *,
        title: str,
        description: str,
        pull_request: bool,
        author: str,
        repo_type: str = "model",
    ) -> Discussion:
        title = title.strip()
        if not MIN_TITLE <= len(title) <= MAX_TITLE:
            raise bad_request(f"Title must be between {MIN_TITLE} and {MAX_TITLE} characters")
        with self.store.editing(repo_id, repo_type=repo_type) as state:
            num = state.next_discussion_number()
            events = (state.comment_event(author, description),) if description else ()
            discussion = Discussion(
                num=num,
                title=title,
                author=author,
                created_at=timestamp(),
                is_pull_request=pull_request,
                status="draft" if pull_request else "open",
                events=events,
                target_branch="main" if pull_request else None,
            )
            if pull_request:
                state.pull_refs[num] = state.branches["main"]
            state.discussions[num] = discussion
            return discussion

    def comment(
        self, repo_id: str, num: int, text: str, *, author: str, repo_type: str = "model"
    ) -> Event:
        if not text.strip():
            raise bad_request("Comment must not be empty")
        with self.store.editing(repo_id, repo_type=repo_type) as state:
            _discussion(state, num)
            event = state.comment_event(author, text)
            state.append_events(num, event)
            return event

    def change_status(
        self,
        repo_id: str,
        num: int,
        status: str,
        *,
        author: str,
        comment: str | None = None,
        repo_type: str = "model",
    ) -> Event:
        if status not in ("open", "closed"):
            raise bad_request(f"Invalid status {status!r}: use open or closed")
        with self.store.editing(repo_id, repo_type=repo_type) as state:
            if _discussion(state, num).status == "merged":
                raise bad_request("This pull request is already merged")
            return self._set_status(state, num, status, author, comment)

    def rename(
        self, repo_id: str, num: int, title: str, *, author: str, repo_type: str = "model"
    ) -> Event:
        title = title.strip()
        if not MIN_TITLE <= len(title) <= MAX_TITLE:
            raise bad_request(f"Title must be between {MIN_TITLE} and {MAX_TITLE} characters")
        with self.store.editing(repo_id, repo_type=repo_type) as state:
            old = _discussion(state, num).title
            event = state.new_event("title-change", author, {"from": old, "to": title})
            discussion = state.append_events(num, event)
            state.discussions[num] = replace(discussion, title=title)
            return event

    def edit_comment(
        self,
        repo_id: str,
        num: int,
        comment_id: str,
        *,
        content: str | None = None,
        hide: bool = False,
        repo_type: str = "model",
    ) -> Event:
        """Replace a comment's text (`content`) or hide it; returns the updated comment event."""
        with self.store.editing(repo_id, repo_type=repo_type) as state:
            discussion = _discussion(state, num)
            for index, event in enumerate(discussion.events):
                if event.id == comment_id and event.type == "comment":
                    data = dict(event.data)
                    if content is not None:
                        data.update(edited=True, latest={"raw": content})
                    if hide:
                        # As on the Hub, a hidden comment's text is gone for good.
                        data.update(hidden=True, latest={"raw": ""})
                    updated = replace(event, data=data)
                    events = (*discussion.events[:index], updated, *discussion.events[index + 1 :])
                    state.discussions[num] = replace(discussion, events=events)
                    return updated
            raise not_found(f"Comment {comment_id} not found in discussion #{num}")

    def merge(
        self,
        repo_id: str,
        num: int,
        *,
        author: str,
        comment: str | None = None,
        repo_type: str = "model",
    ) -> Discussion:
        """Merge PR `num` into its base branch and mark it merged (409 on conflicts)."""
        with self.store.editing(repo_id, repo_type=repo_type) as state:
            discussion = _pull_request(state, num)
            if discussion.status != "open":
                raise bad_request(
                    f"Cannot merge a pull request whose status is {discussion.status}"
                )
            branch = str(discussion.target_branch)
            base, head = state.branches[branch], state.pull_refs[num]
            outcome = merge(state, head, base)
            if outcome.conflicts:
                raise conflict(
                    f"Cannot merge: conflicts in {', '.join(outcome.conflicts)}",
                    filesWithConflicts=list(outcome.conflicts),
                )
            merged_sha = head
            if not outcome.fast_forward:
                merged_sha = record_commit(
                    state,
                    parent=base,
                    files=outcome.files,
                    author=author,
                    message=f"Merge pull request #{num}: {discussion.title}",
                ).sha
            state.branches[branch] = merged_sha
            self._set_status(state, num, "merged", author, comment)
            state.discussions[num] = replace(state.discussions[num], merge_commit=merged_sha)
            return state.discussions[num]

    def pull_request_view(
        self, repo_id: str, num: int, *, repo_type: str = "model"
    ) -> PullRequestView:
        """The PR's conflicts with its base branch and its diff from where it forked."""
        with self.store.lock:
            state = self.store.state(repo_id, repo_type=repo_type)
            discussion = _pull_request(state, num)
            head = state.pull_refs[num]
            base = state.branches.get(str(discussion.target_branch), head)
            if discussion.status == "merged":
                return PullRequestView((), "")
            conflicts = merge(state, head, base).conflicts
            fork = fork_point(state, head, base)
            old = state.commit(fork).files if fork else {}
            new = state.commit(head).files
        return PullRequestView(conflicts, render_diff(old, new, self.store.blobs.get))

    def _set_status(
        self, state: RepoState, num: int, status: str, author: str, comment: str | None
    ) -> Event:
        events: list[Event] = []
        if comment:
            events.append(state.comment_event(author, comment))
        status_event = state.new_event("status-change", author, {"status": status})
        events.append(status_event)
        discussion = state.append_events(num, *events)
        state.discussions[num] = replace(discussion, status=status)
        return status_event


def select_discussions(
    discussions: Sequence[Discussion],
    *,
    kind: str | None = None,
    status: str | None = None,
    author: str | None = None,
) -> list[Discussion]:
    """Filter as the list endpoint does, newest first.

    `kind` is discussion / pull_request / all; `status` open (drafts count as open) / closed
    (merged counts as closed) / all; missing parameters mean no filter.
    """
    wanted_status = {"open": {"open", "draft"}, "closed": {"closed", "merged"}}.get(status or "all")
    chosen = [
        discussion
        for discussion in discussions
        if (kind in (None, "all") or discussion.is_pull_request == (kind == "pull_request"))
        and (wanted_status is None or discussion.status in wanted_status)
        and (author is None or discussion.author == author)
    ]
    return sorted(chosen, key=lambda d: d.num, reverse=True)


def _discussion(state: RepoState, num: int) -> Discussion:
    discussion = state.discussions.get(num)
    if discussion is None:
        raise not_found(f"Discussion #{num} not found in {state.repo_id}")
    return discussion


def _pull_request(state: RepoState, num: int) -> Discussion:
    discussion = _discussion(state, num)
    if not discussion.is_pull_request:
        raise bad_request(f"Discussion #{num} is not a pull request")
    return discussion
