"""The pinned sentences: values, headers, summary variants, trimming and redaction."""

from __future__ import annotations

import pytest
from render_plans import SHA_A, conflict_plan, metric, plan, repo, unchanged_repo

from hfeval.plan import Action, Delivery, Selection
from hfeval.render import render_json, render_markdown, render_text
from hfeval.render.common import format_value, repo_header, summary_line, trim_names


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (68.3, "68.3"),
        (86.0, "86.0"),
        (0.652, "0.652"),
        (86, "86"),
        ("n/a", '"n/a"'),
        (None, "(none)"),
    ],
)
def test_values_print_as_written(value: float | str | None, text: str) -> None:
    assert format_value(value) == text


def test_values_use_the_shortest_repr_and_are_never_rounded() -> None:
    assert format_value(68.3) == "68.3"
    assert format_value(0.1 + 0.2) == "0.30000000000000004"  # shortest repr: honest, not rounded


@pytest.mark.parametrize(
    ("fields", "header"),
    [
        (
            {"delivery": Delivery.COMMIT},
            "acme/m will be updated by direct commit (README.md @ main 9f3c2a1)",
        ),
        (
            {"delivery": Delivery.NEW_PR},
            "acme/m will be updated via pull request (README.md @ main 9f3c2a1)",
        ),
        (
            {"delivery": Delivery.UPDATE_PR, "pr_num": 14},
            "acme/m will be updated via pull request #14 (README.md @ main 9f3c2a1)",
        ),
        (
            {"delivery": Delivery.PR_UP_TO_DATE, "pr_num": 7},
            "acme/m: open pull request #7 already has these changes",
        ),
        (
            {"error": "README.md front matter cannot be parsed\n(bad indent)"},
            "acme/m could not be planned: README.md front matter cannot be parsed (bad indent)",
        ),
    ],
)
def test_repo_headers(fields: dict[str, object], header: str) -> None:
    assert repo_header(repo("acme/m", base_commit=SHA_A, **fields)) == header


def test_no_changes_with_a_selection_says_what_was_not_checked() -> None:
    selected = plan(
        *(unchanged_repo(f"acme/m{n}") for n in range(3)),
        selection=Selection(include=("acme/m*",), selected=3, excluded=("a", "b") * 19),
    )
    assert summary_line(selected) == "No changes for the 3 selected specs (38 not checked)."


def test_conflicts_only_with_a_selection() -> None:
    base = conflict_plan()
    selected = plan(
        *base.repos, selection=Selection(exclude=("x/*",), selected=2, excluded=("specs/x/a.yaml",))
    )
    assert summary_line(selected) == (
        "No changes to apply for the 2 selected specs (1 not checked). "
        "1 conflict left as it is (see above)."
    )
    assert "(see below)" in render_markdown(selected)


def test_few_excluded_specs_are_named_in_the_warning() -> None:
    selected = plan(
        unchanged_repo("acme/a"),
        selection=Selection(exclude=("x/*",), selected=1, excluded=("specs/x/b.yaml",)),
    )
    assert render_text(selected).startswith(
        "Warning: selection in effect: 1 of 2 specs planned; 1 excluded and not checked "
        "(specs/x/b.yaml).\n"
    )


def test_plural_and_optional_counts() -> None:
    changed = plan(
        repo(
            "acme/a",
            delivery=Delivery.COMMIT,
            metrics=(
                metric("mmlu", Action.CREATE, None, 1.0),
                metric("gsm8k", Action.UPDATE, 1.0, 1.0, category="metadata"),
            ),
        ),
        *conflict_plan().repos[:1],
    )
    assert summary_line(changed) == (
        "Plan: 1 repo to update (1 metric to add, 0 to change, 0 to remove, 1 metadata-only); "
        "1 repo unchanged, 1 conflict left as it is."
    )


def test_trim_names_keeps_the_first_and_last_few() -> None:
    names = [f"r{n}" for n in range(12)]
    assert trim_names(names[:10]) == ", ".join(names[:10])
    assert trim_names(names) == "r0, r1, r2 … 7 more … r10, r11"
    assert trim_names(names, full=True) == ", ".join(names)


def test_tokens_never_reach_any_view() -> None:
    token = "hf_" + "AbCdEf0123456789" * 2 + "xy"
    leaky = plan(repo("acme/a", error=f"401 Unauthorized for token {token}"))
    for render in (render_text, render_markdown, render_json):
        output = render(leaky)
        assert token not in output
        assert "hf_***" in output
