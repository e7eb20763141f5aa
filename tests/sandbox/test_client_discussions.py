"""Discussions and pull requests on the sandbox through the real huggingface_hub client."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from huggingface_hub import CommitOperationAdd, HfApi
from huggingface_hub.errors import BadRequestError, HfHubHTTPError

from hfeval.sandbox import Sandbox

HubRepoFactory = Callable[..., str]
OTHER_USER = "other-user"  # what tests/conftest.py maps `other_user_token` to


@pytest.fixture
def api(sandbox: Sandbox) -> HfApi:
    return HfApi()


def add(path: str, content: str) -> CommitOperationAdd:
    return CommitOperationAdd(path, content.encode())


def test_listing_filters_by_type_status_and_author_across_pages(
    api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory, other_user_token: str
) -> None:
    repo_id = hub_repo()
    for number in range(1, 56):
        sandbox.discussions.open(
            repo_id,
            title=f"Question {number}",
            description="",
            pull_request=False,
            author=OTHER_USER if number % 5 == 0 else "sandbox-user",
        )
    api.create_commit(
        repo_id,
        [add("a", "a")],
        commit_message="Other's PR",
        create_pr=True,
        token=other_user_token,
    )
    api.change_discussion_status(repo_id, 3, "closed")

    everything = list(api.get_repo_discussions(repo_id))
    assert [d.num for d in everything] == list(range(56, 0, -1))
    pulls = list(api.get_repo_discussions(repo_id, discussion_type="pull_request"))
    assert [(d.num, d.author, d.git_reference) for d in pulls] == [(56, OTHER_USER, "refs/pr/56")]
    by_other = list(api.get_repo_discussions(repo_id, author=OTHER_USER))
    assert [d.num for d in by_other] == [56, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10, 5]
    closed = list(api.get_repo_discussions(repo_id, discussion_status="closed"))
    assert [(d.num, d.status) for d in closed] == [(3, "closed")]
    open_questions = api.get_repo_discussions(
        repo_id, discussion_type="discussion", discussion_status="open"
    )
    assert len(list(open_questions)) == 54


def test_a_page_holds_fifty_items(sandbox: Sandbox, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo()
    for number in range(52):
        sandbox.discussions.open(
            repo_id, title=f"Q{number:03d}", description="", pull_request=False, author="x"
        )
    url = f"{sandbox.url}/api/models/{repo_id}/discussions"
    first, second = httpx.get(url).json(), httpx.get(url, params={"p": 1}).json()
    assert (len(first["discussions"]), first["count"], first["start"]) == (50, 52, 0)
    assert (len(second["discussions"]), second["start"]) == (2, 50)
    assert second["discussions"][-1]["title"] == "Q000"
    assert httpx.get(url, params={"type": "pulls"}).status_code == 400
    assert httpx.get(url, params={"status": "draft"}).status_code == 400


def test_details_status_title_and_comments(api: HfApi, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo({"README.md": "---\nlicense: mit\n---\nold line\n"})
    pr = api.create_commit(
        repo_id,
        [add("README.md", "---\nlicense: mit\n---\nnew line\n")],
        commit_message="Edit card",
        create_pr=True,
    )
    details = api.get_discussion_details(repo_id, pr.pr_num or 0)
    assert details.is_pull_request and details.target_branch == "refs/heads/main"
    assert details.conflicting_files == [] and details.merge_commit_oid is None
    assert details.diff is not None and "-old line\n+new line\n" in details.diff

    comment = api.comment_discussion(repo_id, details.num, "Looks good")
    assert comment.content == "Looks good"
    edited = api.edit_discussion_comment(repo_id, details.num, comment.id, "Looks great")
    assert edited.content == "Looks great" and edited.edited
    with pytest.warns(UserWarning, match="Hiding a comment is irreversible"):
        hidden = api.hide_discussion_comment(repo_id, details.num, comment.id)
    assert hidden.hidden and hidden.content == ""
    renamed = api.rename_discussion(repo_id, details.num, "Edit the card")
    assert (renamed.old_title, renamed.new_title) == ("Edit card", "Edit the card")
    closed = api.change_discussion_status(repo_id, details.num, "closed", comment="Not now")
    assert closed.new_status == "closed"
    api.change_discussion_status(repo_id, details.num, "open")

    after = api.get_discussion_details(repo_id, details.num)
    assert (after.title, after.status) == ("Edit the card", "open")
    assert [event.type for event in after.events] == [
        "commit",
        "comment",
        "title-change",
        "comment",
        "status-change",
        "status-change",
    ]
    with pytest.raises(HfHubHTTPError) as caught:
        api.get_discussion_details(repo_id, 99)
    assert caught.value.response.status_code == 404


def test_merge_moves_main_to_the_pr_head(
    api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:
    repo_id = hub_repo()
    pr = api.create_commit(repo_id, [add("a.txt", "a")], commit_message="Add a", create_pr=True)
    api.merge_pull_request(repo_id, pr.pr_num or 0, comment="Thanks!")
    assert sandbox.store.head(repo_id) == pr.oid
    details = api.get_discussion_details(repo_id, pr.pr_num or 0)
    assert (details.status, details.merge_commit_oid) == ("merged", pr.oid)
    with pytest.raises(BadRequestError):
        api.merge_pull_request(repo_id, pr.pr_num or 0)


def test_merge_replays_on_a_moved_base_or_reports_conflicts(
    api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:
    repo_id = hub_repo({"README.md": "---\nlicense: mit\n---\n", "x.txt": "x"})
    clean = api.create_commit(repo_id, [add("a.txt", "a")], commit_message="a", create_pr=True)
    clash = api.create_commit(repo_id, [add("x.txt", "pr")], commit_message="x", create_pr=True)
    sandbox.store.commit_files(repo_id, {"x.txt": "main", "b.txt": "b"})

    conflicted = api.get_discussion_details(repo_id, clash.pr_num or 0)
    assert conflicted.conflicting_files == ["x.txt"]
    with pytest.raises(HfHubHTTPError, match=r"conflicts in x\.txt") as caught:
        api.merge_pull_request(repo_id, clash.pr_num or 0)
    assert caught.value.response.status_code == 409

    api.merge_pull_request(repo_id, clean.pr_num or 0)
    merged = sandbox.store.read_files(repo_id)
    assert (merged["a.txt"], merged["b.txt"], merged["x.txt"]) == (b"a", b"b", b"main")
    assert sandbox.store.history(repo_id)[0].message == "Merge pull request #1: a"


def test_draft_pull_requests_need_publishing_before_merge(
    api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:
    repo_id = hub_repo()
    draft = api.create_pull_request(repo_id, title="Draft work", description="WIP")
    assert (draft.status, draft.git_reference) == ("draft", f"refs/pr/{draft.num}")
    assert sandbox.store.head(repo_id, f"refs/pr/{draft.num}") == sandbox.store.head(repo_id)
    api.create_commit(
        repo_id, [add("w.txt", "w")], commit_message="work", revision=draft.git_reference
    )
    with pytest.raises(BadRequestError, match="status is draft"):
        api.merge_pull_request(repo_id, draft.num)
    api.change_discussion_status(repo_id, draft.num, "open")
    api.merge_pull_request(repo_id, draft.num)
    assert "w.txt" in sandbox.store.read_files(repo_id)
    with pytest.raises(BadRequestError, match="between 3 and 200"):
        api.create_discussion(repo_id, title="no")


def test_someone_else_can_open_and_update_their_pr(
    api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory, other_user_token: str
) -> None:
    repo_id = hub_repo()
    theirs = api.create_commit(
        repo_id,
        [add("t.txt", "1")],
        commit_message="Theirs",
        create_pr=True,
        token=other_user_token,
    )
    api.create_commit(
        repo_id,
        [add("t.txt", "2")],
        commit_message="Update",
        revision=theirs.pr_revision,
        token=other_user_token,
    )
    (pull,) = sandbox.store.pull_requests(repo_id, status="open")
    assert pull.author == OTHER_USER
    assert {event.author for event in pull.events} == {OTHER_USER}
    mine = list(api.get_repo_discussions(repo_id, author="sandbox-user"))
    assert mine == []
