"""The extraction cache inside `build_plan`: a warm plan reuses it, a registry change misses."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from hfeval.hub import Hub
from hfeval.plan import Plan
from hfeval.planner import build_plan
from hfeval.spec import load_specs

CARD = """---
license: mit
---
# m

| Benchmark | m | other |
|---|---|---|
| MMLU | 64.8 | 50.0 |
| Acme Reasoning Suite | 41.0 | 30.0 |
"""
REGISTRY = (
    "registry:\n  - id: acme_reasoning\n    name: Acme Reasoning Suite\n"
    "    dataset_id: acme/reasoning-suite\n    aliases: [Acme Reasoning Suite]\n"
)


def test_a_warm_plan_reads_the_cache_and_a_registry_change_misses_it(
    tmp_path: Path, sandbox_url: str, hub_repo
) -> None:
    repo = hub_repo({"README.md": CARD})
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "m.yaml").write_text(
        f"model: {repo}\nname: m\napply: commit\nsources:\n  - readme: {{table: 1, model: m}}\n"
    )
    (specs / "hfeval.yaml").write_text("apply: commit\n")
    cache = Path(os.environ["HF_HOME"]) / "hfeval" / "extractions"

    def plan() -> tuple[Plan, set[Path]]:
        made = build_plan(load_specs([specs]), Hub(sandbox_url), today=date(2026, 11, 29))
        return made, set(cache.rglob("*.json"))

    def known(made: Plan) -> set[str]:
        return {m.key.metric for m in made.repos[0].metrics}

    cold, entries = plan()
    assert len(entries) >= 1
    assert "acme_reasoning" not in known(cold)
    warm, again = plan()
    assert again == entries and warm.repos == cold.repos

    (specs / "hfeval.yaml").write_text("apply: commit\n" + REGISTRY)
    extended, after = plan()
    assert len(after - entries) == 1  # a new key: the registry is part of it
    assert "acme_reasoning" in known(extended)
