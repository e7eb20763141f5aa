"""`hfeval plan` over N synthetic repos, cold (empty HF_HOME) and warm (nothing changed).

For each N a fresh sandbox is seeded with N model cards (see synthetic.py) and N pr-mode specs.
Each round runs a cold plan in a new HF_HOME, then a warm plan in the same one, each as its own
`hfeval plan` process; figures are medians over the rounds. Requests are counted by the sandbox.

    python benchmarks/perf/plan_scale.py                 # N = 10, 100
    python benchmarks/perf/plan_scale.py --sizes 10,100,1000 --rounds 3
    python benchmarks/perf/plan_scale.py --sizes 1000 --processes 1   # one process, threads only
    HFEVAL_BENCH_LARGE=1 python benchmarks/perf/plan_scale.py   # adds N = 1000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from harness import CountingSandbox, hub_env, median, print_table, run_hfeval
from synthetic import write_seed, write_specs

HEADERS = [
    "N", "case", "runs", "wall s", "range", "repos/s", "cpu s", "sandbox cpu s", "peak RSS MiB",
    "req/repo", "plan file MB",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    large = os.environ.get("HFEVAL_BENCH_LARGE") == "1"
    parser.add_argument("--sizes", default="10,100,1000" if large else "10,100")
    parser.add_argument("--rounds", type=int, default=3, help="rounds for N <= 100")
    parser.add_argument("--large-rounds", type=int, default=1, help="rounds for N > 100")
    parser.add_argument("--parallelism", type=int, default=None)
    parser.add_argument(
        "--processes", type=int, default=None, help="hfeval plan --processes (default: its own)"
    )
    args = parser.parse_args()
    rows = []
    per_repo: dict[tuple[int, str], float] = {}
    cpu: dict[tuple[int, str], float] = {}
    breakdown: dict[str, Counter[str]] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        rounds = args.rounds if size <= 100 else args.large_rounds
        results = measure(size, rounds, args.parallelism, args.processes)
        for case, runs in results.items():
            walls = [r["wall"] for r in runs]
            wall = median(walls)
            per_repo[(size, case)] = wall / size
            cpu[(size, case)] = median([r["cpu"] for r in runs])
            requests = median([r["requests"] for r in runs])
            rows.append(
                [
                    size,
                    case,
                    len(runs),
                    wall,
                    f"{min(walls):.2f}-{max(walls):.2f}",
                    size / wall,
                    median([r["cpu"] for r in runs]),
                    median([r["sandbox_cpu"] for r in runs]),
                    f"{median([r['rss'] for r in runs]):.0f}",
                    f"{requests / size:.2f}",
                    f"{median([r['plan_mb'] for r in runs]):.2f}",
                ]
            )
            breakdown[f"N={size} {case}"] = runs[-1]["routes"]
    print_table(
        "hfeval plan (pr-mode specs; medians; one `hfeval plan` per run, CPU and RSS include its "
        "worker processes)",
        HEADERS,
        rows,
    )
    sizes = sorted({size for size, _ in per_repo})
    if len(sizes) >= 3:
        # The marginal CPU a repo adds (start-up cancels out) is the figure that must stay flat;
        # wall per repo also falls with size as start-up is spread and worker processes start.
        low, mid, high = sizes[-3:]
        ratio_rows = []
        for case in ("cold", "warm"):
            lower = (cpu[(mid, case)] - cpu[(low, case)]) / (mid - low)
            upper = (cpu[(high, case)] - cpu[(mid, case)]) / (high - mid)
            ratio_rows.append(
                [case, per_repo[(high, case)] * 1000, lower * 1000, upper * 1000, upper / lower]
            )
        print_table(
            f"Cost per repo: wall at N={high}, and marginal CPU from N={low} to {mid} and "
            f"from {mid} to {high} (all processes)",
            ["case", "wall ms/repo", f"cpu ms/repo {low}-{mid}", f"cpu ms/repo {mid}-{high}",
             "ratio"],
            ratio_rows,
        )  # fmt: skip
    for label, routes in breakdown.items():
        if label.startswith(f"N={sizes[-1]} "):
            print_table(
                f"Requests, {label} (last round)",
                ["request", "count"],
                sorted(routes.items(), key=lambda item: (-item[1], item[0])),
            )


def measure(
    size: int, rounds: int, parallelism: int | None, processes: int | None = None
) -> dict[str, list[dict[str, object]]]:
    work = Path(tempfile.mkdtemp(prefix=f"hfeval-bench-plan-{size}-"))
    write_seed(work / "seed", size)
    write_specs(work / "specs", size, mode="pr")
    sandbox = CountingSandbox(work, work / "seed")
    results: dict[str, list[dict[str, object]]] = {"cold": [], "warm": []}
    extra = ["--parallelism", str(parallelism)] if parallelism else []
    extra += ["--processes", str(processes)] if processes else []
    try:
        for round_number in range(rounds):
            hf_home = work / f"hf-home-{round_number}"
            for case in ("cold", "warm"):
                sandbox.reset()
                run = run_hfeval(
                    ["plan", "specs", "--no-color", *extra],
                    env=hub_env(sandbox.url, hf_home),
                    cwd=work,
                )
                if run.code != 0:
                    raise SystemExit(f"plan failed (exit {run.code}):\n{run.stderr[-2000:]}")
                plan_file = work / ".hfeval" / "plan.json"
                if case == "cold" and round_number == 0:
                    check_plan(plan_file, size)
                routes = sandbox.requests
                results[case].append(
                    {
                        "wall": run.wall,
                        "cpu": run.cpu,
                        "rss": run.rss_mib,
                        "sandbox_cpu": sandbox.cpu(),
                        "requests": sum(routes.values()),
                        "routes": routes,
                        "plan_mb": plan_file.stat().st_size / 1e6,
                    }
                )
            shutil.rmtree(hf_home, ignore_errors=True)
    finally:
        sandbox.stop()
        shutil.rmtree(work, ignore_errors=True)
    return results


def check_plan(plan_file: Path, size: int) -> None:
    """Every repo must be planned with changes, or the figures measure the wrong thing."""
    summary = json.loads(plan_file.read_text(encoding="utf-8"))["summary"]["repos"]
    if summary != {"update": size, "unchanged": 0, "failed": 0}:
        raise SystemExit(f"unexpected plan summary for N={size}: {summary}")


if __name__ == "__main__":
    main()
