"""Did a commit whose answer was lost land? Read from the sandbox Hub, for branches and PRs."""

from __future__ import annotations

from collections.abc import Callable

from hfeval.hub import Hub
from hfeval.landed import landed_commit
from hfeval.sandbox import Sandbox

FILES = {"README.md": b"---\nlicense: mit\n---\n# new card\n", "old.txt": None}


def make_repo(hub_repo: Callable[..., str]) -> str:
    return hub_repo({"README.md": "# old card\n", "old.txt": "x"})


def test_a_branch_commit_landed_only_when_the_head_holds_the_files(
    sandbox: Sandbox, hub_repo: Callable[..., str]
) -> None:
    repo = make_repo(hub_repo)
    hub = Hub(sandbox.url)
    parent = sandbox.store.head(repo)

    def landed() -> object:
        return landed_commit(
            hub, repo, FILES, parent_commit=parent, revision="main", create_pr=False,
            description="d",
        )  # fmt: skip

    assert landed() is None  # the head did not move: nothing landed
    sandbox.store.commit_files(repo, {"README.md": "# someone else\n"})
    assert landed() is None  # it moved, but to someone else's content: send again (412)
    ours = sandbox.store.commit_files(
        repo, {"README.md": FILES["README.md"] or b""}, deletions=["old.txt"]
    ).oid
    result = landed_commit(
        hub, repo, FILES, parent_commit=parent, revision="main", create_pr=False, description="d"
    )
    assert result is not None and result.oid == ours and result.pr_num is None


def test_a_pull_request_landed_only_with_our_description_and_files(
    sandbox: Sandbox, hub_repo: Callable[..., str], other_user_token: str
) -> None:
    repo = make_repo(hub_repo)
    hub = Hub(sandbox.url)
    parent = sandbox.store.head(repo)
    description = "Evaluation results\n\n<!-- hfeval:managed -->\n"

    def landed() -> object:
        return landed_commit(
            hub, repo, FILES, parent_commit=parent, revision="main", create_pr=True,
            description=description,
        )  # fmt: skip

    other = Hub(sandbox.url, token=other_user_token)
    other.commit(repo, FILES, message="t", description=description, parent_commit=parent,
                 create_pr=True)  # fmt: skip
    assert landed() is None  # same text, but someone else's PR
    hub.commit(repo, FILES, message="t", description="another text", parent_commit=parent,
               create_pr=True)  # fmt: skip
    assert landed() is None  # ours, but not this write
    mine = hub.commit(
        repo, FILES, message="t", description=description, parent_commit=parent, create_pr=True
    )
    result = landed_commit(
        hub, repo, FILES, parent_commit=parent, revision="main", create_pr=True,
        description=description,
    )  # fmt: skip
    assert result is not None and result.pr_num == mine.pr_num and result.oid == mine.oid
    assert sandbox.store.head(repo) == parent  # main untouched throughout
