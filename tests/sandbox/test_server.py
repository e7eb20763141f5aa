"""The sandbox as a server: persistence, seeding, faults, the /aa/ proxy and access rules."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from huggingface_hub import CommitOperationAdd, HfApi
from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

from hfeval.errors import HubError
from hfeval.sandbox import Sandbox, SandboxConfig, SandboxUser, aa_api, start_sandbox

HubRepoFactory = Callable[..., str]
CARD = "---\nlicense: mit\n---\n# Seeded\n"


def add(path: str, content: str) -> CommitOperationAdd:
    return CommitOperationAdd(path, content.encode())


@contextmanager
def raises_status(status: int) -> Iterator[None]:
    with pytest.raises(HfHubHTTPError) as caught:
        yield
    assert caught.value.response.status_code == status


def test_repos_commits_and_prs_survive_a_restart(tmp_path: Path, sandbox: Sandbox) -> None:
    with start_sandbox(tmp_path / "data") as first:
        api = HfApi(endpoint=first.url)
        repo_id = api.create_repo("kept").repo_id
        api.create_commit(repo_id, [add("README.md", CARD)], commit_message="card")
        pr = api.create_commit(repo_id, [add("a.txt", "a")], commit_message="pr", create_pr=True)
        api.comment_discussion(repo_id, pr.pr_num or 0, "remember me")
        head = api.model_info(repo_id).sha

    with start_sandbox(tmp_path / "data") as second:
        api = HfApi(endpoint=second.url)
        assert api.model_info(repo_id).sha == head
        assert Path(api.hf_hub_download(repo_id, "README.md")).read_text() == CARD
        details = api.get_discussion_details(repo_id, pr.pr_num or 0)
        assert details.events[-1].content == "remember me"  # type: ignore[attr-defined]
        assert api.list_repo_refs(repo_id, include_pull_requests=True).pull_requests
        follow_up = api.create_commit(repo_id, [add("b.txt", "b")], commit_message="after restart")
        assert follow_up.oid != head


def test_a_seed_folder_creates_missing_repos_only(tmp_path: Path, sandbox: Sandbox) -> None:
    seed = tmp_path / "seed"
    (seed / "allenai" / "Olmo-mini" / ".eval_results").mkdir(parents=True)
    (seed / "allenai" / "Olmo-mini" / "README.md").write_text(CARD)
    (seed / "allenai" / "Olmo-mini" / ".eval_results" / "hle.yaml").write_text("- value: 1\n")
    (seed / "datasets" / "cais" / "hle").mkdir(parents=True)
    (seed / "datasets" / "cais" / "hle" / "eval.yaml").write_text("name: HLE\n")

    with start_sandbox(tmp_path / "data", seed_dir=seed) as hub:
        api = HfApi(endpoint=hub.url)
        assert api.list_repo_files("allenai/Olmo-mini") == [".eval_results/hle.yaml", "README.md"]
        assert api.list_repo_files("cais/hle", repo_type="dataset") == ["eval.yaml"]
        assert hub.store.history("allenai/Olmo-mini")[0].author == "allenai"
        api.create_commit("allenai/Olmo-mini", [add("new.txt", "n")], commit_message="work")

    (seed / "meta" / "Llama-mini").mkdir(parents=True)
    (seed / "meta" / "Llama-mini" / "README.md").write_text(CARD)
    with start_sandbox(tmp_path / "data", seed_dir=seed) as hub:
        assert "new.txt" in hub.store.read_files("allenai/Olmo-mini")
        assert hub.store.repo_ids() == ["allenai/Olmo-mini", "meta/Llama-mini"]


def test_a_429_fault_surfaces_as_http_error(sandbox: Sandbox, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo()
    sandbox.faults.add(
        method="POST",
        path_prefix=f"/api/models/{repo_id}/commit",
        status=429,
        headers={"RateLimit": '"api";r=0;t=55', "Retry-After": "55"},
    )
    api = HfApi()
    with pytest.raises(HfHubHTTPError, match="Retry after 55 seconds") as caught:
        api.create_commit(repo_id, [add("a.txt", "a")], commit_message="limited")
    assert caught.value.response.status_code == 429
    assert "a.txt" not in sandbox.store.read_files(repo_id)
    api.create_commit(repo_id, [add("a.txt", "a")], commit_message="limited")
    assert "a.txt" in sandbox.store.read_files(repo_id)


def test_server_errors_slow_answers_and_bad_bodies(
    sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:
    repo_id = hub_repo()
    api = HfApi()
    sandbox.faults.add(method="GET", path_prefix=f"/api/models/{repo_id}", status=503)
    with raises_status(503):
        api.model_info(repo_id)
    sandbox.faults.add(path_prefix=f"/api/models/{repo_id}", status=200, body="{not json")
    with pytest.raises(json.JSONDecodeError):
        api.model_info(repo_id)
    slow = sandbox.faults.add(path_prefix=f"/api/models/{repo_id}", status=None, delay=0.05)
    assert api.model_info(repo_id).id == repo_id
    assert slow not in sandbox.faults.pending()


def test_faults_over_the_control_route(sandbox: Sandbox, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo()
    added = httpx.post(
        f"{sandbox.url}/_sandbox/faults",
        json={"method": "GET", "path_prefix": f"/{repo_id}/resolve/", "status": 502, "times": 2},
    )
    assert added.status_code == 200 and added.json()["times"] == 2
    assert [fault["status"] for fault in httpx.get(f"{sandbox.url}/_sandbox/faults").json()] == [
        502
    ]
    assert httpx.get(f"{sandbox.url}/{repo_id}/resolve/main/README.md").status_code == 502
    assert httpx.delete(f"{sandbox.url}/_sandbox/faults").json() == []
    assert httpx.get(f"{sandbox.url}/{repo_id}/resolve/main/README.md").status_code == 200
    rejected = httpx.post(f"{sandbox.url}/_sandbox/faults", json={"status": 500})
    assert rejected.status_code == 400 and "path_prefix" in rejected.json()["error"]


def test_aa_requests_go_to_the_aa_module_and_can_fail(sandbox: Sandbox) -> None:
    path = "/api/v2/data/llms/models"
    status, headers, body = aa_api.handle("GET", path, {}, {"x-api-key": "some-key"})
    answer = httpx.get(f"{sandbox.url}/aa{path}", headers={"x-api-key": "some-key"})
    assert (answer.status_code, answer.content) == (status, body)
    assert answer.headers["Content-Length"] == str(len(body))
    assert answer.headers["Content-Type"] == headers["Content-Type"]
    sandbox.faults.add(path_prefix="/aa/", status=429, headers={"Retry-After": "1"})
    limited = httpx.get(f"{sandbox.url}/aa{path}", headers={"x-api-key": "some-key"})
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "1")


def test_read_only_hub_answers_writes_with_403(tmp_path: Path, sandbox: Sandbox) -> None:
    with start_sandbox(tmp_path, config=SandboxConfig(read_only=True)) as hub:
        hub.store.create_repo("sandbox-user/frozen", {"README.md": CARD})
        api = HfApi(endpoint=hub.url)
        assert api.model_info("sandbox-user/frozen").sha
        with raises_status(403):
            api.create_commit("sandbox-user/frozen", [add("a.txt", "a")], commit_message="nope")
        with raises_status(403):
            api.create_repo("another")


def test_writes_need_a_valid_token(sandbox: Sandbox, hub_repo: HubRepoFactory) -> None:
    repo_id = hub_repo()
    api = HfApi()
    assert api.model_info(repo_id, token=False).id == repo_id
    with raises_status(401):
        api.create_commit(repo_id, [add("a.txt", "a")], commit_message="anon", token=False)


def test_invalid_tokens_are_refused(tmp_path: Path, sandbox: Sandbox) -> None:
    config = SandboxConfig(invalid_tokens=frozenset({"hf_revoked"}))
    with start_sandbox(tmp_path, config=config) as hub:
        answer = httpx.get(
            f"{hub.url}/api/whoami-v2", headers={"authorization": "Bearer hf_revoked"}
        )
        assert answer.status_code == 401
        assert answer.headers["X-Error-Message"] == "Invalid credentials in Authorization header"


def test_enforced_namespaces_leave_others_only_pull_requests(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    config = SandboxConfig(
        user=SandboxUser("owner", orgs=("team",)),
        tokens={"hf_visitor": SandboxUser("visitor")},
        enforce_namespaces=True,
    )
    with start_sandbox(tmp_path, config=config) as hub:
        hub.store.create_repo("team/model", {"README.md": CARD})
        hub.store.create_repo("team/secret", {"README.md": CARD}, private=True)
        owner, visitor = (
            HfApi(endpoint=hub.url, token="hf_any"),
            HfApi(endpoint=hub.url, token="hf_visitor"),
        )

        with raises_status(403):
            visitor.create_commit("team/model", [add("v", "v")], commit_message="v")
        pr = visitor.create_commit(
            "team/model", [add("v", "v")], commit_message="v", create_pr=True
        )
        owners_pr = owner.create_commit(
            "team/model", [add("o", "o")], commit_message="o", create_pr=True
        )
        with raises_status(403):
            visitor.create_commit(
                "team/model", [add("x", "x")], commit_message="x", revision=owners_pr.pr_revision
            )
        with raises_status(403):
            visitor.merge_pull_request("team/model", pr.pr_num or 0)
        visitor.change_discussion_status("team/model", pr.pr_num or 0, "closed")
        owner.merge_pull_request("team/model", owners_pr.pr_num or 0)
        with raises_status(403):
            visitor.create_repo("team/new")
        with pytest.raises(RepositoryNotFoundError):
            visitor.model_info("team/secret")
        assert owner.model_info("team/secret").private


def test_a_corrupt_data_directory_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "repos" / "models" / "ns" / "model.json"
    broken.parent.mkdir(parents=True)
    broken.write_text("{not json")
    with pytest.raises(HubError, match="cannot read this sandbox repo file") as caught:
        start_sandbox(tmp_path)
    assert caught.value.where == str(broken)
