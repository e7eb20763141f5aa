"""Evaluation runs in a plan: summary counts, every view's lines, the saved plan's round trip and
apply's notice. Pure: plans built by hand."""

from __future__ import annotations

import json

from hfeval.evals.status import EvalStatus
from hfeval.plan import Plan, RepoPlan, plan_from_dict, plan_to_dict
from hfeval.render import render_json, render_markdown, render_text
from hfeval.render.evaluations import unpublished_notice

PENDING = EvalStatus(
    key="k1",
    task="inspect_evals/gsm8k",
    model="hf-inference-providers/acme/aurora",
    state="pending",
    where="hf-jobs a10g-small",
    samples="100 samples",
    benchmark="gsm8k",
)
RUNNING = EvalStatus(
    key="k2", task="inspect_evals/hle", model="m", state="running", where="hf-jobs cpu-basic",
    samples="all samples", job_id="job-7",
)  # fmt: skip
PARTIAL = EvalStatus(
    key="k3", task="inspect_evals/mmlu_0_shot", model="m", state="partial", where="local",
    samples="100 of 14,042 samples", value=71.0,
)  # fmt: skip
FAILED = EvalStatus(
    key="k4", task="evals/arith.py@arith", model="m", state="failed", where="local",
    samples="all samples", detail="error: RuntimeError: boom\nsecond line",
)  # fmt: skip
DONE = EvalStatus(
    key="k5", task="evals/sums.py@sums", model="m", state="done", where="local",
    samples="5 samples", value=80.0, published=True,
)  # fmt: skip


def _plan(*evaluations: EvalStatus) -> Plan:
    repo = RepoPlan(
        repo_id="acme/aurora",
        spec_path="specs/aurora.yaml",
        model_name="aurora",
        mode="commit",
        base_commit="a" * 40,
        evaluations=evaluations,
    )
    return Plan(repos=(repo,))


def test_summary_counts_pending_and_withheld_runs() -> None:
    summary = _plan(PENDING, RUNNING, PARTIAL, FAILED, DONE).summary
    assert (summary.evaluations_pending, summary.evaluations_withheld) == (2, 2)
    assert not summary.has_changes


def test_text_shows_every_unpublished_run_and_the_summary_says_what_to_do() -> None:
    text = render_text(_plan(PENDING, RUNNING, PARTIAL, FAILED, DONE))
    assert text.splitlines()[:6] == [
        "  # acme/aurora: no changes to apply (README.md @ main aaaaaaa)",
        "    # evaluations not published by this plan:",
        "    ? inspect_evals/gsm8k = (known after eval)  # would run hf-jobs a10g-small: "
        "hf-inference-providers/acme/aurora, 100 samples",
        "    ? inspect_evals/hle = (known after eval)  # running as job job-7 (hf-jobs cpu-basic)",
        "    ! inspect_evals/mmlu_0_shot = 71.0  partial: 100 of 14,042 samples  "
        "# not published (publish_partial: true publishes it)",
        "    ! evals/arith.py@arith: failed: error: RuntimeError: boom second line  "
        "# nothing published",
    ]
    assert "sums" not in text  # published runs are shown as metrics, not here
    assert text.rstrip().endswith(
        "No changes. Hub metadata matches the specs (1 repo checked). 2 evaluations known after "
        'eval (run "hfeval eval"); 2 evaluations not published.'
    )


def test_markdown_and_json_carry_the_runs() -> None:
    markdown = render_markdown(_plan(PENDING, FAILED))
    assert "\n?   inspect_evals/gsm8k = (known after eval)" in markdown  # symbol in column 1
    assert "1 evaluation known after eval" in markdown
    data = json.loads(render_json(_plan(PENDING, FAILED)))
    assert data["summary"]["evaluations"] == {"pending": 1, "not_published": 1}
    assert [e["state"] for e in data["changes"][0]["evaluations"]] == ["pending", "failed"]


def test_a_plan_without_runs_has_no_evaluation_keys() -> None:
    data = plan_to_dict(_plan())
    assert "evaluations" not in data["summary"] and "evaluations" not in data["changes"][0]
    assert render_text(_plan()).endswith("(1 repo checked).\n")


def test_the_saved_plan_keeps_the_runs() -> None:
    plan = _plan(PENDING, PARTIAL, DONE)
    again = plan_from_dict(json.loads(json.dumps(plan_to_dict(plan))))
    assert again.repos[0].evaluations == (PENDING, PARTIAL, DONE)
    assert again.fingerprint == plan.fingerprint


def test_apply_lists_what_it_did_not_publish() -> None:
    assert unpublished_notice(_plan(DONE)) is None
    assert unpublished_notice(_plan(PENDING, FAILED, DONE)) == (
        "Not published: 2 evaluations this plan did not have:\n"
        "  acme/aurora inspect_evals/gsm8k: (known after eval)\n"
        "  acme/aurora evals/arith.py@arith: failed\n"
        '  run "hfeval eval", then "hfeval plan" and "hfeval apply" to publish them'
    )
