"""`hfeval apply` of N repos in pull-request mode, then a second apply that must change nothing.

Steps, each its own process against one sandbox: plan (cold), apply (opens N PRs), apply the
same plan again (every repo must be a no-op: no commit, no PR), plan again (PRs up to date, so
no changes), and once more (the steady state of CI re-planning). Writes are the POST requests
the sandbox saw.

    python benchmarks/perf/apply_prs.py [--repos 100]
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from pathlib import Path

from harness import CountingSandbox, Run, hub_env, print_table, run_hfeval
from synthetic import write_seed, write_specs

_SUMMARY = re.compile(r"Apply complete! .*|No changes.*|Plan: .*")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=100)
    args = parser.parse_args()
    size = args.repos
    work = Path(tempfile.mkdtemp(prefix="hfeval-bench-apply-"))
    write_seed(work / "seed", size)
    write_specs(work / "specs", size, mode="pr")
    sandbox = CountingSandbox(work, work / "seed")
    env = hub_env(sandbox.url, work / "hf-home")
    steps = [
        ("plan (cold)", ["plan", "specs", "--no-color"]),
        ("apply: opens the PRs", ["apply", "--no-color"]),
        ("apply again, same plan", ["apply", "--no-color"]),
        ("plan after apply", ["plan", "specs", "--no-color"]),
        ("plan again (steady state)", ["plan", "specs", "--no-color"]),
    ]
    rows = []
    second_apply_writes = None
    breakdown: dict[str, dict[str, int]] = {}
    try:
        for label, command in steps:
            sandbox.reset()
            run = run_hfeval(command, env=env, cwd=work)
            routes = sandbox.requests
            writes = sum(n for route, n in routes.items() if route.startswith("POST"))
            if label == "apply again, same plan":
                second_apply_writes = writes
            rows.append(row(label, run, size, sum(routes.values()), writes, sandbox.cpu()))
            breakdown[label] = dict(routes)
    finally:
        sandbox.stop()
        shutil.rmtree(work, ignore_errors=True)
    print_table(
        f"hfeval apply, {size} repos in PR mode (one process per step)",
        [
            "step",
            "exit",
            "wall s",
            "repos/s",
            "cpu s",
            "sandbox cpu s",
            "peak RSS MiB",
            "req/repo",
            "writes",
            "summary",
        ],
        rows,
    )
    for label in ("apply again, same plan", "plan again (steady state)"):
        print_table(
            f"Requests, {label}",
            ["request", "count"],
            sorted(breakdown.get(label, {}).items(), key=lambda item: (-item[1], item[0])),
        )
    verdict = "no commit, no PR" if second_apply_writes == 0 else f"{second_apply_writes} writes!"
    print(f"\nSecond apply of the same plan: {verdict}")


def row(label: str, run: Run, size: int, requests: int, writes: int, sandbox_cpu: float) -> list:
    summary = _SUMMARY.search(run.stdout + run.stderr)
    return [
        label,
        run.code,
        run.wall,
        size / run.wall,
        run.cpu,
        sandbox_cpu,
        f"{run.rss_mib:.0f}",
        f"{requests / size:.2f}",
        writes,
        summary.group(0)[:70] if summary else "",
    ]


if __name__ == "__main__":
    main()
