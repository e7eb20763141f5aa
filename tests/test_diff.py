"""Per-repo planning: README rewrites, invalid cards, delivery decisions against an open PR."""

from __future__ import annotations

from datetime import date

import pytest
from builders import desired_repo

from hfeval.card import parse_card
from hfeval.compile import DesiredRepo
from hfeval.diff import ObservedRepo, OpenPullRequest, RepoPlanningError, plan_repo
from hfeval.plan import Action, Delivery

TODAY = date(2026, 11, 29)
BASE = "a" * 40
CARD = """---
license: apache-2.0  # keep
tags: [chat]
---
# Model

| Benchmark | m |
|---|---|
| MMLU | 64.8 |
"""


def desired(
    values: dict[str, float], *, targets: tuple[str, ...] = ("model-index",), **flags: bool
) -> DesiredRepo:
    return desired_repo(values, targets=targets, **flags)


def observed(readme: str | None = CARD, **extra) -> ObservedRepo:
    files = {} if readme is None else {"README.md": readme}
    return ObservedRepo(revision="main", commit=BASE, files=files, **extra)


def test_commit_mode_rewrites_only_the_front_matter() -> None:
    plan = plan_repo(desired({"MMLU": 64.8}), observed(), mode="commit", today=TODAY)
    assert plan.delivery is Delivery.COMMIT and plan.base_commit == BASE
    (readme,) = plan.files
    assert readme.path == "README.md" and readme.action is Action.UPDATE
    assert readme.content is not None
    assert readme.content.startswith("---\nlicense: apache-2.0  # keep\ntags: [chat]\n")
    assert readme.content.endswith(CARD.split("---\n", 2)[2])
    card = parse_card(readme.content, where="README.md")
    assert card.get("model-index")[0]["results"][0]["metrics"][0]["value"] == 64.8


def test_planning_on_the_result_reports_no_changes() -> None:
    want = desired({"MMLU": 64.8})
    first = plan_repo(want, observed(), mode="commit", today=TODAY)
    new_readme = first.files[0].content
    again = plan_repo(want, observed(new_readme), mode="commit", today=TODAY)
    assert again.files == () and again.delivery is Delivery.NONE and not again.has_changes


def test_missing_readme_is_created_with_front_matter() -> None:
    plan = plan_repo(desired({"MMLU": 64.8}), observed(None), mode="commit", today=TODAY)
    (readme,) = plan.files
    assert readme.action is Action.CREATE and readme.content is not None
    assert readme.content.startswith("---\nmodel-index:\n")


def test_invalid_existing_model_index_is_left_alone_unless_replace_invalid() -> None:
    broken = "---\nmodel-index:\n- results: []\n---\nbody\n"
    with pytest.raises(RepoPlanningError, match=r'"model-index\[0\]\.name" is required'):
        plan_repo(desired({"MMLU": 1.0}), observed(broken), mode="commit", today=TODAY)
    plan = plan_repo(
        desired({"MMLU": 1.0}, replace_invalid=True), observed(broken), mode="commit", today=TODAY
    )
    assert plan.files[0].content is not None and plan.files[0].content.endswith("---\nbody\n")
    assert any("replace_invalid" in note for note in plan.notes)


def test_unparseable_front_matter_is_never_rewritten() -> None:
    with pytest.raises(RepoPlanningError, match="cannot be parsed"):
        plan_repo(desired({"MMLU": 1.0}), observed("---\na: [\n---\n"), mode="pr", today=TODAY)


def test_pr_mode_without_open_pr_opens_one() -> None:
    plan = plan_repo(desired({"MMLU": 64.8}), observed(), mode="pr", today=TODAY)
    assert plan.delivery is Delivery.NEW_PR and plan.pr_num is None


def test_pr_that_already_has_the_content_is_up_to_date() -> None:
    want = desired({"MMLU": 64.8})
    content = plan_repo(want, observed(), mode="commit", today=TODAY).files[0].content
    pr = OpenPullRequest(num=7, head="b" * 40, files={"README.md": content})
    plan = plan_repo(want, observed(open_pr=pr), mode="pr", today=TODAY)
    assert plan.delivery is Delivery.PR_UP_TO_DATE and plan.pr_num == 7
    assert not plan.has_changes


def test_pr_with_other_content_gets_an_update() -> None:
    stale = plan_repo(desired({"MMLU": 60.0}), observed(), mode="commit", today=TODAY)
    pr = OpenPullRequest(num=7, head="b" * 40, files={"README.md": stale.files[0].content})
    plan = plan_repo(desired({"MMLU": 64.8}), observed(open_pr=pr), mode="pr", today=TODAY)
    assert plan.delivery is Delivery.UPDATE_PR
    assert (plan.pr_num, plan.pr_head) == (7, "b" * 40)


def test_both_targets_write_readme_and_eval_file() -> None:
    want = desired({"MMLU-Pro": 35.1}, targets=("model-index", "eval-results"))
    plan = plan_repo(want, observed(), mode="commit", today=TODAY)
    assert [f.path for f in plan.files] == ["README.md", ".eval_results/mmlu_pro.yaml"]
    targets = {m.key.target for m in plan.metrics}
    assert targets == {"model-index", "eval-results"}
