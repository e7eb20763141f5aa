"""Property: applying a plan's files and planning again reports no changes, and every byte
hfeval does not manage (README body, other front-matter keys) is unchanged."""

from __future__ import annotations

from datetime import date

from builders import desired_repo
from hypothesis import HealthCheck, given, settings, strategies as st

from hfeval.card import parse_card
from hfeval.diff import ObservedRepo, plan_repo

TODAY = date(2026, 11, 29)
LABELS = ["MMLU", "GSM8K", "MMLU-Pro", "GPQA Diamond", "HumanEval", "Acme QA", "HLE", "IFEval"]

values = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False).map(
    lambda v: round(v, 2)
)
scores = st.dictionaries(st.sampled_from(LABELS), values, min_size=1, max_size=6)
other_keys = st.lists(
    st.sampled_from(
        [
            "license: apache-2.0",
            "library_name: transformers  # comment",
            "tags:\n- chat\n- 'quoted'",
            'pipeline_tag: "text-generation"',
            "language: [en, fr]",
            "# a comment line",
            "datasets:\n  - a/b",
        ]
    ),
    max_size=4,
    unique=True,
)
bodies = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r"),
    max_size=200,
).map(lambda body: "# Title\n\n" + body)


def make_card(keys: list[str], body: str, crlf: bool) -> str:
    text = "---\n" + "".join(k + "\n" for k in keys) + "---\n" + body
    return text.replace("\n", "\r\n") if crlf else text


def desired_for(score_values: dict[str, float], prune: bool):
    return desired_repo(score_values, targets=("model-index", "eval-results"), prune=prune)


def apply_files(files: dict[str, str], plan) -> dict[str, str]:
    result = dict(files)
    for change in plan.files:
        if change.content is None:
            result.pop(change.path, None)
        else:
            result[change.path] = change.content
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    keys=other_keys,
    body=bodies,
    crlf=st.booleans(),
    first=scores,
    second=scores,
    prune=st.booleans(),
)
def test_apply_then_plan_is_a_no_op_and_unmanaged_bytes_survive(
    keys: list[str],
    body: str,
    crlf: bool,
    first: dict[str, float],
    second: dict[str, float],
    prune: bool,
) -> None:
    card = make_card(keys, body, crlf)
    files = {"README.md": card}
    for scores_now in (first, second):
        want = desired_for(scores_now, prune)
        plan = plan_repo(want, ObservedRepo("main", "a" * 40, files), mode="commit", today=TODAY)
        files = apply_files(files, plan)
        again = plan_repo(want, ObservedRepo("main", "b" * 40, files), mode="commit", today=TODAY)
        assert again.files == (), again.changed_metrics
        readme = files["README.md"]
        newline = "\r\n" if crlf else "\n"
        assert readme.endswith(newline + "---" + newline + body.replace("\n", newline))
        original = parse_card(card, where="original").metadata()
        rewritten = parse_card(readme, where="rewritten").metadata()
        for key, value in original.items():
            assert rewritten[key] == value
        for line in keys:
            assert line.replace("\n", newline) in readme
