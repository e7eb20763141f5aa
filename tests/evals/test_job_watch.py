"""How a job's log lines become progress (tests/evals/test_hf_jobs.py watches real jobs)."""

from __future__ import annotations

from pathlib import Path

from hfeval.evals.job_watch import report_line
from hfeval.evals.runner import RunOutcome
from hfeval.evals.runs import EvalRun, Versions, plan_runs


class Calls:
    def __init__(self) -> None:
        self.seen: list[object] = []

    def started(self, run: EvalRun, *, total_samples: int | None) -> None:
        self.seen.append(("started", total_samples))

    def samples(self, run: EvalRun, *, completed: int, total: int | None) -> None:
        self.seen.append((completed, total))

    def message(self, run: EvalRun, text: str) -> None:
        self.seen.append(text)

    def finished(self, outcome: RunOutcome) -> None:
        self.seen.append(outcome.state)


def test_log_lines_become_samples_and_messages() -> None:
    (run,) = plan_runs(
        tasks=("inspect_evals/gsm8k",),
        model="mockllm/model",
        model_repo="acme/x",
        model_sha=None,
        model_revision=None,
        spec_dir=Path("."),
        versions=Versions(None, None),
        task_file_hashes={},
    )
    calls = Calls()
    for line in [
        "generate     | Steps:  12/40  30% | Samples:  12/ 40 | accuracy: 0.5 | HTTP retries: 0",
        "-----------------------------------------",
        "   ",
        "accuracy  0.800   ",
        "hfeval-job: uploaded x",
    ]:
        report_line(calls, run, line)
    assert calls.seen == [(12, 40), "accuracy  0.800", "hfeval-job: uploaded x"]
