"""Pure repo-state operations: revisions, commits to branches and PRs, merges, diffs, the codec."""

from __future__ import annotations

import pytest

from hfeval.sandbox.codec import state_from_json, state_to_json
from hfeval.sandbox.failures import STALE_PARENT_MESSAGE, SandboxHttpError
from hfeval.sandbox.history import (
    DeleteFile,
    DeleteFolder,
    PutFile,
    apply_operations,
    commit_operations,
    fork_point,
    merge,
    record_commit,
    render_diff,
)
from hfeval.sandbox.records import Discussion, RepoState, git_blob_sha1, timestamp


def new_repo(files: dict[str, str] | None = None) -> RepoState:
    state = RepoState(repo_type="model", repo_id="ns/model", created_at=timestamp())
    first = record_commit(
        state, parent=None, files=files or {"README.md": "r1"}, author="ns", message="init"
    )
    state.branches["main"] = first.sha
    return state


def test_git_blob_sha1_matches_git() -> None:
    # `printf 'hello\n' | git hash-object --stdin`
    assert git_blob_sha1(b"hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a"


def test_timestamps_have_milliseconds_and_z() -> None:
    assert len(timestamp()) == len("2026-01-31T12:00:00.000Z")
    assert timestamp().endswith("Z")


def test_revisions_resolve_by_branch_ref_sha_and_prefix() -> None:
    state = new_repo()
    head = state.branches["main"]
    assert state.resolve("main").branch == "main"
    assert state.resolve("refs/heads/main").sha == head
    assert state.resolve(head).sha == head
    assert state.resolve(head[:7]).sha == head
    assert state.resolve(head[:7].upper()).sha == head
    for unknown in ("dev", head[:4], "refs/pr/1", "0" * 40):
        with pytest.raises(SandboxHttpError) as caught:
            state.resolve(unknown)
        assert (caught.value.http_status, caught.value.code) == (404, "RevisionNotFound")


def test_identical_commits_still_get_distinct_shas() -> None:
    state = new_repo()
    one = record_commit(state, parent=None, files={"a": "1"}, author="x", message="m")
    two = record_commit(state, parent=None, files={"a": "1"}, author="x", message="m")
    assert one.sha != two.sha
    assert len(one.sha) == 40 and int(one.sha, 16) >= 0


def test_apply_operations_adds_deletes_files_and_folders() -> None:
    files = {"README.md": "r", "logs/a.txt": "a", "logs/b/c.txt": "c"}
    result = apply_operations(files, [PutFile("new.txt", "n"), DeleteFolder("logs/")])
    assert result == {"README.md": "r", "new.txt": "n"}
    with pytest.raises(SandboxHttpError, match="A file with this name doesn't exist"):
        apply_operations(files, [DeleteFile("missing.txt")])
    with pytest.raises(SandboxHttpError) as caught:
        apply_operations(files, [DeleteFolder("nowhere")])
    assert caught.value.code == "EntryNotFound"


def test_commit_to_branch_checks_the_parent() -> None:
    state = new_repo()
    base = state.branches["main"]
    outcome = commit_operations(
        state, "main", [PutFile("a", "1")], author="u", message="m", parent_commit=base[:8]
    )
    assert state.branches["main"] == outcome.oid and outcome.pr_num is None
    with pytest.raises(SandboxHttpError, match=STALE_PARENT_MESSAGE) as caught:
        commit_operations(
            state, "main", [PutFile("b", "2")], author="u", message="m", parent_commit=base
        )
    assert caught.value.http_status == 412


def test_create_pr_branches_off_the_parent_and_leaves_main() -> None:
    state = new_repo()
    base = state.branches["main"]
    commit_operations(state, "main", [PutFile("later", "x")], author="u", message="moved")
    outcome = commit_operations(
        state,
        "main",
        [PutFile("a", "1")],
        author="u",
        message="Add a",
        description="why",
        parent_commit=base,
        create_pr=True,
    )
    assert outcome.pr_num == 1
    assert state.pull_refs[1] == outcome.oid
    assert state.commit(outcome.oid).parent == base
    pull = state.discussions[1]
    assert (pull.status, pull.title, pull.target_branch) == ("open", "Add a", "main")
    assert [event.type for event in pull.events] == ["comment", "commit"]

    again = commit_operations(state, "refs/pr/1", [PutFile("b", "2")], author="u", message="More")
    assert again.pr_num == 1 and state.pull_refs[1] == again.oid
    assert [event.type for event in state.discussions[1].events][-1] == "commit"


def test_create_pr_needs_a_branch() -> None:
    state = new_repo()
    with pytest.raises(SandboxHttpError) as caught:
        commit_operations(
            state, state.branches["main"], [], author="u", message="m", create_pr=True
        )
    assert caught.value.http_status == 400


def test_merge_fast_forwards_or_replays_or_reports_conflicts() -> None:
    state = new_repo({"README.md": "r1", "x": "x1"})
    base = state.branches["main"]
    pr = commit_operations(
        state, "main", [PutFile("README.md", "r2")], author="u", message="pr", create_pr=True
    )
    assert fork_point(state, pr.oid, base) == base
    assert merge(state, pr.oid, base).fast_forward

    commit_operations(state, "main", [PutFile("x", "x2")], author="u", message="main moves")
    replayed = merge(state, pr.oid, state.branches["main"])
    assert not replayed.fast_forward and not replayed.conflicts
    assert replayed.files == {"README.md": "r2", "x": "x2"}

    commit_operations(state, "main", [PutFile("README.md", "r3")], author="u", message="clash")
    assert merge(state, pr.oid, state.branches["main"]).conflicts == ("README.md",)


def test_render_diff_is_a_unified_diff() -> None:
    blobs = {"o": b"line 1\nline 2\n", "n": b"line 1\nline two\n", "bin": b"\xff\xfe"}
    diff = render_diff(
        {"a.txt": "o", "gone": "o"}, {"a.txt": "n", "b.bin": "bin"}, blobs.__getitem__
    )
    assert "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n" in diff
    assert "-line 2\n+line two\n" in diff
    assert "Binary files a/b.bin and b/b.bin differ" in diff
    assert "+++ /dev/null" in diff


def test_codec_round_trips_a_repo() -> None:
    state = new_repo()
    commit_operations(state, "main", [PutFile("a", "1")], author="u", message="m", create_pr=True)
    state.discussions[2] = Discussion(2, "Question", "v", timestamp(), False, "open")
    restored = state_from_json(state_to_json(state))
    assert restored == state
    with pytest.raises(ValueError, match="unsupported sandbox store format"):
        state_from_json({**state_to_json(state), "format": 99})
