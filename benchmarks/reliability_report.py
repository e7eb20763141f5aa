"""Run the reliability suite (tests/reliability) and print its figures: faults injected and
survived, bad inputs refused, crash points recovered, data lost, tokens leaked, duplicate writes.

    python benchmarks/reliability_report.py

The figures come from the suite's own counters (tests/reliability/figures.py), printed by its
pytest terminal summary; this script only runs it and keeps that table.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TITLE = "hfeval reliability figures"


def main() -> int:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/reliability", "-q", "-p", "no:randomly"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    lines = done.stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if TITLE in line), None)
    if start is None:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
        return 1
    table = [line for line in lines[start + 1 :] if line and not line.startswith(("=", "-"))]
    print(f"{TITLE} ({time.monotonic() - started:.0f} s, pytest exit {done.returncode})")
    for line in table:
        print(f"  {line}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
