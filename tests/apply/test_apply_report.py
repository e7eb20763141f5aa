"""The apply report text: per-repo lines, stale and failure blocks, footer wording, URLs."""

from __future__ import annotations

from pathlib import Path

from pytest_regressions.file_regression import FileRegressionFixture

from hfeval.apply import ApplyReport, OutcomeKind, RepoOutcome, format_report
from hfeval.apply.report import format_footer

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "apply" / "report"
SHA = "c41a9e2b3d4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b"


def mixed_report() -> ApplyReport:
    return ApplyReport.build(
        [
            RepoOutcome(
                "acme/qwen-mini",
                OutcomeKind.COMMITTED,
                url=f"https://hub.test/acme/qwen-mini/commit/{SHA}",
                commit=SHA,
            ),
            RepoOutcome(
                "acme/llama-8b-instruct",
                OutcomeKind.PR_UPDATED,
                url="https://hub.test/acme/llama-8b-instruct/discussions/14",
                pr_num=14,
                revision="refs/pr/14",
            ),
            RepoOutcome(
                "acme/new-pr",
                OutcomeKind.PR_OPENED,
                url="https://hub.test/acme/new-pr/discussions/3",
                pr_num=3,
            ),
            RepoOutcome(
                "acme/again",
                OutcomeKind.ALREADY_APPLIED,
                "already applied (main c41a9e2 has this content)",
            ),
            RepoOutcome(
                "acme/moved",
                OutcomeKind.STALE,
                "main moved 9f3c2a1 -> 4d5e6f7 after the plan was made.",
            ),
            RepoOutcome(
                "acme/down",
                OutcomeKind.FAILED,
                "Hub request failed (503): unavailable\nThe write may have landed anyway.",
            ),
            RepoOutcome("acme/same", OutcomeKind.UNCHANGED),
        ],
        ["specs/bad.yaml:3: unknown key"],
    )


def check(file_regression: FileRegressionFixture, text: str, name: str) -> None:
    file_regression.check(text.encode("utf-8"), binary=True, fullpath=GOLDEN / name)


def test_mixed_report_golden(file_regression: FileRegressionFixture) -> None:
    text = format_report(mixed_report())
    check(file_regression, text.out, "mixed_stdout.txt")
    check(file_regression, text.err, "mixed_stderr.txt")


def test_dry_run_report_golden(file_regression: FileRegressionFixture) -> None:
    report = ApplyReport.build(
        [
            RepoOutcome(
                "acme/qwen-mini",
                OutcomeKind.COMMITTED,
                'commit to main, parent 9f3c2a1, 1 file (README.md), title "Update evaluation '
                'results (3 metrics)"',
                dry_run=True,
                preview="Update evaluation results (3 metrics)\n\nAurora-7B: 1 added.\n",
            ),
            RepoOutcome("acme/same", OutcomeKind.UNCHANGED),
        ],
        dry_run=True,
    )
    check(file_regression, format_report(report).out, "dry_run_stdout.txt")


def test_footer_matches_the_documented_wording() -> None:
    report = ApplyReport.build(
        [
            RepoOutcome("a/1", OutcomeKind.COMMITTED, commit=SHA),
            RepoOutcome("a/2", OutcomeKind.PR_UPDATED, pr_num=1),
            *(RepoOutcome(f"b/{n}", OutcomeKind.UNCHANGED) for n in range(12)),
        ]
    )
    assert format_footer(report) == (
        "Apply complete! Repos: 1 committed, 0 PRs opened, 1 PR updated, 0 stale, 12 unchanged."
    )
    assert report.exit_code == 0


def test_stale_block_for_a_fresh_plan_does_not_say_saved() -> None:
    report = ApplyReport.build(
        [RepoOutcome("acme/x", OutcomeKind.STALE, "main moved a -> b after the plan was made.")]
    )
    assert format_report(report, saved_plan=False).err.startswith("Error: plan is stale for acme/x")
    assert format_report(report).err == (
        "Error: saved plan is stale for acme/x\n"
        "  main moved a -> b after the plan was made. Nothing was written to this repo.\n"
        '  Run "hfeval plan" again.\n'
    )
    assert report.exit_code == 3


def test_urls_follow_the_footer_one_per_line() -> None:
    lines = format_report(mixed_report()).out.splitlines()
    footer = next(i for i, line in enumerate(lines) if "Repos:" in line)
    assert lines[footer + 1 :] == [
        "https://hub.test/acme/llama-8b-instruct/discussions/14",
        "https://hub.test/acme/new-pr/discussions/3",
        f"https://hub.test/acme/qwen-mini/commit/{SHA}",
    ]
