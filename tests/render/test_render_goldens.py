"""Golden renderings of hand-built plans: text (no colour), markdown and JSON, every situation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_regressions.file_regression import FileRegressionFixture
from render_plans import CASES, big_plan, noop_plan, update_plan

from hfeval.render import render_json, render_markdown, render_text

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "render"


def check(file_regression: FileRegressionFixture, text: str, path: Path) -> None:
    file_regression.check(text.encode("utf-8"), binary=True, fullpath=path)


@pytest.mark.parametrize("case", sorted(CASES))
def test_text_golden(case: str, file_regression: FileRegressionFixture) -> None:
    check(file_regression, render_text(CASES[case]()), GOLDEN / "text" / f"{case}.txt")


@pytest.mark.parametrize("case", sorted(CASES))
def test_markdown_golden(case: str, file_regression: FileRegressionFixture) -> None:
    check(file_regression, render_markdown(CASES[case]()), GOLDEN / "markdown" / f"{case}.md")


@pytest.mark.parametrize("case", sorted(CASES))
def test_json_golden(case: str, file_regression: FileRegressionFixture) -> None:
    check(file_regression, render_json(CASES[case]()), GOLDEN / "json" / f"{case}.json")


def test_text_saved_footer_golden(file_regression: FileRegressionFixture) -> None:
    text = render_text(update_plan(), saved_to=".hfeval/plan.json")
    check(file_regression, text, GOLDEN / "text" / "update_saved.txt")


def test_text_show_unchanged_golden(file_regression: FileRegressionFixture) -> None:
    text = render_text(update_plan(), show_unchanged=True)
    check(file_regression, text, GOLDEN / "text" / "update_show_unchanged.txt")


def test_text_verbose_golden(file_regression: FileRegressionFixture) -> None:
    text = render_text(CASES["selection"](), verbose=True)
    check(file_regression, text, GOLDEN / "text" / "selection_verbose.txt")


def test_markdown_size_cap_golden(file_regression: FileRegressionFixture) -> None:
    plan = big_plan()
    assert len(render_markdown(plan, max_chars=10**7)) > 60_000  # the case really needs cutting
    check(file_regression, render_markdown(plan), GOLDEN / "markdown" / "size_cap.md")


def test_noop_text_is_exactly_the_no_changes_line() -> None:
    expected = "No changes. Hub metadata matches the specs (14 repos checked).\n"
    assert render_text(noop_plan()) == expected
