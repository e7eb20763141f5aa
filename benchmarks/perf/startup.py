"""Start-up cost of the commands people run one at a time, paired with a bare interpreter.

Each round runs every case once, interleaved, so machine noise spreads evenly; the table shows
medians. `extract` reads one table of a synthetic model card from a local file.

    python benchmarks/perf/startup.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from harness import Run, median, print_table, run_hfeval, run_python
from synthetic import readme, repo_name, write_specs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hfeval-bench-startup-"))
    (work / "card.md").write_text(readme(1), encoding="utf-8")
    write_specs(work / "specs", 3)
    table = ["--table", "Base model comparison", "--model", repo_name(1)]
    cases: dict[str, list[str] | None] = {
        "python -c pass": None,
        "hfeval --version": ["--version"],
        "hfeval --help": ["--help"],
        "hfeval validate specs/ (3 specs)": ["validate", "specs"],
        "hfeval extract card.md (one table)": ["extract", "card.md", *table],
        "hfeval extract card.md --json": ["extract", "card.md", *table, "--json"],
    }
    env = {"PATH": str(Path(sys.executable).parent), "HOME": str(work), "NO_COLOR": "1"}
    runs: dict[str, list[Run]] = {name: [] for name in cases}
    try:
        for _ in range(args.rounds):
            for name, command in cases.items():
                if command is None:
                    run = run_python("pass", env=env)
                else:
                    run = run_hfeval(command, env=env, cwd=work)
                    if run.code != 0:
                        raise SystemExit(f"{name} failed ({run.code}): {run.stderr[-500:]}")
                runs[name].append(run)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor = median([r.wall for r in runs["python -c pass"]])
    rows = []
    for name, measured in runs.items():
        wall = median([r.wall for r in measured])
        rows.append(
            [
                name,
                wall,
                f"{min(r.wall for r in measured):.3f}",
                median([r.cpu for r in measured]),
                f"{median([r.rss_mib for r in measured]):.0f}",
                f"{wall / floor:.1f}",
            ]
        )
    print_table(
        f"Start-up, {args.rounds} interleaved rounds (medians)",
        ["command", "wall s", "best s", "cpu s", "peak RSS MiB", "x python"],
        rows,
    )


if __name__ == "__main__":
    main()
