"""`logs:` source costs: finding and reading lm-eval files, inspect log headers, inspect's import.

Writes `--files` lm-eval results files (the test fixture's shape, 7 tasks each) into a temporary
folder and times discovery + reading + turning them into observations; runs one tiny inspect task
with `mockllm` (offline) and times reading its header `--repeat` times; and times importing
inspect-ai in a fresh interpreter, the cost a plan without inspect logs never pays.

    python benchmarks/logs_read.py [--files 200] [--repeat 20]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from hfeval.registry import default_registry
from hfeval.sources.logs_files import local_log_files, read_log_files
from hfeval.sources.logs_inspect import read_inspect_log
from hfeval.sources.logs_result import logs_source_result

FIXTURE = (
    Path(__file__).parent.parent / "tests/sources/fixtures/lm_eval/results_2026-01-04T12-00-00.json"
)
MODEL = "acme/aurora-7b-instruct"

INSPECT_RUN = """
import sys
from inspect_ai import Task, eval
from inspect_ai.dataset import Sample
from inspect_ai.model import ModelOutput, ModelUsage, get_model
from inspect_ai.scorer import match
from inspect_ai.solver import generate

def out(text):
    o = ModelOutput.from_content(model="mockllm/model", content=text)
    o.usage = ModelUsage(input_tokens=3, output_tokens=1, total_tokens=4)
    return o

task = Task(name="gsm8k", dataset=[Sample(input=f"{i}+{i}?", target=str(2 * i)) for i in range(50)],
            solver=generate(), scorer=match(numeric=True))
model = get_model("mockllm/acme/aurora-7b-instruct", custom_outputs=[out("2")] * 50)
(log,) = eval(task, model=model, log_dir=sys.argv[1], display="none")
print(log.location)
"""


@dataclass(frozen=True)
class _Settings:
    publish_partial: bool = False
    metrics: dict[str, str] | None = None
    scale: str | None = None


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    registry = default_registry()
    text = FIXTURE.read_text()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for index in range(args.files):
            folder = root / "logs" / f"run{index:04d}"
            folder.mkdir(parents=True)
            (folder / FIXTURE.name).write_text(text)
        start = time.perf_counter()
        files = local_log_files(["logs/"], root)
        read = read_log_files(files)
        result = logs_source_result(
            read.runs,
            _Settings(),
            registry=registry,
            model=MODEL,
            source_url="https://huggingface.co/" + MODEL,
            task_type="text-generation",
        )
        total = _ms(start)
        print(f"lm-eval files: {args.files} x {len(json.loads(text)['results'])} tasks")
        print(f"find + read + observations:        {total:8.1f} ms")
        print(f"per file:                          {total / args.files:8.2f} ms")
        print(f"observations: {len(result.observations)}, notes: {len(result.notes)}")

        start = time.perf_counter()
        made = subprocess.run(
            [sys.executable, "-c", INSPECT_RUN, str(root / "inspect")],
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"one 50-sample mockllm inspect run (subprocess): {_ms(start):8.0f} ms")
        log = Path(made.stdout.strip().splitlines()[-1])
        read_inspect_log(log, "warm-up")  # the first call pays inspect-ai's import
        start = time.perf_counter()
        for _ in range(args.repeat):
            read_inspect_log(log, "x.eval")
        print(f"inspect .eval header read:         {_ms(start) / args.repeat:8.2f} ms")

    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import inspect_ai.log"], check=True)
    with_inspect = _ms(start)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import hfeval.planner"], check=True)
    print(f"python -c 'import inspect_ai.log':  {with_inspect:8.0f} ms")
    print(f"python -c 'import hfeval.planner':  {_ms(start):8.0f} ms (no inspect-ai)")


if __name__ == "__main__":
    main()
