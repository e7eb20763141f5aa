"""Where `hfeval plan` spends its time: the whole command under cProfile, on one thread.

Seeds N synthetic repos into an in-process sandbox (its server thread is not profiled), runs
`hfeval plan` in this process with `--parallelism 1` so every call lands on the profiled thread,
once cold and once warm, and prints the top functions by cumulative and by own time.

    python benchmarks/perf/profile_plan.py [--repos 100] [--top 25] [--dump /tmp/plan]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import tempfile
from pathlib import Path

from synthetic import write_seed, write_specs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=100)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--dump", type=Path, help="also save each profile as DUMP-cold/-warm.prof")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hfeval-bench-profile-"))
    write_seed(work / "seed", args.repos)
    write_specs(work / "specs", args.repos, mode="pr")
    os.environ.update(HF_HOME=str(work / "hf-home"), HF_TOKEN="hf_benchmark_dummy_token")
    from hfeval.sandbox import start_sandbox

    server = start_sandbox(work / "data", seed_dir=work / "seed")
    os.environ["HF_ENDPOINT"] = server.url
    os.chdir(work)
    from hfeval.cli import main as cli

    try:
        for case in ("cold", "warm"):
            profile = cProfile.Profile()
            profile.enable()
            try:
                argv = ["plan", "specs", "--parallelism", "1", "--no-color"]
                with contextlib.redirect_stdout(io.StringIO()):  # the plan text is not the point
                    cli(argv, standalone_mode=False)
            except SystemExit:
                pass
            profile.disable()
            if args.dump is not None:
                profile.dump_stats(f"{args.dump}-{case}.prof")
            for order in ("cumulative", "tottime"):
                out = io.StringIO()
                stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order)
                stats.print_stats(args.top)
                print(f"== {case} plan, N={args.repos}, by {order}")
                print(out.getvalue().split("\n", 6)[-1])
    finally:
        server.stop()


if __name__ == "__main__":
    main()
