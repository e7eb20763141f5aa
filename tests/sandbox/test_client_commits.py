"""Writing to the sandbox through the real huggingface_hub client: commits, PRs, validation."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest
from huggingface_hub import CommitOperationAdd, CommitOperationDelete, HfApi
from huggingface_hub.errors import BadRequestError, EntryNotFoundError, HfHubHTTPError

from hfeval.sandbox import Sandbox
from hfeval.sandbox.failures import STALE_PARENT_MESSAGE

HubRepoFactory = Callable[..., str]

CARD = "---\nlicense: mit\n---\n# Model\n"
BAD_CARD = (
    "---\nmodel-index:\n- name: m\n  results:\n  - task: {type: text-generation}\n"
    "    dataset: {type: cais/mmlu}\n    metrics: [{type: acc, value: 1}]\n---\n"
)
BAD_CARD_MESSAGE = '"model-index[0].results[0].dataset.name" is required'


@pytest.fixture
def api(sandbox: Sandbox) -> HfApi:
    return HfApi()


def add(path: str, content: str | bytes) -> CommitOperationAdd:
    return CommitOperationAdd(path, content.encode() if isinstance(content, str) else content)


def test_direct_commit_with_parent_commit(
    api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:
    repo_id = hub_repo({"README.md": CARD})
    base = api.model_info(repo_id).sha
    info = api.create_commit(
        repo_id,
        [add("README.md", CARD + "More.\n"), add(".eval_results/hle.yaml", "- value: 1\n")],
        commit_message="Update card",
        commit_description="Because.",
        parent_commit=base,
    )
    assert info.pr_url is None and info.oid == sandbox.store.head(repo_id)
    assert info.commit_url == f"{sandbox.url}/{repo_id}/commit/{info.oid}"
    assert sandbox.store.read_files(repo_id)["README.md"].endswith(b"More.\n")
    latest = sandbox.store.history(repo_id)[0]
    assert (latest.parent, latest.message, latest.description) == (base, "Update card", "Because.")
    assert latest.author == sandbox.config.user.name


def test_stale_parent_is_a_412(api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo()
    base = api.model_info(repo_id).sha
    sandbox.store.commit_files(repo_id, {"other.txt": "someone else"}, author="someone-else")
    with pytest.raises(HfHubHTTPError) as caught:
        api.create_commit(repo_id, [add("a.txt", "a")], commit_message="late", parent_commit=base)
    assert caught.value.response.status_code == 412
    assert STALE_PARENT_MESSAGE in str(caught.value)
    assert "a.txt" not in sandbox.store.read_files(repo_id)


def test_create_pr_opens_a_pull_request_from_the_parent(
    api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:
    repo_id = hub_repo()
    base = api.model_info(repo_id).sha
    sandbox.store.commit_files(repo_id, {"moved.txt": "main moved on"})
    info = api.create_commit(
        repo_id,
        [add("README.md", CARD)],
        commit_message="Add evaluation results",
        commit_description="Scores from the README.",
        parent_commit=base,
        create_pr=True,
    )
    assert (info.pr_num, info.pr_revision) == (1, "refs/pr/1")
    assert info.pr_url == f"{sandbox.url}/{repo_id}/discussions/1"
    assert sandbox.store.read_files(repo_id, "refs/pr/1")["README.md"] == CARD.encode()
    assert "moved.txt" not in sandbox.store.read_files(repo_id, "refs/pr/1")
    assert sandbox.store.read_files(repo_id)["README.md"] != CARD.encode()
    (pull,) = sandbox.store.pull_requests(repo_id)
    assert (pull.status, pull.title, pull.author) == (
        "open",
        "Add evaluation results",
        "sandbox-user",
    )
    details = api.get_discussion_details(repo_id, 1)
    assert details.events[0].content == "Scores from the README."  # type: ignore[attr-defined]
    assert details.events[1].oid == info.oid  # type: ignore[attr-defined]


def test_commit_to_a_pr_ref_advances_the_pr_only(
    api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:
    repo_id = hub_repo()
    main = sandbox.store.head(repo_id)
    first = api.create_commit(repo_id, [add("a.txt", "1")], commit_message="one", create_pr=True)
    second = api.create_commit(
        repo_id,
        [add("a.txt", "2")],
        commit_message="two",
        revision=first.pr_revision,
        parent_commit=first.oid,
    )
    assert sandbox.store.head(repo_id, "refs/pr/1") == second.oid
    assert sandbox.store.head(repo_id) == main
    details = api.get_discussion_details(repo_id, 1)
    assert [event.type for event in details.events] == ["commit", "commit"]
    assert details.status == "open"
    with pytest.raises(HfHubHTTPError) as caught:
        api.create_commit(
            repo_id,
            [add("a.txt", "3")],
            commit_message="stale",
            revision="refs/pr/1",
            parent_commit=first.oid,
        )
    assert caught.value.response.status_code == 412


def test_identical_content_is_a_no_op(
    api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:
    repo_id = hub_repo({"README.md": CARD})
    commits_before = len(sandbox.store.history(repo_id))
    info = api.create_commit(
        repo_id, [add("README.md", CARD)], commit_message="same", create_pr=True
    )
    assert info.pr_url is None and info.pr_num is None
    assert info.oid == sandbox.store.head(repo_id)
    assert len(sandbox.store.history(repo_id)) == commits_before
    assert sandbox.store.pull_requests(repo_id) == []


def test_deleting_files_and_folders(api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo({"README.md": CARD, "logs/a.txt": "a", "logs/b.txt": "b", "x.txt": "x"})
    api.create_commit(
        repo_id,
        [CommitOperationDelete("x.txt"), CommitOperationDelete("logs/")],
        commit_message="clean up",
    )
    assert list(sandbox.store.read_files(repo_id)) == ["README.md"]
    with pytest.raises(EntryNotFoundError, match="A file with this name doesn't exist"):
        api.delete_file("missing.txt", repo_id)


def test_invalid_model_index_is_rejected_before_commit(
    api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:
    repo_id = hub_repo()
    head = sandbox.store.head(repo_id)
    with pytest.raises(ValueError, match=r"Invalid metadata in README\.md") as caught:
        api.create_commit(repo_id, [add("README.md", BAD_CARD)], commit_message="bad")
    assert str(caught.value) == f"Invalid metadata in README.md.\n- {BAD_CARD_MESSAGE}"
    assert sandbox.store.head(repo_id) == head


def test_commit_endpoint_rejects_invalid_model_index_too(
    api: HfApi, sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:
    repo_id = hub_repo()
    # Let the pre-flight check pass so the README reaches the commit endpoint.
    sandbox.faults.add(
        method="POST",
        path_prefix="/api/validate-yaml",
        status=200,
        body='{"errors": [], "warnings": []}',
    )
    with pytest.raises(BadRequestError, match=re.escape(BAD_CARD_MESSAGE)):
        api.create_commit(repo_id, [add("README.md", BAD_CARD)], commit_message="bad")


def test_readme_without_metadata_warns_like_the_hub(api: HfApi, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo()
    with pytest.warns(UserWarning, match="empty or missing yaml metadata in repo card"):
        api.create_commit(repo_id, [add("README.md", "# No header\n")], commit_message="plain")


def test_validate_yaml_answers_json_without_auth(sandbox: Sandbox) -> None:
    answer = httpx.post(
        f"{sandbox.url}/api/validate-yaml",
        json={"content": BAD_CARD, "repoType": "model"},
        headers={"Accept": "text/plain"},
    )
    assert answer.status_code == 400
    assert answer.json() == {"errors": [{"message": BAD_CARD_MESSAGE}], "warnings": []}
