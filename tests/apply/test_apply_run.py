"""apply_plan against an in-memory Hub: every decision a repo can end in, and the exit codes."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from apply_builders import (
    BASE,
    NEW_README,
    OLD_README,
    OTHER,
    PR_HEAD,
    FakeHub,
    repo_plan,
)

from hfeval.apply import (
    PR_MARKER,
    ApplyReport,
    DryRunPublisher,
    HubPublisher,
    OutcomeKind,
    RepoOutcome,
    apply_plan,
    check_spec_hashes,
)
from hfeval.apply.checks import matches_plan
from hfeval.errors import HubError, PlanFileError, StalePlanError
from hfeval.plan import Action, Delivery, FileChange, Plan, PlanError, RepoPlan

REPO = "acme/aurora-7b"


def run(
    hub: FakeHub, *repos: RepoPlan, dry_run: bool = False, errors: tuple[PlanError, ...] = ()
) -> ApplyReport:
    plan = Plan(repos=tuple(repos), errors=errors)
    publisher = DryRunPublisher() if dry_run else HubPublisher(hub)
    return apply_plan(plan, hub, publisher, spec_root=None, parallelism=2)


def only(report: ApplyReport) -> RepoOutcome:
    (outcome,) = report.outcomes
    return outcome


@pytest.fixture
def hub() -> FakeHub:
    fake = FakeHub()
    fake.seed(REPO, {"README.md": OLD_README})
    return fake


def test_commit_lands_on_the_planned_parent(hub: FakeHub) -> None:
    outcome = only(run(hub, repo_plan()))
    assert outcome.kind is OutcomeKind.COMMITTED
    head = hub.heads[(REPO, "main")]
    assert outcome.commit == head != BASE
    assert hub.trees[head]["README.md"] == NEW_README
    assert hub.commits == [(REPO, "main", "Update evaluation results (3 metrics)")]


def test_moved_head_with_other_content_is_stale_and_nothing_is_written(hub: FakeHub) -> None:
    hub.seed(REPO, {"README.md": OLD_README + "edited\n"}, sha=OTHER)
    report = run(hub, repo_plan())
    outcome = only(report)
    assert outcome.kind is OutcomeKind.STALE
    assert outcome.detail == "main moved 9f3c2a1 -> 4d5e6f7 after the plan was made."
    assert hub.commits == []
    assert report.exit_code == 3


def test_moved_head_that_holds_the_plan_is_already_applied(hub: FakeHub) -> None:
    hub.seed(REPO, {"README.md": NEW_README}, sha=OTHER)
    report = run(hub, repo_plan())
    assert only(report).kind is OutcomeKind.ALREADY_APPLIED
    assert only(report).detail == "already applied (main 4d5e6f7 has this content)"
    assert report.exit_code == 0
    assert report.counts.unchanged == 1


def test_second_apply_of_the_same_plan_is_already_applied(hub: FakeHub) -> None:
    plan = repo_plan()
    assert only(run(hub, plan)).kind is OutcomeKind.COMMITTED
    again = run(hub, plan)
    assert only(again).kind is OutcomeKind.ALREADY_APPLIED
    assert len(hub.commits) == 1


def test_lost_race_at_commit_time_is_stale(hub: FakeHub) -> None:
    """The head was the base at check time; another writer landed before our commit."""

    def someone_else_lands_first(fake: FakeHub, repo_id: str) -> None:
        fake.seed(repo_id, {"README.md": "someone else\n"}, sha=OTHER)

    hub.before_commit = someone_else_lands_first
    outcome = only(run(hub, repo_plan()))
    assert outcome.kind is OutcomeKind.STALE
    assert outcome.detail == "main moved 9f3c2a1 -> 4d5e6f7 after the plan was made."


def test_new_pr_opens_one_pull_request_with_the_marker(hub: FakeHub) -> None:
    outcome = only(run(hub, repo_plan(delivery=Delivery.NEW_PR)))
    assert outcome.kind is OutcomeKind.PR_OPENED
    assert outcome.pr_num == 1
    assert outcome.url == "https://hub.test/acme/aurora-7b/discussions/1"
    (pr,) = hub.prs[REPO]
    assert pr.description.rstrip().endswith(PR_MARKER)
    assert hub.heads[(REPO, "main")] == BASE


def test_new_pr_found_open_with_the_same_content_is_already_applied(hub: FakeHub) -> None:
    hub.add_pr(REPO, 4, PR_HEAD, {"README.md": NEW_README})
    outcome = only(run(hub, repo_plan(delivery=Delivery.NEW_PR)))
    assert outcome.kind is OutcomeKind.ALREADY_APPLIED
    assert outcome.detail == "PR #4 already proposes these changes (no-op)"
    assert hub.commits == []


def test_new_pr_found_open_with_other_content_is_stale(hub: FakeHub) -> None:
    hub.add_pr(REPO, 4, PR_HEAD, {"README.md": "other\n"})
    outcome = only(run(hub, repo_plan(delivery=Delivery.NEW_PR)))
    assert outcome.kind is OutcomeKind.STALE
    assert "#4 was opened after the plan was made" in outcome.detail
    assert hub.commits == []


def test_prs_without_the_marker_or_by_others_are_not_ours(hub: FakeHub) -> None:
    hub.add_pr(REPO, 2, PR_HEAD, {"README.md": "x\n"}, description="a human PR")
    hub.add_pr(REPO, 3, OTHER, {"README.md": "y\n"}, author="someone-else")
    outcome = only(run(hub, repo_plan(delivery=Delivery.NEW_PR)))
    assert outcome.kind is OutcomeKind.PR_OPENED


def test_update_pr_pushes_to_the_pr_ref(hub: FakeHub) -> None:
    hub.add_pr(REPO, 7, PR_HEAD, {"README.md": OLD_README})
    plan = repo_plan(delivery=Delivery.UPDATE_PR, pr_num=7, pr_head=PR_HEAD)
    outcome = only(run(hub, plan))
    assert outcome.kind is OutcomeKind.PR_UPDATED
    assert outcome.url == "https://hub.test/acme/aurora-7b/discussions/7"
    assert hub.commits[-1][1] == "refs/pr/7"
    assert hub.trees[hub.heads[(REPO, "refs/pr/7")]]["README.md"] == NEW_README
    assert hub.heads[(REPO, "main")] == BASE


@pytest.mark.parametrize(
    ("status", "head", "files", "kind", "detail"),
    [
        ("closed", PR_HEAD, OLD_README, OutcomeKind.STALE, "pull request #7 is closed now."),
        ("open", OTHER, "other\n", OutcomeKind.STALE, "PR #7 moved 1a2b3c4 -> 4d5e6f7"),
        ("open", OTHER, NEW_README, OutcomeKind.ALREADY_APPLIED, "PR #7 already proposes"),
    ],
)
def test_update_pr_rechecks_the_pull_request(
    hub: FakeHub, status: str, head: str, files: str, kind: OutcomeKind, detail: str
) -> None:
    hub.add_pr(REPO, 7, head, {"README.md": files}, status=status)
    outcome = only(run(hub, repo_plan(delivery=Delivery.UPDATE_PR, pr_num=7, pr_head=PR_HEAD)))
    assert outcome.kind is kind
    assert outcome.detail.startswith(detail)
    assert hub.commits == []


def test_update_pr_of_a_missing_pull_request_is_stale(hub: FakeHub) -> None:
    outcome = only(run(hub, repo_plan(delivery=Delivery.UPDATE_PR, pr_num=9, pr_head=PR_HEAD)))
    assert outcome.kind is OutcomeKind.STALE


def test_server_error_fails_one_repo_and_the_others_go_on(hub: FakeHub) -> None:
    def server_error(fake: FakeHub, repo_id: str) -> None:
        if repo_id == "acme/broken":
            raise HubError("Hub request failed (500): boom", status=500, where=repo_id)

    flaky = FakeHub(before_commit=server_error)
    for repo in ("acme/broken", "acme/fine"):
        flaky.seed(repo, {"README.md": OLD_README})
    report = run(flaky, repo_plan("acme/broken"), repo_plan("acme/fine"))
    broken, fine = report.outcomes
    assert broken.kind is OutcomeKind.FAILED
    assert broken.detail.startswith("Hub request failed (500): boom\nThe write may have landed")
    assert fine.kind is OutcomeKind.COMMITTED
    assert report.exit_code == 1


def test_unexpected_exception_in_one_repo_is_reported_not_raised(hub: FakeHub) -> None:
    class BuggyHub(FakeHub):
        def head(self, repo_id: str, revision: str = "main") -> str:
            if repo_id == "acme/buggy":
                raise RuntimeError("bug")
            return super().head(repo_id, revision)

    buggy = BuggyHub()
    buggy.seed("acme/fine", {"README.md": OLD_README})
    report = run(buggy, repo_plan("acme/buggy"), repo_plan("acme/fine"))
    assert [o.kind for o in report.outcomes] == [OutcomeKind.FAILED, OutcomeKind.COMMITTED]
    assert "RuntimeError: bug" in report.outcomes[0].detail


def test_failed_and_unchanged_repos_from_the_plan(hub: FakeHub) -> None:
    failed = replace(repo_plan("acme/bad"), error="README.md front matter cannot be parsed")
    unchanged = replace(repo_plan("acme/same"), delivery=Delivery.NONE, files=())
    report = run(
        hub, failed, unchanged, errors=(PlanError("bad key", file="specs/x.yaml", line=3),)
    )
    kinds = {o.repo_id: o.kind for o in report.outcomes}
    assert kinds == {"acme/bad": OutcomeKind.FAILED, "acme/same": OutcomeKind.UNCHANGED}
    assert report.plan_errors == ("specs/x.yaml:3: bad key",)
    assert report.counts.failed == 2
    assert report.exit_code == 1


def test_failure_outranks_stale_in_the_exit_code(hub: FakeHub) -> None:
    hub.seed("acme/moved", {"README.md": "x\n"}, sha=OTHER)
    report = run(hub, repo_plan("acme/moved"), repo_plan("acme/missing"))
    assert {o.kind for o in report.outcomes} == {OutcomeKind.STALE, OutcomeKind.FAILED}
    assert report.exit_code == 1


def test_dry_run_checks_like_a_real_run_but_writes_nothing(hub: FakeHub) -> None:
    hub.seed("acme/moved", {"README.md": "x\n"}, sha=OTHER)
    report = run(hub, repo_plan(), repo_plan("acme/moved"), dry_run=True)
    described, stale = report.outcomes
    assert described.kind is OutcomeKind.COMMITTED and described.dry_run
    assert described.detail == (
        "commit to main, parent 9f3c2a1, 1 file (README.md), "
        'title "Update evaluation results (3 metrics)"'
    )
    assert stale.kind is OutcomeKind.STALE
    assert hub.commits == []
    assert report.urls == ()


def test_deleting_a_file_is_already_applied_only_when_it_is_gone(hub: FakeHub) -> None:
    delete = (FileChange(".eval_results/mmlu.yaml", Action.DELETE, None, None),)
    assert matches_plan(delete, {".eval_results/mmlu.yaml": None})
    assert not matches_plan(delete, {".eval_results/mmlu.yaml": "- value: 1\n"})
    hub.trees[BASE][".eval_results/mmlu.yaml"] = "- value: 1\n"
    outcome = only(run(hub, repo_plan(files=delete)))
    assert outcome.kind is OutcomeKind.COMMITTED
    assert ".eval_results/mmlu.yaml" not in hub.trees[hub.heads[(REPO, "main")]]


def test_tampered_file_content_refuses_the_whole_plan(hub: FakeHub) -> None:
    good = FileChange.write("README.md", NEW_README, Action.UPDATE)
    tampered = replace(good, content=NEW_README + "sneaky\n")
    with pytest.raises(PlanFileError, match="does not match its recorded sha256"):
        run(hub, repo_plan(files=(tampered,)))
    assert hub.commits == []


def test_spec_hashes_refuse_an_edited_spec(tmp_path: Path) -> None:
    spec = tmp_path / "specs" / "acme" / "x.yaml"
    spec.parent.mkdir(parents=True)
    spec.write_text("model: acme/x\n")
    digest = hashlib.sha256(spec.read_bytes()).hexdigest()
    hashes = {
        "specs/acme/x.yaml": digest,
        "specs/acme/gone.yaml": "0" * 64,  # deleted since: not checked
    }
    check_spec_hashes(Plan(repos=(), spec_hashes=hashes), tmp_path)
    check_spec_hashes(
        Plan(repos=(), spec_hashes={"specs/acme/x.yaml": f"sha256:{digest}"}), tmp_path
    )
    spec.write_text("model: acme/x\nname: changed\n")
    with pytest.raises(StalePlanError) as raised:
        check_spec_hashes(Plan(repos=(), spec_hashes=hashes), tmp_path)
    assert str(raised.value) == (
        'specs changed since the plan was saved (specs/acme/x.yaml). Run "hfeval plan" again.'
    )


def test_edited_spec_stops_before_any_read(hub: FakeHub, tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("edited\n")
    plan = Plan(repos=(repo_plan(),), spec_hashes={"x.yaml": "0" * 64})
    with pytest.raises(StalePlanError):
        apply_plan(plan, hub, HubPublisher(hub), spec_root=tmp_path)
    assert hub.commits == []


def test_progress_callback_sees_every_repo(hub: FakeHub) -> None:
    seen: list[str] = []
    unchanged = replace(repo_plan("acme/same"), delivery=Delivery.NONE, files=())
    plan = Plan(repos=(repo_plan(), unchanged))
    apply_plan(
        plan, hub, HubPublisher(hub), spec_root=None, on_outcome=lambda o: seen.append(o.repo_id)
    )
    assert sorted(seen) == ["acme/aurora-7b", "acme/same"]
