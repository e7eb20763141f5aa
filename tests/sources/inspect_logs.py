"""Real inspect-ai logs for the logs-source tests, made by running tiny local tasks offline.

`mockllm/<org>/<name>` is inspect's scripted model; every scripted output sets `usage`, or inspect
would try to download a tokenizer to count tokens. Each task's dataset is three questions.

Run as a script (`python inspect_logs.py OUT_DIR`) it writes the logs `make_logs` lists and
prints their paths as JSON: the tests run it in a subprocess, so inspect's event loop and its
unclosed-stream warnings stay out of the test process.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Literal

from inspect_ai import Task, eval
from inspect_ai.dataset import Sample
from inspect_ai.model import ModelOutput, ModelUsage, get_model
from inspect_ai.scorer import match
from inspect_ai.solver import Generate, Solver, TaskState, generate, solver

MODEL = "acme/aurora-7b-instruct"
QUESTIONS = [("1+1?", "2"), ("2+2?", "4"), ("3+3?", "6")]


def _answer(text: str) -> ModelOutput:
    output = ModelOutput.from_content(model="mockllm/model", content=text)
    output.usage = ModelUsage(input_tokens=3, output_tokens=1, total_tokens=4)
    return output


@solver
def _crash() -> Solver:
    async def solve(state: TaskState, generate: Generate) -> TaskState:
        raise RuntimeError("sandbox unavailable")

    return solve


def _task(name: str, *, crash: bool = False) -> Task:
    return Task(
        name=name,
        dataset=[Sample(input=q, target=a) for q, a in QUESTIONS],
        solver=_crash() if crash else generate(),
        scorer=match(numeric=True),
    )


def run_inspect(
    log_dir: Path,
    *,
    task: str = "gsm8k",
    model: str = MODEL,
    answers: tuple[str, ...] = ("2", "4", "7"),
    log_format: Literal["eval", "json"] = "eval",
    crash: bool = False,
    **options: Any,
) -> Path:
    """Run one task with scripted answers; returns the log file inspect wrote."""
    mock = get_model(f"mockllm/{model}", custom_outputs=[_answer(a) for a in answers * 4])
    (log,) = eval(
        _task(task, crash=crash),
        model=mock,
        log_dir=str(log_dir),
        log_format=log_format,
        display="none",
        **options,
    )
    return Path(log.location)


def make_logs(root: Path) -> dict[str, str]:
    """Every log the tests use, by name."""
    logs = {
        "eval_log": run_inspect(root / "full"),
        "json_log": run_inspect(root / "json", log_format="json"),
        "partial": run_inspect(root / "partial", limit=2),
        "failed": run_inspect(root / "failed", crash=True),
        "other_model": run_inspect(root / "other", model="acme/other-model"),
        "unknown_task": run_inspect(root / "unknown", task="arith"),
    }
    return {name: str(path) for name, path in logs.items()}


if __name__ == "__main__":
    print(json.dumps(make_logs(Path(sys.argv[1]))))
