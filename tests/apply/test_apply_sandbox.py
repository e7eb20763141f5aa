"""apply against the sandbox Hub through the real huggingface_hub client.

Repo plans are built by hand (what the planner would decide), so each test pins one situation:
commit, new PR, PR update, closed PR, stale and already-applied heads, racing applies, a 5xx on
one repo, dry runs and template overrides.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from apply_builders import OLD_README, card, repo_plan
from huggingface_hub import HfApi

import hfeval.hub as hub_module
from hfeval.apply import (
    PR_MARKER,
    ApplyReport,
    DryRunPublisher,
    HubPublisher,
    MessageRenderer,
    OutcomeKind,
    apply_plan,
)
from hfeval.hub import Hub
from hfeval.plan import Delivery, Plan, RepoPlan
from hfeval.sandbox import Sandbox

RepoFactory = Callable[..., str]


def apply(*repos: RepoPlan, dry_run: bool = False, templates: Path | None = None) -> ApplyReport:
    hub = Hub()
    publisher = DryRunPublisher() if dry_run else HubPublisher(hub)
    return apply_plan(
        Plan(repos=repos),
        hub,
        publisher,
        messages=MessageRenderer(templates),
        spec_root=None,
    )


def plan_for(
    sandbox: Sandbox,
    repo_id: str,
    value: float,
    *,
    delivery: Delivery = Delivery.COMMIT,
    pr_num: int | None = None,
    pr_head: str | None = None,
) -> RepoPlan:
    """A plan based on the repo's current main, writing an MMLU score of `value`."""
    return repo_plan(
        repo_id,
        base=sandbox.store.head(repo_id),
        content=card(value),
        delivery=delivery,
        pr_num=pr_num,
        pr_head=pr_head,
    )


def readme(sandbox: Sandbox, repo_id: str, revision: str = "main") -> str:
    return sandbox.store.read_file(repo_id, "README.md", revision).decode()


@pytest.fixture
def repo(hub_repo: RepoFactory) -> str:
    return hub_repo({"README.md": OLD_README})


def test_commit_mode_writes_main_with_the_templated_message(sandbox: Sandbox, repo: str) -> None:
    base = sandbox.store.head(repo)
    report = apply(plan_for(sandbox, repo, 68.3))
    (outcome,) = report.outcomes
    assert outcome.kind is OutcomeKind.COMMITTED
    assert readme(sandbox, repo) == card(68.3)
    latest = sandbox.store.history(repo)[0]
    assert (latest.sha, latest.parent) == (outcome.commit, base)
    assert latest.message == "Update evaluation results (3 metrics)"
    assert 'from README table 2, column "Aurora-7B", line 57' in latest.description
    assert report.urls == (f"{Hub().endpoint}/{repo}/commit/{outcome.commit}",)
    assert report.exit_code == 0


def test_commit_twice_is_already_applied(sandbox: Sandbox, repo: str) -> None:
    plan = plan_for(sandbox, repo, 68.3)
    apply(plan)
    commits = len(sandbox.store.history(repo))
    (again,) = apply(plan).outcomes
    assert again.kind is OutcomeKind.ALREADY_APPLIED
    assert again.detail.startswith("already applied (main ")
    assert len(sandbox.store.history(repo)) == commits


def test_pr_mode_opens_exactly_one_pr_and_a_rerun_keeps_it(sandbox: Sandbox, repo: str) -> None:
    plan = plan_for(sandbox, repo, 68.3, delivery=Delivery.NEW_PR)
    (opened,) = apply(plan).outcomes
    assert opened.kind is OutcomeKind.PR_OPENED
    assert opened.url == f"{Hub().endpoint}/{repo}/discussions/{opened.pr_num}"
    assert readme(sandbox, repo) == OLD_README  # main untouched
    assert readme(sandbox, repo, f"refs/pr/{opened.pr_num}") == card(68.3)
    (pr,) = Hub().pull_requests(repo, author=None, status="open")
    assert pr.title == "Evaluation results for Aurora-7B (3 metrics)"
    assert pr.description.rstrip().endswith(PR_MARKER)
    assert "[README table 2, column" in pr.description

    report = apply(plan)
    (again,) = report.outcomes
    assert again.kind is OutcomeKind.ALREADY_APPLIED
    assert again.detail == f"PR #{opened.pr_num} already proposes these changes (no-op)"
    assert len(sandbox.store.pull_requests(repo)) == 1
    assert report.exit_code == 0


def test_pr_update_pushes_a_commit_to_the_same_pr(sandbox: Sandbox, repo: str) -> None:
    (opened,) = apply(plan_for(sandbox, repo, 68.3, delivery=Delivery.NEW_PR)).outcomes
    assert opened.pr_num is not None
    pr_ref = f"refs/pr/{opened.pr_num}"
    pr_head = sandbox.store.head(repo, pr_ref)
    update = plan_for(
        sandbox,
        repo,
        70.1,
        delivery=Delivery.UPDATE_PR,
        pr_num=opened.pr_num,
        pr_head=pr_head,
    )
    (updated,) = apply(update).outcomes
    assert updated.kind is OutcomeKind.PR_UPDATED
    assert updated.pr_num == opened.pr_num
    assert readme(sandbox, repo, pr_ref) == card(70.1)
    assert sandbox.store.history(repo, pr_ref)[0].parent == pr_head
    assert [pr.num for pr in sandbox.store.pull_requests(repo)] == [opened.pr_num]
    (again,) = apply(update).outcomes
    assert again.kind is OutcomeKind.ALREADY_APPLIED


def test_closed_pr_is_stale_for_an_update_and_a_new_plan_opens_another(
    sandbox: Sandbox, repo: str
) -> None:
    (opened,) = apply(plan_for(sandbox, repo, 68.3, delivery=Delivery.NEW_PR)).outcomes
    assert opened.pr_num is not None
    pr_head = sandbox.store.head(repo, f"refs/pr/{opened.pr_num}")
    HfApi().change_discussion_status(repo, opened.pr_num, "closed")

    update = plan_for(
        sandbox, repo, 70.1, delivery=Delivery.UPDATE_PR, pr_num=opened.pr_num, pr_head=pr_head
    )
    (stale,) = apply(update).outcomes
    assert stale.kind is OutcomeKind.STALE
    assert stale.detail == f"pull request #{opened.pr_num} is closed now."

    (reopened,) = apply(plan_for(sandbox, repo, 70.1, delivery=Delivery.NEW_PR)).outcomes
    assert reopened.kind is OutcomeKind.PR_OPENED
    assert reopened.pr_num != opened.pr_num
    assert len(sandbox.store.pull_requests(repo, status="open")) == 1


def test_stale_commit_plan_writes_nothing_and_exits_3(sandbox: Sandbox, repo: str) -> None:
    plan = plan_for(sandbox, repo, 68.3)
    moved = sandbox.store.commit_files(repo, {"NOTES.md": "someone else\n"}).oid
    report = apply(plan)
    (outcome,) = report.outcomes
    assert outcome.kind is OutcomeKind.STALE
    base = str(plan.base_commit)
    assert outcome.detail == f"main moved {base[:7]} -> {moved[:7]} after the plan was made."
    assert sandbox.store.head(repo) == moved
    assert readme(sandbox, repo) == OLD_README
    assert report.exit_code == 3


def test_stale_new_pr_plan_opens_nothing(sandbox: Sandbox, repo: str) -> None:
    plan = plan_for(sandbox, repo, 68.3, delivery=Delivery.NEW_PR)
    sandbox.store.commit_files(repo, {"NOTES.md": "someone else\n"})
    (outcome,) = apply(plan).outcomes
    assert outcome.kind is OutcomeKind.STALE
    assert sandbox.store.pull_requests(repo) == []


def test_head_moved_to_the_planned_content_is_already_applied(sandbox: Sandbox, repo: str) -> None:
    plan = plan_for(sandbox, repo, 68.3)
    landed = sandbox.store.commit_files(repo, {"README.md": card(68.3)}).oid
    report = apply(plan)
    (outcome,) = report.outcomes
    assert outcome.kind is OutcomeKind.ALREADY_APPLIED
    assert outcome.detail == f"already applied (main {landed[:7]} has this content)"
    assert report.exit_code == 0


def test_two_concurrent_applies_one_wins_the_other_is_stale(sandbox: Sandbox, repo: str) -> None:
    plans = [plan_for(sandbox, repo, 68.3), plan_for(sandbox, repo, 71.9)]
    before = len(sandbox.store.history(repo))
    reports: dict[int, ApplyReport] = {}
    start = threading.Barrier(2)

    def run(index: int) -> None:
        start.wait()
        reports[index] = apply(plans[index])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    kinds = sorted(reports[i].outcomes[0].kind for i in range(2))
    assert kinds == sorted([OutcomeKind.COMMITTED, OutcomeKind.STALE])
    winner = next(i for i in range(2) if reports[i].outcomes[0].kind is OutcomeKind.COMMITTED)
    assert readme(sandbox, repo) == card((68.3, 71.9)[winner])
    assert len(sandbox.store.history(repo)) == before + 1  # no update lost, none duplicated


def test_server_error_on_one_repo_does_not_stop_the_others(
    sandbox: Sandbox, hub_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken, fine = hub_repo({"README.md": OLD_README}), hub_repo({"README.md": OLD_README})
    monkeypatch.setattr(hub_module, "_sleep", lambda seconds: None)
    # Permanent: a passing 503 would be retried (after checking it did not land) and succeed.
    sandbox.faults.add(
        method="POST", path_prefix=f"/api/models/{broken}/commit", status=503, times=None
    )
    report = apply(plan_for(sandbox, broken, 68.3), plan_for(sandbox, fine, 68.3))
    outcomes = {o.repo_id: o for o in report.outcomes}
    assert outcomes[broken].kind is OutcomeKind.FAILED
    assert "503" in outcomes[broken].detail
    assert outcomes[fine].kind is OutcomeKind.COMMITTED
    assert readme(sandbox, broken) == OLD_README
    assert readme(sandbox, fine) == card(68.3)
    assert report.exit_code == 1
    # A rerun finishes what the failure left.
    sandbox.faults.clear()
    (retried,) = apply(plan_for(sandbox, broken, 68.3)).outcomes
    assert retried.kind is OutcomeKind.COMMITTED


def test_dry_run_writes_nothing(sandbox: Sandbox, repo: str) -> None:
    history = len(sandbox.store.history(repo))
    report = apply(
        plan_for(sandbox, repo, 68.3),
        plan_for(sandbox, repo, 68.3, delivery=Delivery.NEW_PR),
        dry_run=True,
    )
    assert {o.kind for o in report.outcomes} == {OutcomeKind.COMMITTED, OutcomeKind.PR_OPENED}
    assert all(o.dry_run for o in report.outcomes)
    assert any(o.detail.startswith("pull request against main, parent") for o in report.outcomes)
    assert len(sandbox.store.history(repo)) == history
    assert sandbox.store.pull_requests(repo) == []


def test_overridden_templates_reach_the_hub(sandbox: Sandbox, repo: str, tmp_path: Path) -> None:
    (tmp_path / "pr_title.j2").write_text("[evals] {{ model_name }}\n")
    (tmp_path / "pr_description.j2").write_text(
        "{% for c in changes %}- {{ c.metric }}: {{ c.provenance }}\n{% endfor %}"
    )
    apply(plan_for(sandbox, repo, 68.3, delivery=Delivery.NEW_PR), templates=tmp_path)
    (pr,) = Hub().pull_requests(repo, author=None)
    assert pr.title == "[evals] Aurora-7B"
    assert pr.description.startswith('- mmlu: README table 2, column "Aurora-7B", line 57\n')
    assert pr.description.rstrip().endswith(PR_MARKER)
