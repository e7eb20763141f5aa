"""Benchmark the sandbox Hub through the real huggingface_hub client: latency per call, listing
many discussions, and how long a restart takes to load a data directory with many repos.

    python benchmarks/sandbox_latency.py [--rounds 30] [--repos 200] [--discussions 500]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# huggingface_hub reads these at import: keep its cache and telemetry out of the user's home.
os.environ.setdefault("HF_HOME", tempfile.mkdtemp(prefix="hfeval-bench-hf-home-"))
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"

from huggingface_hub import CommitOperationAdd, HfApi

from hfeval.sandbox import start_sandbox

CARD = "---\nlicense: mit\n---\n# Bench\n"


def timed(rounds: int, call: Callable[[int], object]) -> tuple[float, float]:
    """Median and worst latency in milliseconds over `rounds` calls."""
    samples = []
    for index in range(rounds):
        start = time.perf_counter()
        call(index)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--repos", type=int, default=200)
    parser.add_argument("--discussions", type=int, default=500)
    options = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="hfeval-bench-sandbox-"))
    with start_sandbox(data_dir) as hub:
        api = HfApi(endpoint=hub.url, token="hf_benchmark_dummy_token")
        repo_id = "bench/model"
        hub.store.create_repo(repo_id, {"README.md": CARD})
        cases: dict[str, Callable[[int], object]] = {
            "model_info": lambda i: api.model_info(repo_id),
            "model_info expand=evalResults": lambda i: api.model_info(
                repo_id, expand=["evalResults"]
            ),
            "hf_hub_download (forced)": lambda i: api.hf_hub_download(
                repo_id, "README.md", force_download=True
            ),
            "create_commit (direct)": lambda i: api.create_commit(
                repo_id, [CommitOperationAdd(f"f{i}.txt", b"x")], commit_message="bench"
            ),
            "create_commit (create_pr)": lambda i: api.create_commit(
                repo_id,
                [CommitOperationAdd(f"p{i}.txt", b"x")],
                commit_message="bench pr",
                create_pr=True,
            ),
            "get_discussion_details": lambda i: api.get_discussion_details(repo_id, 1),
        }
        print(f"{'call':32} {'median ms':>10} {'max ms':>10}  ({options.rounds} rounds)")
        for name, call in cases.items():
            median, worst = timed(options.rounds, call)
            print(f"{name:32} {median:10.1f} {worst:10.1f}")

        busy = "bench/busy"
        hub.store.create_repo(busy, {"README.md": CARD})
        for number in range(options.discussions):
            hub.discussions.open(
                busy, title=f"Question {number}", description="", pull_request=False, author="u"
            )
        start = time.perf_counter()
        listed = sum(1 for _ in api.get_repo_discussions(busy))
        elapsed = (time.perf_counter() - start) * 1000
        print(f"list {listed} discussions ({-(-listed // 50)} pages): {elapsed:.0f} ms")

        for number in range(options.repos):
            hub.store.create_repo(f"bulk/repo-{number}", {"README.md": CARD, "a.txt": str(number)})

    start = time.perf_counter()
    with start_sandbox(data_dir) as restarted:
        count = len(restarted.store.repo_ids())
    print(f"restart with {count} repos: {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
