"""Every view says the same thing: summary numbers, "No changes" and the exit code agree.

The summary line is parsed back here only to check it; nothing in hfeval parses rendered text.
Hypothesis builds arbitrary plans so the agreement holds beyond the hand-built cases.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from render_plans import CASES, SHA_A, big_plan, metric, plan, repo

from hfeval.plan import (
    Action,
    Conflict,
    Delivery,
    MetricChange,
    Plan,
    PlanError,
    RepoPlan,
    Summary,
    plan_from_dict,
    plan_to_dict as to_dict,
)
from hfeval.plan_file import DEFAULT_PLAN_PATH
from hfeval.render import render_json, render_markdown, render_text

SUMMARY = re.compile(
    r"Plan: (?P<update>\d+) repos? to update \((?P<add>\d+) metrics? to add, "
    r"(?P<change>\d+) to change, (?P<remove>\d+) to remove(?:, (?P<meta>\d+) metadata-only)?\); "
    r"(?P<unchanged>\d+) repos? unchanged"
    r"(?:, (?P<conflicts>\d+) conflicts? left as (?:it is|they are))?"
    r"(?:, (?P<failed>\d+) repos? failed)?\."
)
NO_CHANGES = re.compile(r"^No changes", re.MULTILINE)


def parsed_summary(text: str) -> Summary | None:
    match = SUMMARY.search(text)
    if match is None:
        return None
    numbers = {k: int(v) if v else 0 for k, v in match.groupdict().items()}
    return Summary(
        repos_update=numbers["update"],
        repos_unchanged=numbers["unchanged"],
        repos_failed=numbers["failed"],
        metrics_add=numbers["add"],
        metrics_change=numbers["change"],
        metrics_remove=numbers["remove"],
        metadata_only=numbers["meta"],
        conflicts=numbers["conflicts"],
    )


def json_summary(plan_: Plan) -> Summary:
    data = json.loads(render_json(plan_))["summary"]
    return Summary(
        repos_update=data["repos"]["update"],
        repos_unchanged=data["repos"]["unchanged"],
        repos_failed=data["repos"]["failed"],
        metrics_add=data["metrics"]["add"],
        metrics_change=data["metrics"]["change"],
        metrics_remove=data["metrics"]["remove"],
        metadata_only=data["metrics"]["metadata_only"],
        conflicts=data["conflicts"],
    )


def assert_views_agree(plan_: Plan) -> None:
    text = render_text(plan_)
    markdown = render_markdown(plan_)
    summary = plan_.summary
    assert json_summary(plan_) == summary
    code = plan_.exit_code(detailed=True)
    if plan_.errors:
        assert code == 1
        assert text.startswith("Planning failed.")
        assert "Planning failed." in markdown
        return
    # "No changes" is printed exactly when the detailed exit code is 0.
    assert bool(NO_CHANGES.search(text)) == (code == 0)
    assert bool(NO_CHANGES.search(markdown)) == (code == 0)
    if code == 0:
        assert parsed_summary(text) is None
        return
    assert parsed_summary(text) == summary
    assert parsed_summary(markdown) == summary
    assert (code == 1) == (summary.repos_failed > 0)
    assert (code == 2) == (summary.repos_update > 0 and summary.repos_failed == 0)


@pytest.mark.parametrize("case", sorted(CASES))
def test_views_agree_with_summary_and_exit_code(case: str) -> None:
    assert_views_agree(CASES[case]())


@pytest.mark.parametrize("case", sorted(CASES))
def test_rendering_is_deterministic_and_survives_the_plan_file(case: str) -> None:
    original = CASES[case]()
    reloaded = plan_from_dict(json.loads(json.dumps(to_dict(original))))
    for render in (render_text, render_markdown, render_json):
        assert render(original) == render(original) == render(reloaded)


def test_repos_render_in_id_order_whatever_the_plan_order() -> None:
    first = repo(
        "acme/a", delivery=Delivery.COMMIT, metrics=(metric("x", Action.CREATE, None, 1.0),)
    )
    second = repo(
        "acme/b", delivery=Delivery.COMMIT, metrics=(metric("y", Action.CREATE, None, 2.0),)
    )
    forwards = Plan(repos=(first, second), hfeval_version="t")
    backwards = Plan(repos=(second, first), hfeval_version="t")
    assert render_text(forwards) == render_text(backwards)
    # The marker's fingerprint is Plan's (it hashes repos in the order given); the rest is ours.
    assert (
        render_markdown(forwards).rsplit("<!--", 1)[0]
        == (render_markdown(backwards).rsplit("<!--", 1)[0])
    )


def test_colour_only_when_asked_and_symbols_survive_without_it() -> None:
    plan_ = CASES["update"]()
    plain = render_text(plan_)
    coloured = render_text(plan_, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[32m+ result" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


@pytest.mark.parametrize(
    ("path", "command"),
    [(DEFAULT_PLAN_PATH, "hfeval apply"), ("ci/plan.json", "hfeval apply ci/plan.json")],
)
def test_saved_footer_names_the_apply_command(path: str, command: str) -> None:
    text = render_text(CASES["update"](), saved_to=path)
    assert text.endswith(f"Saved the plan to {path}. To apply exactly this plan: {command}\n")


def test_markdown_carries_the_fingerprint_marker() -> None:
    plan_ = CASES["update"]()
    marker = f"<!-- hfeval:plan fingerprint={plan_.fingerprint} format_version=1.0 -->"
    assert render_markdown(plan_).endswith(marker + "\n")


def test_json_leaves_file_contents_out() -> None:
    data = json.loads(render_json(CASES["create"]()))
    assert data["changes"][0]["files"][0].keys() == {"path", "actions", "sha256"}


# -- arbitrary plans ---------------------------------------------------------------------------

_values = st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda v: round(v, 2))


@st.composite
def metric_changes(draw: st.DrawFn, model: str) -> MetricChange:
    action = draw(st.sampled_from(list(Action)))
    before = None if action is Action.CREATE else draw(_values)
    after = None if action is Action.DELETE else draw(_values)
    return metric(
        draw(st.sampled_from(["mmlu", "gsm8k", "gpqa", "hle", "arc_c"])),
        action,
        before,
        after,
        model=model,
        dataset=draw(st.sampled_from(["cais/mmlu", "openai/gsm8k", "Idavidrein/gpqa"])),
        source=draw(st.sampled_from(["Model README", "Artificial Analysis"])),
        category=draw(st.sampled_from(["value", "value", "metadata"])),
        reason="pruned_not_in_spec" if action is Action.DELETE else None,
    )


@st.composite
def repo_plans(draw: st.DrawFn, index: int) -> RepoPlan:
    model = f"model-{index}"
    if draw(st.integers(0, 9)) == 0:
        return repo(f"acme/{model}", error="repository not found")
    delivery = draw(st.sampled_from(list(Delivery)))
    metrics = tuple(draw(st.lists(metric_changes(model), max_size=6)))
    conflicts = tuple(
        Conflict(m.key, 1.5, "Other", 2.5, None)
        for m in draw(st.lists(metric_changes(model), max_size=2))
    )
    return repo(
        f"acme/{model}",
        base_commit=SHA_A,
        delivery=delivery,
        pr_num=7 if delivery in (Delivery.UPDATE_PR, Delivery.PR_UP_TO_DATE) else None,
        metrics=metrics,
        conflicts=conflicts,
        unmanaged=tuple(draw(st.lists(st.tuples(st.just("Other"), st.integers(1, 3)), max_size=1))),
    )


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    count = draw(st.integers(0, 6))
    repos = [draw(repo_plans(i)) for i in range(count)]
    errors = (
        (PlanError("bad spec", file="specs/x.yaml", line=3),)
        if draw(st.booleans()) and not count
        else ()
    )
    return plan(*repos, errors=errors)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_arbitrary_plans_render_consistently(plan_: Plan) -> None:
    assert_views_agree(plan_)
    assert render_text(plan_, show_unchanged=True, verbose=True).endswith("\n")


@settings(max_examples=25, deadline=None)
@given(plans(), st.integers(min_value=1_500, max_value=6_000))
def test_markdown_stays_within_budget(plan_: Plan, max_chars: int) -> None:
    markdown = render_markdown(plan_, max_chars=max_chars)
    head_only = render_markdown(plan_, max_chars=0)
    assert len(markdown) <= max(max_chars, len(head_only))
    assert plan_.fingerprint in markdown


def test_markdown_trims_the_table_when_even_the_table_is_too_big() -> None:
    huge = big_plan(repos=3_000, metrics_per_repo=1)
    markdown = render_markdown(huge)
    assert len(markdown) <= 60_000
    assert re.search(r"^\| … and \d+ more repos \| \| \|$", markdown, re.MULTILINE)
    assert "3000 repo sections cut to keep this comment under 60,000 characters" in markdown
    assert parsed_summary(markdown) == huge.summary
