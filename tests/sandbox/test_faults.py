"""Fault registry and fault effects: matching, counting down, skip, fault files, and what resets,
lost answers, concurrent writers and read-only tokens look like to the real client."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import httpx2
import pytest
from huggingface_hub import CommitOperationAdd, HfApi
from huggingface_hub.errors import HfHubHTTPError

from hfeval.sandbox import Sandbox, SandboxConfig, SandboxUser, start_sandbox
from hfeval.sandbox.fault_effects import CONCURRENT_WRITER
from hfeval.sandbox.faults import FaultRegistry, load_fault_specs

COMMIT = "/api/models/ns/x/commit/main"


def test_a_fault_matches_method_and_prefix_and_is_used_up() -> None:
    faults = FaultRegistry()
    faults.add(method="POST", path_prefix="/api/models/ns/x/commit", status=429, times=2)
    assert faults.take("GET", (COMMIT,)) is None
    assert faults.take("POST", ("/api/models/ns/y/commit/main",)) is None
    first = faults.take("post", (COMMIT,))
    assert first is not None and first.status == 429
    assert faults.take("POST", (COMMIT,)) is not None
    assert faults.take("POST", (COMMIT,)) is None
    assert faults.pending() == []


def test_permanent_faults_and_clearing() -> None:
    faults = FaultRegistry()
    fault = faults.add(path_prefix="/aa/", status=503, times=None)
    for _ in range(3):
        assert faults.take("GET", ("/aa/api/v2/x",)) == fault
    assert faults.remove(fault.id) and not faults.remove(fault.id)
    faults.add(path_prefix="/", delay=0.1, status=None)
    faults.clear()
    assert faults.pending() == []


def test_default_and_custom_bodies() -> None:
    faults = FaultRegistry()
    default = faults.add(path_prefix="/", status=500)
    custom = faults.add(path_prefix="/", status=200, body="{not json")
    assert json.loads(default.response_body()) == {"error": "Injected fault: HTTP 500"}
    assert custom.response_body() == b"{not json"


def test_json_specs_are_checked() -> None:
    faults = FaultRegistry()
    fault = faults.add_from_json({"path_prefix": "/api/", "status": 502, "times": 2})
    assert fault.to_json()["status"] == 502 and fault.times == 2
    with pytest.raises(ValueError, match="unknown fault fields: colour"):
        faults.add_from_json({"path_prefix": "/", "colour": "red"})
    with pytest.raises(ValueError, match="path_prefix"):
        faults.add_from_json({"status": 500})
    with pytest.raises(ValueError, match="needs a status, a delay, a reset"):
        faults.add(path_prefix="/", status=None)
    with pytest.raises(ValueError, match="times must be at least 1"):
        faults.add(path_prefix="/", times=0)


def test_skip_lets_requests_through_first_and_injected_counts_hits() -> None:
    faults = FaultRegistry()
    faults.add(path_prefix="/api/", status=503, skip=2)
    assert faults.take("GET", ("/api/x",)) is None
    assert faults.take("GET", ("/api/x",)) is None
    assert faults.injected == 0
    assert faults.take("GET", ("/api/x",)) is not None
    assert faults.injected == 1 and faults.pending() == []


def test_retry_after_sets_both_rate_limit_headers() -> None:
    fault = FaultRegistry().add_from_json({"path_prefix": "/", "status": 429, "retry_after": 3})
    assert fault.headers == {"Retry-After": "3", "RateLimit": '"api";r=0;t=3'}


def test_reset_and_concurrent_write_faults_need_no_status() -> None:
    faults = FaultRegistry()
    reset = faults.add_from_json({"path_prefix": "/", "reset": True, "after": True})
    assert reset.to_json()["reset"] and reset.to_json()["after"]
    assert faults.add(path_prefix="/", status=None, concurrent_write=True).concurrent_write
    with pytest.raises(ValueError, match="skip must not be negative"):
        faults.add(path_prefix="/", skip=-1)


def test_fault_files_in_yaml_or_json(tmp_path: Path) -> None:
    listed = tmp_path / "faults.yaml"
    listed.write_text(
        "# rehearse a bad day\n"
        "- {path_prefix: /api/models/, method: GET, status: 429, retry_after: 2, times: 3}\n"
        "- {path_prefix: /api/models/acme/x/commit, method: POST, status: 502, after: true}\n"
    )
    wrapped = tmp_path / "faults.json"
    wrapped.write_text(json.dumps({"faults": [{"path_prefix": "/", "reset": True}]}))
    assert [spec["status"] for spec in load_fault_specs(listed)] == [429, 502]
    assert load_fault_specs(wrapped) == [{"path_prefix": "/", "reset": True}]
    (tmp_path / "bad.yaml").write_text("path_prefix: /\n")
    with pytest.raises(ValueError, match="expected a list of faults"):
        load_fault_specs(tmp_path / "bad.yaml")
    with pytest.raises(ValueError, match="cannot read the faults file"):
        load_fault_specs(tmp_path / "missing.yaml")


def commit_notes(api: HfApi, repo: str, head: str) -> None:
    api.create_commit(
        repo,
        [CommitOperationAdd("notes.txt", b"hello")],
        commit_message="add notes",
        parent_commit=head,
    )


def test_a_reset_drops_the_connection_and_a_lost_answer_still_lands(
    sandbox: Sandbox, hub_repo: Callable[..., str]
) -> None:
    repo = hub_repo()
    api = HfApi(endpoint=sandbox.url)
    sandbox.faults.add(method="GET", path_prefix=f"/api/models/{repo}", reset=True)
    with pytest.raises(httpx2.TransportError):
        api.model_info(repo)
    head = sandbox.store.head(repo)
    sandbox.faults.add(
        method="POST", path_prefix=f"/api/models/{repo}/commit", status=502, after=True
    )
    with pytest.raises(HfHubHTTPError) as caught:
        commit_notes(api, repo, head)
    assert caught.value.response.status_code == 502
    assert sandbox.store.head(repo) != head  # the commit landed although the client saw a 502
    assert sandbox.store.read_file(repo, "notes.txt") == b"hello"


def test_a_concurrent_writer_makes_the_commit_stale(
    sandbox: Sandbox, hub_repo: Callable[..., str]
) -> None:
    repo = hub_repo()
    api = HfApi(endpoint=sandbox.url)
    head = sandbox.store.head(repo)
    sandbox.faults.add(
        method="POST", path_prefix=f"/api/models/{repo}/commit", status=None, concurrent_write=True
    )
    with pytest.raises(HfHubHTTPError) as caught:
        commit_notes(api, repo, head)
    assert caught.value.response.status_code == 412
    (theirs, _) = sandbox.store.history(repo)
    assert theirs.author == CONCURRENT_WRITER
    assert sandbox.store.read_file(repo, "README.md").endswith(
        b"<!-- edited by another writer -->\n"
    )


def test_read_only_and_fine_grained_tokens(tmp_path: Path) -> None:
    config = SandboxConfig(
        read_tokens=frozenset({"hf_ro"}),
        tokens={"hf_fg": SandboxUser("me", token_role="fineGrained", permissions=("repo.write",))},
    )
    with start_sandbox(tmp_path, config=config) as hub:
        hub.store.create_repo("me/x", {"README.md": "# x\n"}, author="me")
        read_only = HfApi(endpoint=hub.url, token="hf_ro")
        assert read_only.whoami()["auth"]["accessToken"]["role"] == "read"
        with pytest.raises(HfHubHTTPError) as caught:
            read_only.upload_file(path_or_fileobj=b"x", path_in_repo="x.txt", repo_id="me/x")
        assert caught.value.response.status_code == 403
        scoped = HfApi(endpoint=hub.url, token="hf_fg").whoami()["auth"]["accessToken"]
        assert scoped["role"] == "fineGrained"
        assert scoped["fineGrained"]["scoped"][0]["permissions"] == ["repo.write"]
        writer = HfApi(endpoint=hub.url, token="anything-else")
        assert writer.whoami()["auth"]["accessToken"]["role"] == "write"
        writer.upload_file(path_or_fileobj=b"x", path_in_repo="x.txt", repo_id="me/x")
