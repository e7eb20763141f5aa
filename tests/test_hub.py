"""The Hub boundary: client errors become HubErrors that name the repo and say what to do."""

from __future__ import annotations

import pytest

import hfeval.hub as hub_module
from hfeval.errors import HubError
from hfeval.hub import Hub


def test_an_unreachable_endpoint_is_retried_then_reported(monkeypatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr(hub_module, "_sleep", waits.append)
    with pytest.raises(HubError) as caught:
        Hub("http://127.0.0.1:9").head("acme/m")
    assert caught.value.where == "acme/m"
    assert "cannot reach the Hub" in caught.value.message
    assert waits == [1.0, 2.0, 4.0]


def test_a_missing_repo_says_how_to_fix_it(sandbox_url: str) -> None:
    with pytest.raises(HubError) as caught:
        Hub(sandbox_url).snapshot("sandbox-user/no-such-repo")
    assert caught.value.status == 404
    assert "repository not found" in str(caught.value)
    assert "hf auth login" in (caught.value.hint or "")


def test_a_rate_limited_read_waits_for_retry_after(
    sandbox, sandbox_url: str, hub_repo, monkeypatch
) -> None:
    repo = hub_repo()
    waits: list[float] = []
    monkeypatch.setattr(hub_module, "_sleep", waits.append)
    sandbox.faults.add(
        method="GET",
        path_prefix=f"/api/models/{repo}",
        status=429,
        headers={"Retry-After": "3"},
        times=2,
    )
    assert len(Hub(sandbox_url).head(repo)) == 40
    assert waits == [3.0, 3.0]


def test_a_file_read_at_a_commit_is_fetched_once_then_cached(
    sandbox, sandbox_url: str, hub_repo, monkeypatch
) -> None:
    repo = hub_repo(files={"README.md": "---\nlicense: mit\n---\n# Cached\n"})
    waits: list[float] = []
    monkeypatch.setattr(hub_module, "_sleep", waits.append)
    first = Hub(sandbox_url).snapshot(repo)
    assert first.files["README.md"].endswith("# Cached\n")
    # Every further GET of the file would now fail (and be retried); the cache answers instead.
    sandbox.faults.add(method="GET", path_prefix=f"/{repo}/resolve/", status=500, times=100)
    again = Hub(sandbox_url).snapshot(repo)
    assert again.files == first.files
    assert waits == []


def test_a_missing_file_at_a_commit_reads_as_none_and_is_not_asked_again(
    sandbox, sandbox_url: str, hub_repo, monkeypatch
) -> None:
    repo = hub_repo()
    waits: list[float] = []
    monkeypatch.setattr(hub_module, "_sleep", waits.append)
    hub = Hub(sandbox_url)
    commit = hub.head(repo)
    paths = ["README.md", ".eval_results/missing.yaml"]
    files = hub.read_files_at(repo, commit, paths)
    assert files["README.md"] is not None
    assert files[".eval_results/missing.yaml"] is None
    sandbox.faults.add(method="GET", path_prefix=f"/{repo}/resolve/", status=500, times=100)
    assert Hub(sandbox_url).read_files_at(repo, commit, paths) == files
    assert waits == []
