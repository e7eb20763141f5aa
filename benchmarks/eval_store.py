"""The evaluation result store's costs: run keys, writes, the plan's lookups, concurrent writers.

Times hashing `--runs` EvalRun keys, recording each as done (a small log copied in, temp file +
os.replace), reading every entry back (what `hfeval plan` does once per inspect run), and
`--writers` processes rewriting one entry under its lock at the same time.

    python benchmarks/eval_store.py [--runs 500] [--writers 4]
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from hfeval.evals.runs import EvalRun
from hfeval.evals.store import ResultStore

BASE = EvalRun(
    model_repo="acme/aurora-7b-instruct",
    model_sha="a" * 40,
    model_revision="c" * 64,
    model="hf-inference-providers/acme/aurora-7b-instruct",
    task="inspect_evals/gsm8k",
    task_ref="inspect_evals/gsm8k",
    task_version="0.26.0",
    inspect_version="0.3.285",
    generate={"temperature": 0, "max_tokens": 1024},
)
ROUNDS = 25


def _writer(root: str, log: str) -> None:
    store = ResultStore(Path(root))
    for _ in range(ROUNDS):
        with store.lock(BASE.key):
            store.record_done(BASE, Path(log))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--writers", type=int, default=4)
    args = parser.parse_args()
    runs = [replace(BASE, limit=i + 1) for i in range(args.runs)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        log = root / "log.json"
        log.write_text('{"results": {}}' + " " * 20_000, encoding="utf-8")
        store = ResultStore(root / "store")

        started = time.perf_counter()
        keys = [run.key for run in runs]
        hashing = time.perf_counter() - started
        started = time.perf_counter()
        for run in runs:
            store.record_done(run, log)
        writing = time.perf_counter() - started
        started = time.perf_counter()
        found = sum(1 for key in keys if store.get(key) is not None)
        reading = time.perf_counter() - started

        context = multiprocessing.get_context("fork")
        workers = [
            context.Process(target=_writer, args=(str(root / "store"), str(log)))
            for _ in range(args.writers)
        ]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        contended = time.perf_counter() - started
        whole = store.get(BASE.key) is not None

    per = 1e6 / args.runs
    print(f"runs: {args.runs}")
    print(f"key hashing:   {hashing * per:8.1f} µs/run")
    print(f"record_done:   {writing * per:8.1f} µs/run (20 kB log copied, atomic replace)")
    print(f"get (plan):    {reading * per:8.1f} µs/run ({found} found)")
    print(
        f"contention:    {args.writers} writers x {ROUNDS} locked writes of one key in "
        f"{contended:.2f} s; entry readable afterwards: {whole}"
    )


if __name__ == "__main__":
    main()
