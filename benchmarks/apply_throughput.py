"""Benchmark `apply_plan` against a private sandbox Hub: repos per second by parallelism, latency.

Each run creates fresh repos, plans one README rewrite per repo (direct commit or new pull
request) and applies it through the real huggingface_hub client. An injected per-request delay
stands in for the network round trip to huggingface.co. Prints wall time and repos/s.

    python benchmarks/apply_throughput.py [--repos 24] [--latency-ms 0 40]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

# huggingface_hub reads these at import: keep its cache and telemetry out of the user's home.
os.environ.setdefault("HF_HOME", tempfile.mkdtemp(prefix="hfeval-bench-hf-home-"))
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"

from hfeval.apply import HubPublisher, apply_plan
from hfeval.hub import Hub
from hfeval.plan import Action, Delivery, FileChange, Plan, RepoPlan
from hfeval.sandbox import Sandbox, start_sandbox

OLD = "---\nlicense: apache-2.0\n---\n# Bench model\n"
TOKEN = "hf_benchmark_dummy_token"


def new_readme(index: int) -> str:
    return (
        "---\nlicense: apache-2.0\nmodel-index:\n- name: bench\n  results:\n"
        "  - task:\n      type: text-generation\n    dataset:\n      name: MMLU\n"
        f"      type: cais/mmlu\n    metrics:\n    - type: mmlu\n      value: {60 + index / 10}\n"
        "    source:\n      name: Model README\n      url: https://example.org\n"
        "---\n# Bench model\n"
    )


def make_plan(sandbox: Sandbox, run: str, repos: int, delivery: Delivery) -> Plan:
    planned = []
    for index in range(repos):
        repo_id = f"sandbox-user/{run}-{index:03d}"
        base = sandbox.store.create_repo(repo_id, {"README.md": OLD}, author="sandbox-user")
        planned.append(
            RepoPlan(
                repo_id=repo_id,
                spec_path=f"specs/{repo_id}.yaml",
                model_name="bench",
                mode="commit" if delivery is Delivery.COMMIT else "pr",
                base_commit=base,
                delivery=delivery,
                files=(FileChange.write("README.md", new_readme(index), Action.UPDATE),),
            )
        )
    return Plan(repos=tuple(planned))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=24)
    parser.add_argument("--latency-ms", type=float, nargs="+", default=[0.0, 40.0])
    parser.add_argument("--parallelism", type=int, nargs="+", default=[1, 4, 8])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="hfeval-bench-sandbox-") as data:
        sandbox = start_sandbox(data)
        hub = Hub(sandbox.url, token=TOKEN)
        print(f"{args.repos} repos per run; sandbox at {sandbox.url}")
        print(f"{'delivery':<8} {'latency':>8} {'workers':>8} {'seconds':>8} {'repos/s':>8}")
        run_number = 0
        for latency in args.latency_ms:
            sandbox.faults.clear()
            if latency > 0:
                sandbox.faults.add(path_prefix="/", status=None, delay=latency / 1000, times=None)
            for delivery in (Delivery.COMMIT, Delivery.NEW_PR):
                for workers in args.parallelism:
                    run_number += 1
                    plan = make_plan(sandbox, f"run{run_number}", args.repos, delivery)
                    started = time.perf_counter()
                    report = apply_plan(
                        plan, hub, HubPublisher(hub), spec_root=None, parallelism=workers
                    )
                    seconds = time.perf_counter() - started
                    if report.exit_code != 0:
                        raise SystemExit(f"apply failed: {report.counts}")
                    print(
                        f"{delivery.value:<8} {latency:>6.0f}ms {workers:>8} {seconds:>8.2f} "
                        f"{args.repos / seconds:>8.1f}"
                    )
        sandbox.stop()


if __name__ == "__main__":
    main()
