"""Reading from the sandbox through the real huggingface_hub client: repos, info, files, refs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from huggingface_hub import CommitOperationAdd, HfApi, hf_hub_download
from huggingface_hub.errors import (
    EntryNotFoundError,
    HfHubHTTPError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)

from hfeval.sandbox import Sandbox

HubRepoFactory = Callable[..., str]
SANDBOX_USER, SANDBOX_ORG = "sandbox-user", "sandbox-org"  # tests/conftest.py's accounts

CARD = """---
license: mit
tags: [eval]
model-index:
- name: tiny
  results:
  - task: {type: text-generation}
    dataset: {type: cais/mmlu, name: MMLU}
    metrics: [{type: acc, value: 71.2}]
---
# Tiny
"""
HLE = b"- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  notes: no-tools\n"


@pytest.fixture
def api(sandbox: Sandbox) -> HfApi:
    return HfApi()


def test_whoami_names_the_configured_user(api: HfApi, sandbox: Sandbox) -> None:
    me = api.whoami()
    assert (me["name"], me["orgs"][0]["name"]) == (SANDBOX_USER, SANDBOX_ORG)
    anonymous = httpx.get(f"{sandbox.url}/api/whoami-v2")
    assert anonymous.status_code == 401
    assert anonymous.headers["X-Error-Message"] == "Invalid credentials in Authorization header"


def test_create_repo_and_exist_ok(api: HfApi, sandbox: Sandbox) -> None:
    url = api.create_repo("created-by-test")
    assert url == f"{sandbox.url}/{SANDBOX_USER}/created-by-test"
    assert url.repo_id == f"{SANDBOX_USER}/created-by-test"
    assert api.create_repo(f"{SANDBOX_ORG}/org-repo").repo_id == f"{SANDBOX_ORG}/org-repo"
    with pytest.raises(HfHubHTTPError) as caught:
        api.create_repo("created-by-test")
    assert caught.value.response.status_code == 409
    assert api.create_repo("created-by-test", exist_ok=True) == url
    info = api.model_info(url.repo_id)
    assert [sibling.rfilename for sibling in info.siblings or []] == [".gitattributes"]


def test_model_info_at_main_sha_prefix_and_pr(api: HfApi, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo({"README.md": CARD})
    main = api.model_info(repo_id)
    assert main.sha is not None and main.card_data is not None
    assert main.card_data["license"] == "mit"
    assert [result.metric_value for result in main.card_data.eval_results or []] == [71.2]
    assert main.tags == ["eval"]
    assert api.model_info(repo_id, revision=main.sha[:7]).sha == main.sha

    pr = api.create_commit(
        repo_id, [CommitOperationAdd("notes.txt", b"x")], commit_message="note", create_pr=True
    )
    at_pr = api.model_info(repo_id, revision=pr.pr_revision)
    assert at_pr.sha == pr.oid
    assert "notes.txt" in [sibling.rfilename for sibling in at_pr.siblings or []]
    with pytest.raises(RevisionNotFoundError):
        api.model_info(repo_id, revision="refs/pr/99")


def test_expand_returns_only_what_was_asked(api: HfApi, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo(
        {
            "README.md": CARD,
            ".eval_results/hle.yaml": HLE,
            ".eval_results/bad.yaml": b"- dataset: {id: cais/hle, task_id: hle}\n",
            "notes/other.yaml": b"not: eval results\n",
        }
    )
    info = api.model_info(repo_id, expand=["evalResults", "sha"])
    assert info.sha == api.model_info(repo_id).sha
    assert info.card_data is None and info.siblings is None
    assert [
        (entry.dataset_id, entry.task_id, entry.value, entry.notes)
        for entry in info.eval_results or []
    ] == [("cais/hle", "hle", 20.9, "no-tools")]
    raw = api.model_info(repo_id, expand=["model-index"])
    assert raw.model_index is not None and raw.model_index[0]["name"] == "tiny"


def test_expand_reports_invalid_eval_files_as_error_items(
    sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:

    repo_id = hub_repo({".eval_results/bad.yaml": b"- dataset: {id: cais/hle, task_id: hle}\n"})
    answer = httpx.get(f"{sandbox.url}/api/models/{repo_id}", params={"expand[]": "evalResults"})
    assert answer.json() == {
        "_id": answer.json()["_id"],
        "id": repo_id,
        "modelId": repo_id,
        "evalResults": [{"filename": ".eval_results/bad.yaml", "error": '"[0].value" is required'}],
    }


def test_files_metadata_lists_sizes_and_blob_ids(api: HfApi, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo({"README.md": CARD})
    sibling = (api.model_info(repo_id, files_metadata=True).siblings or [])[0]
    assert (sibling.rfilename, sibling.size) == ("README.md", len(CARD.encode()))
    assert sibling.blob_id is not None and len(sibling.blob_id) == 40


def test_download_at_main_and_at_a_pr(api: HfApi, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo({"README.md": CARD})
    assert Path(hf_hub_download(repo_id, "README.md")).read_text() == CARD
    more = CommitOperationAdd("README.md", CARD.encode() + b"More.\n")
    pr = api.create_commit(repo_id, [more], commit_message="more", create_pr=True)
    at_pr = Path(hf_hub_download(repo_id, "README.md", revision=pr.pr_revision)).read_text()
    assert at_pr.endswith("More.\n")
    assert Path(hf_hub_download(repo_id, "README.md")).read_text() == CARD


def test_resolve_headers_are_what_the_client_needs(
    sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:

    repo_id = hub_repo({"README.md": CARD})
    head = sandbox.store.head(repo_id)
    answer = httpx.head(f"{sandbox.url}/{repo_id}/resolve/main/README.md")
    assert answer.headers["X-Repo-Commit"] == head
    assert (
        answer.headers["ETag"] == f'"{sandbox.store.snapshot(repo_id).commit.files["README.md"]}"'
    )
    assert answer.headers["Content-Length"] == str(len(CARD.encode()))
    missing = httpx.head(f"{sandbox.url}/{repo_id}/resolve/main/nope.txt")
    assert (missing.status_code, missing.headers["X-Error-Code"]) == (404, "EntryNotFound")
    assert missing.headers["X-Repo-Commit"] == head


def test_missing_repo_and_missing_file(api: HfApi, hub_repo: HubRepoFactory) -> None:
    with pytest.raises(RepositoryNotFoundError):
        api.model_info("nobody/nothing")
    with pytest.raises(RepositoryNotFoundError):
        hf_hub_download("nobody/nothing", "README.md")
    repo_id = hub_repo()
    with pytest.raises(EntryNotFoundError):
        hf_hub_download(repo_id, "missing.txt")
    assert not api.file_exists(repo_id, "missing.txt")
    assert api.file_exists(repo_id, "README.md")
    assert api.repo_exists(repo_id) and not api.repo_exists("nobody/nothing")


def test_refs_list_branches_and_pull_requests(api: HfApi, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo()
    pr = api.create_commit(
        repo_id, [CommitOperationAdd("a", b"a")], commit_message="a", create_pr=True
    )
    refs = api.list_repo_refs(repo_id, include_pull_requests=True)
    assert [(ref.name, ref.ref) for ref in refs.branches] == [("main", "refs/heads/main")]
    assert refs.converts == [] and refs.tags == []
    assert [(ref.ref, ref.target_commit) for ref in refs.pull_requests or []] == [
        ("refs/pr/1", pr.oid)
    ]
    assert api.list_repo_refs(repo_id).pull_requests is None


def test_tree_files_and_history(api: HfApi, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo({"README.md": CARD, ".eval_results/hle.yaml": HLE, "a/b/c.txt": b"c"})
    assert api.list_repo_files(repo_id) == [".eval_results/hle.yaml", "README.md", "a/b/c.txt"]
    top = [(entry.path, type(entry).__name__) for entry in api.list_repo_tree(repo_id)]
    assert top == [(".eval_results", "RepoFolder"), ("README.md", "RepoFile"), ("a", "RepoFolder")]
    nested = [entry.path for entry in api.list_repo_tree(repo_id, path_in_repo="a", recursive=True)]
    assert nested == ["a/b", "a/b/c.txt"]
    infos = api.get_paths_info(repo_id, ["README.md", "a", "missing"])
    assert [info.path for info in infos] == ["README.md", "a"]
    commits = api.list_repo_commits(repo_id)
    assert [commit.commit_id for commit in commits] == [api.model_info(repo_id).sha]


def test_branches_can_be_created_and_targeted(api: HfApi, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo()
    api.create_branch(repo_id, branch="dev")
    api.upload_file(
        path_or_fileobj=b"dev only", path_in_repo="dev.txt", repo_id=repo_id, revision="dev"
    )
    assert "dev.txt" in api.list_repo_files(repo_id, revision="dev")
    assert "dev.txt" not in api.list_repo_files(repo_id)
    pr = api.create_commit(
        repo_id, [CommitOperationAdd("x", b"x")], commit_message="x", revision="dev", create_pr=True
    )
    assert api.get_discussion_details(repo_id, pr.pr_num or 0).target_branch == "refs/heads/dev"
    api.delete_branch(repo_id, branch="dev")
    assert [ref.name for ref in api.list_repo_refs(repo_id).branches] == ["main"]
