"""Commit and PR texts: golden renderings with provenance, determinism, overrides, the marker."""

from __future__ import annotations

from pathlib import Path

import pytest
from apply_builders import BASE, repo_plan
from pytest_regressions.file_regression import FileRegressionFixture

from hfeval.apply import PR_MARKER, MessageRenderer
from hfeval.apply.messages import TEMPLATE_NAMES, TemplateRenderError, format_value, markdown_cell
from hfeval.plan import Delivery

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "apply"
FINGERPRINT = "sha256:" + "ab" * 32
FIELDS = ("commit_title", "commit_body", "pr_title", "pr_description")
SUFFIX = {"commit_title": "txt", "commit_body": "txt", "pr_title": "txt", "pr_description": "md"}


@pytest.mark.parametrize("field", FIELDS)
def test_default_templates_golden(field: str, file_regression: FileRegressionFixture) -> None:
    messages = MessageRenderer().render(
        repo_plan(delivery=Delivery.NEW_PR), fingerprint=FINGERPRINT
    )
    text = getattr(messages, field)
    path = GOLDEN / "messages" / f"{field}.{SUFFIX[field]}"
    file_regression.check(text.encode("utf-8"), binary=True, fullpath=path)


def test_every_change_carries_its_provenance_and_link() -> None:
    messages = MessageRenderer().render(repo_plan(), fingerprint=FINGERPRINT)
    for text in (messages.commit_body, messages.pr_description):
        assert 'README table 2, column "Aurora-7B", line 57' in text
        assert "https://huggingface.co/acme/aurora-7b/blob/9f3c2a1/README.md#L57" in text
        assert "https://artificialanalysis.ai/models/aurora-7b" in text
        assert "inspect log logs/gsm8k.eval, 1319 samples" in text
        assert "hellaswag" not in text  # unchanged metrics are not listed


def test_rendering_is_deterministic() -> None:
    first = MessageRenderer().render(repo_plan(), fingerprint=FINGERPRINT)
    second = MessageRenderer().render(repo_plan(), fingerprint=FINGERPRINT)
    assert first == second


def test_pr_description_ends_with_fingerprint_and_marker() -> None:
    description = MessageRenderer().render(repo_plan(), fingerprint=FINGERPRINT).pr_description
    assert description.endswith(f"<!-- hfeval:plan fingerprint={FINGERPRINT} -->\n{PR_MARKER}\n")


def test_a_spec_repo_overrides_one_template(tmp_path: Path) -> None:
    (tmp_path / "commit_title.j2").write_text(
        "evals: {{ model_name }} @ {{ base_short }}\n\n(ignored second line)\n"
    )
    messages = MessageRenderer(tmp_path).render(repo_plan(), fingerprint=FINGERPRINT)
    assert messages.commit_title == "evals: Aurora-7B @ 9f3c2a1 (ignored second line)"
    default = MessageRenderer().render(repo_plan(), fingerprint=FINGERPRINT)
    assert messages.commit_body == default.commit_body


def test_an_overriding_description_still_gets_the_marker(tmp_path: Path) -> None:
    (tmp_path / "pr_description.j2").write_text(
        "{% for c in changes %}{{ c.metric }}={{ c.after }} {% endfor %}\n"
    )
    description = MessageRenderer(tmp_path).render(repo_plan(), fingerprint=FINGERPRINT)
    text = description.pr_description
    assert text.startswith("mmlu=68.3 gpqa=0.661 exact_match=None")
    assert text.rstrip().endswith(PR_MARKER)


def test_an_unknown_field_in_an_override_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "pr_title.j2").write_text("{{ modle_name }}\n")
    with pytest.raises(TemplateRenderError) as raised:
        MessageRenderer(tmp_path).render(repo_plan(), fingerprint=FINGERPRINT)
    assert raised.value.where == str(tmp_path / "pr_title.j2")
    assert "modle_name" in raised.value.message
    assert raised.value.hint is not None and "model_name" in raised.value.hint


def test_all_templates_ship_with_the_package() -> None:
    root = Path(__file__).resolve().parents[2] / "hfeval" / "templates"
    assert sorted(p.name for p in root.glob("*.j2")) == sorted(TEMPLATE_NAMES)


def test_context_exposes_base_and_delivery() -> None:
    from hfeval.apply.messages import message_context

    context = message_context(
        repo_plan(delivery=Delivery.UPDATE_PR, pr_num=7), fingerprint=FINGERPRINT
    )
    assert (context.base_commit, context.base_short) == (BASE, BASE[:7])
    assert (context.delivery, context.pr_num) == ("update-pr", 7)
    assert [c.symbol for c in context.changes] == ["+", "~", "-"]  # by dataset, any case
    assert (context.counts.added, context.counts.changed, context.counts.removed) == (1, 1, 1)


@pytest.mark.parametrize(
    ("value", "text"),
    [(68.3, "68.3"), (86.0, "86.0"), (0.661, "0.661"), ("n/a", "n/a"), (None, None)],
)
def test_format_value(value: float | str | None, text: str | None) -> None:
    assert format_value(value) == text


def test_markdown_cell_escapes_pipes_and_newlines() -> None:
    assert markdown_cell("a | b\nc") == "a \\| b c"
    assert markdown_cell(None) == ""
