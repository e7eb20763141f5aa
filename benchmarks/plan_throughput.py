"""How long `hfeval plan` takes for many repos against a local sandbox Hub.

Seeds N repos whose README carries a 3-model x 12-benchmark table, writes one spec per repo, and
times `build_plan` (sources, Hub reads, compile, diff) at several parallelism levels, then times a
plan after applying (the "No changes" path). Prints figures; never fails on them.

    python benchmarks/plan_throughput.py [--repos 40]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date
from pathlib import Path

BENCHMARKS = [
    "MMLU", "MMLU-Pro", "GSM8K", "MATH", "HumanEval", "MBPP",
    "ARC-Challenge", "HellaSwag", "Winogrande", "TruthfulQA", "GPQA Diamond", "IFEval",
]  # fmt: skip


def card(index: int) -> str:
    rows = "\n".join(
        f"| {name} | {50 + i:.1f} | {60 + (i + index) % 30:.1f} | {40 + i / 2:.1f} |"
        for i, name in enumerate(BENCHMARKS)
    )
    return (
        "---\nlicense: apache-2.0\ntags: [chat]\n---\n# Model\n\n"
        f"| Benchmark | base | **model-{index}** | other |\n|---|---|---|---|\n{rows}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=40)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hfeval-plan-bench-"))
    seed = work / "seed"
    specs = work / "specs"
    specs.mkdir()
    for index in range(args.repos):
        repo = seed / "bench" / f"model-{index}"
        repo.mkdir(parents=True)
        (repo / "README.md").write_text(card(index))
        (specs / f"model-{index}.yaml").write_text(
            f"model: bench/model-{index}\napply: commit\n"
            f"sources:\n  - readme: {{table: 1, model: model-{index}}}\n"
        )
    os.environ["HF_HOME"] = str(work / "hf-home")
    os.environ["HF_TOKEN"] = "hf_benchmark_dummy"
    # huggingface_hub reads HF_ENDPOINT at import; the planner gets the endpoint explicitly.
    from hfeval.apply import apply_plan
    from hfeval.apply.messages import MessageRenderer
    from hfeval.apply.publish import HubPublisher
    from hfeval.hub import Hub
    from hfeval.planner import build_plan
    from hfeval.sandbox.server import start_sandbox
    from hfeval.spec import load_specs

    server = start_sandbox(work / "data", seed_dir=seed)
    try:
        spec_set = load_specs([specs])
        hub = Hub(server.url)
        print(f"{args.repos} repos, {len(BENCHMARKS)} benchmarks each")
        print(f"{'case':<28}{'workers':>8}{'seconds':>10}{'repos/s':>10}")
        plan = None
        for workers in (1, 4, 8):
            started = time.perf_counter()
            plan = build_plan(spec_set, hub, today=date.today(), parallelism=workers)
            elapsed = time.perf_counter() - started
            print(f"{'first plan':<28}{workers:>8}{elapsed:>10.2f}{args.repos / elapsed:>10.1f}")
        assert plan is not None and plan.summary.repos_update == args.repos
        report = apply_plan(
            plan, hub, HubPublisher(hub), messages=MessageRenderer(), spec_root=None
        )
        print(f"applied: exit code {report.exit_code}")
        started = time.perf_counter()
        again = build_plan(spec_set, hub, today=date.today(), parallelism=8)
        elapsed = time.perf_counter() - started
        print(f"{'plan after apply':<28}{8:>8}{elapsed:>10.2f}{args.repos / elapsed:>10.1f}")
        print(f"repos unchanged after apply: {again.summary.repos_unchanged}/{args.repos}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
