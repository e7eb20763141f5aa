"""Benchmark HF Jobs on the sandbox Hub and the hf-jobs runner, through the real client.

Prints: the round trip of a trivial job (create -> COMPLETED, polled), how long reading a long
finished log takes, `--parallel` trivial jobs at once, and one `hf-jobs` run of the offline arith
task (mockllm) from submission to the log collected into a result store, with the job's own
duration beside it (the rest is hfeval's polling, upload and collection).

    python benchmarks/sandbox_jobs.py [--rounds 10] [--lines 10000] [--parallel 4]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

# huggingface_hub reads these at import: keep its cache and telemetry out of the user's home.
os.environ.setdefault("HF_HOME", tempfile.mkdtemp(prefix="hfeval-bench-hf-home-"))
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
os.environ["HF_TOKEN"] = "hf_benchmark_dummy_token"

from huggingface_hub import HfApi

from hfeval.evals.hf_jobs import HfJobsRunner
from hfeval.evals.runner import NullProgress
from hfeval.evals.runs import JobsSettings, Versions, plan_runs
from hfeval.evals.store import ResultStore
from hfeval.sandbox import start_sandbox

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "evals" / "fixtures"


def trivial_job(api: HfApi, code: str) -> str:
    return api.run_job(image="python:3.12", command=["python", "-c", code]).id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--parallel", type=int, default=4)
    options = parser.parse_args()

    with start_sandbox(tempfile.mkdtemp(prefix="hfeval-bench-jobs-")) as hub:
        api = HfApi(endpoint=hub.url)
        samples = []
        for _ in range(options.rounds):
            start = time.perf_counter()
            job_id = trivial_job(api, "print('hello')")
            api.wait_for_job(job_id, poll_interval=0.01)
            samples.append((time.perf_counter() - start) * 1000)
        print(
            f"trivial job create -> COMPLETED      median {statistics.median(samples):7.1f} ms"
            f"   max {max(samples):7.1f} ms  ({options.rounds} jobs)"
        )

        job_id = trivial_job(api, f"for i in range({options.lines}): print('line', i)")
        api.wait_for_job(job_id, poll_interval=0.05)
        start = time.perf_counter()
        lines = list(api.fetch_job_logs(job_id=job_id))
        print(
            f"fetch_job_logs of a finished job     {(time.perf_counter() - start) * 1000:7.1f} ms"
            f"  ({len(lines):,} lines)"
        )

        start = time.perf_counter()
        ids = [trivial_job(api, "import time; time.sleep(1)") for _ in range(options.parallel)]
        api.wait_for_job(ids, poll_interval=0.05)
        print(
            f"{options.parallel} one-second jobs at once           "
            f"{time.perf_counter() - start:7.2f} s wall"
        )

        (run,) = plan_runs(
            tasks=("arith.py@arith",),
            model="mockllm/model",
            model_repo="bench/tiny",
            model_sha="a" * 40,
            model_revision="b" * 64,
            spec_dir=FIXTURES,
            versions=Versions(inspect_ai="0.3.285", inspect_evals=None),
            task_file_hashes={},
            model_args={"custom_outputs": ["4", "7", "7", "42", "19"]},
            runner="hf-jobs",
            jobs=JobsSettings(results_repo="sandbox-user/bench-logs"),
        )
        store = ResultStore(Path(tempfile.mkdtemp(prefix="hfeval-bench-store-")))
        runner = HfJobsRunner(api=api, poll_interval=1.0)
        start = time.perf_counter()
        (outcome,) = runner.run([run], store, NullProgress())
        total = time.perf_counter() - start
        entry = store.get(run.key)
        job = hub.jobs.get("sandbox-user", entry.job_id or "") if entry else None
        job_seconds = (
            _seconds(job.finished_at) - _seconds(job.started_at)
            if job and job.started_at and job.finished_at
            else float("nan")
        )
        print(
            f"hf-jobs arith run ({outcome.state})            {total:7.2f} s wall, "
            f"job ran {job_seconds:.2f} s (inspect import + eval + upload)"
        )


def _seconds(stamp: str) -> float:
    from huggingface_hub.utils import parse_datetime

    return parse_datetime(stamp).timestamp()


if __name__ == "__main__":
    main()
