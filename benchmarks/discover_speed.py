"""`hfeval discover` costs: the pure score-table test, and a whole run against a local sandbox.

Seeds a sandbox with `--models` model repos (a third with a model-index, a third with score
tables, a third with only a settings table), pages of 100, then times `score_table_count` on
one card and a full discovery that has to scan every model. Nothing leaves 127.0.0.1.

    python benchmarks/discover_speed.py [--models 150] [--workers 8]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

# huggingface_hub reads these at import: keep its cache and telemetry out of the user's home.
os.environ.setdefault("HF_HOME", tempfile.mkdtemp(prefix="hfeval-bench-hf-home-"))
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_TOKEN", "hf_benchmark_token_not_secret")

from hfeval.discover import discover, score_table_count
from hfeval.hub import Hub
from hfeval.hub_listing import HubListing
from hfeval.sandbox import SandboxConfig, SandboxUser, start_sandbox

SCORES = """# Model

| Benchmark | This model | Rival |
|-----------|------------|-------|
| MMLU      | 64.1       | 60.2  |
| GSM8K     | 55.0       | 49.3  |
| HumanEval | 40.2       | 31.0  |
| ARC-C     | 55.1       | 50.0  |
"""
SETTINGS = "# Model\n\n| Hyperparameter | Value |\n|---|---|\n| Layers | 32 |\n| Heads | 16 |\n"
INDEXED = (
    "---\nmodel-index:\n- name: m\n  results:\n  - task: {type: text-generation}\n"
    "    dataset: {type: cais/mmlu, name: MMLU}\n    metrics: [{type: acc, value: 1.0}]\n---\n"
) + SCORES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--models", type=int, default=150)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()

    started = time.perf_counter()
    rounds = 200
    for _ in range(rounds):
        score_table_count(SCORES)
    per_card = (time.perf_counter() - started) / rounds
    print(f"score_table_count, one 4-benchmark table: {per_card * 1000:.2f} ms per card")

    with tempfile.TemporaryDirectory() as data:
        hub = start_sandbox(
            Path(data), config=SandboxConfig(user=SandboxUser("bench"), models_page_size=100)
        )
        try:
            for number in range(args.models):
                card = (INDEXED, SCORES, SETTINGS)[number % 3]
                hub.store.create_repo(f"bench/model-{number:04d}", {"README.md": card})
            started = time.perf_counter()
            found = discover(
                HubListing(hub.url),
                Hub(hub.url),
                limit=args.models,
                scan=args.models,
                workers=args.workers,
            )
            elapsed = time.perf_counter() - started
        finally:
            hub.stop()
    read = args.models - found.has_model_index
    print(
        f"discover over {found.scanned} models ({read} READMEs read, "
        f"{len(found.candidates)} candidates, {args.workers} workers): {elapsed:.2f} s, "
        f"{elapsed / max(read, 1) * 1000:.1f} ms per README read"
    )


if __name__ == "__main__":
    main()
