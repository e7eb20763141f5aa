"""Hub requests and time per repo for `hfeval plan` with `targets: [eval-results]`.

Seeds N repos (README with a 12-benchmark table) and the launch benchmark datasets in a local
sandbox, then counts the requests the sandbox answers during a first plan, an apply and a warm
plan after it, once with model-index only and once with eval-results added (official list,
eval.yaml reads, open-PR listing). Prints figures; never fails on them.

    python benchmarks/eval_results_requests.py [--repos 20]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

BENCHMARKS = ["MMLU", "MMLU-Pro", "GSM8K", "GPQA Diamond", "HLE", "MATH", "IFEval", "MBPP"]


def card(index: int) -> str:
    rows = "\n".join(f"| {name} | {40 + i + index % 7:.1f} |" for i, name in enumerate(BENCHMARKS))
    return f"---\nlicense: mit\n---\n# M\n\n| Benchmark | model-{index} |\n|---|---|\n{rows}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hfeval-eval-requests-"))
    os.environ["HF_HOME"] = str(work / "hf-home")
    os.environ["HF_TOKEN"] = "hf_benchmark_dummy"
    from hfeval.apply import apply_plan
    from hfeval.apply.messages import MessageRenderer
    from hfeval.apply.publish import HubPublisher
    from hfeval.hub import Hub
    from hfeval.planner import build_plan
    from hfeval.sandbox.api_benchmarks import seed_benchmarks
    from hfeval.sandbox.server import start_sandbox
    from hfeval.spec import load_specs

    server = start_sandbox(work / "data")
    seed_benchmarks(server.store)
    counts: Counter[str] = Counter()
    lock = threading.Lock()
    handle = server.app.handle

    def counting(request):  # type: ignore[no-untyped-def]
        with lock:
            counts[request.method] += 1
        return handle(request)

    server.app.handle = counting  # type: ignore[method-assign]
    print(f"{args.repos} repos, {len(BENCHMARKS)} benchmarks each")
    print(f"{'targets':<28}{'case':<20}{'requests/repo':>14}{'seconds':>9}")
    try:
        for targets in ("[model-index]", "[model-index, eval-results]"):
            specs = work / f"specs-{len(targets)}"
            specs.mkdir()
            for index in range(args.repos):
                repo = f"bench{len(targets)}/model-{index}"
                server.store.create_repo(repo, {"README.md": card(index)})
                (specs / f"model-{index}.yaml").write_text(
                    f"model: {repo}\napply: commit\ntargets: {targets}\n"
                    f"sources:\n  - readme: {{table: 1, model: model-{index}}}\n"
                )
            spec_set = load_specs([specs])
            hub = Hub(server.url)
            plan = None
            for case in ("first plan", "apply", "warm plan", "warm plan again"):
                counts.clear()
                started = time.perf_counter()
                if case == "first plan":
                    plan = build_plan(spec_set, hub, today=date.today(), parallelism=4)
                if case == "apply":
                    assert plan is not None
                    apply_plan(
                        plan, hub, HubPublisher(hub), messages=MessageRenderer(), spec_root=None
                    )
                elif case.startswith("warm plan"):
                    plan = build_plan(spec_set, hub, today=date.today(), parallelism=4)
                elapsed = time.perf_counter() - started
                per_repo = sum(counts.values()) / args.repos
                print(f"{targets:<28}{case:<20}{per_repo:>14.1f}{elapsed:>9.2f}")
            assert plan is not None
            print(f"{'':<28}unchanged after apply: {plan.summary.repos_unchanged}/{args.repos}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
