"""`hfeval eval`'s progress displays: the live table on a terminal, lines in logs."""

from __future__ import annotations

import io

from rich.console import Console

from hfeval.cli.eval_progress import LineEvalProgress, RichEvalProgress
from hfeval.evals.runner import RunOutcome
from hfeval.evals.runs import EvalRun

RUN = EvalRun(
    model_repo="acme/aurora",
    model_sha=None,
    model_revision=None,
    model="mockllm/model",
    task="evals/arith.py@arith",
    task_ref="/x/evals/arith.py@arith",
    task_version=None,
    inspect_version=None,
)


def test_the_live_table_shows_task_samples_and_state() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    with RichEvalProgress(console) as progress:
        progress.started(RUN, total_samples=5)
        progress.samples(RUN, completed=3, total=5)
        progress.finished(RunOutcome(RUN, "done"))
    text = out.getvalue()
    assert "acme/aurora evals/arith.py@arith (mockllm/model)" in text
    assert "3/5" in text and "done" in text


def test_lines_for_logs() -> None:
    lines: list[str] = []
    with LineEvalProgress(lines.append) as progress:
        progress.started(RUN, total_samples=None)  # not known yet: nothing said
        progress.started(RUN, total_samples=5)
        progress.samples(RUN, completed=1, total=5)
        progress.message(RUN, "job 1 RUNNING")
        progress.finished(RunOutcome(RUN, "failed", error="boom"))
    assert lines[0] == "  started  acme/aurora evals/arith.py@arith (mockllm/model): 5 samples"
    assert lines[1] == "  acme/aurora evals/arith.py@arith (mockllm/model): job 1 RUNNING"
    assert lines[2].startswith("  failed   acme/aurora evals/arith.py@arith (mockllm/model) in ")
    assert len(lines) == 3
