"""The planner against the sandbox Hub: modes, selection, registry extensions, local README
files, and one repo's failure not stopping the others."""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

import pytest

from hfeval import planner
from hfeval.hub import Hub
from hfeval.plan import Delivery
from hfeval.planner import build_plan
from hfeval.spec import load_specs

TODAY = date(2026, 11, 29)
CARD = """---
license: mit
---
# m

| Benchmark | m | other |
|---|---|---|
| MMLU | 64.8 | 50.0 |
| Acme Reasoning Suite | 41.0 | 30.0 |
"""


def write_spec(root: Path, name: str, text: str) -> Path:
    path = root / "specs" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def spec_text(repo: str, *, apply: str = "commit", model: str = "m") -> str:
    """A spec reading table 1 of the repo's own README for column `model`."""
    return (
        f"model: {repo}\nname: m\napply: {apply}\n"
        f"sources:\n  - readme: {{table: 1, model: {model}}}\n"
    )


def plan_for(root: Path, sandbox_url: str, **options):
    return build_plan(load_specs([root / "specs"]), Hub(sandbox_url), today=TODAY, **options)


def test_auto_mode_commits_to_own_namespace_and_opens_pr_elsewhere(
    tmp_path: Path, sandbox_url: str, hub_repo
) -> None:
    own = hub_repo({"README.md": CARD})
    foreign = hub_repo({"README.md": CARD}, namespace="someone-else")
    for index, repo in enumerate((own, foreign)):
        write_spec(tmp_path, f"s{index}", spec_text(repo, apply="auto"))
    plan = plan_for(tmp_path, sandbox_url)
    by_repo = {r.repo_id: r for r in plan.repos}
    assert by_repo[own].delivery is Delivery.COMMIT
    assert by_repo[foreign].delivery is Delivery.NEW_PR


def test_registry_extension_from_hfeval_yaml_names_the_benchmark(
    tmp_path: Path, sandbox_url: str, hub_repo
) -> None:
    repo = hub_repo({"README.md": CARD})
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "hfeval.yaml").write_text(
        "apply: commit\nregistry:\n"
        "  - id: acme_reasoning\n    name: Acme Reasoning Suite\n"
        "    dataset_id: acme/reasoning-suite\n    aliases: [Acme Reasoning Suite]\n"
    )
    write_spec(tmp_path, "m", spec_text(repo))
    (repo_plan,) = plan_for(tmp_path, sandbox_url).repos
    keys = {(m.key.dataset, m.key.metric) for m in repo_plan.metrics}
    assert ("acme/reasoning-suite", "acme_reasoning") in keys
    assert not any("not in the benchmark registry" in note for note in repo_plan.notes)


def test_a_missing_repo_fails_alone(tmp_path: Path, sandbox_url: str, hub_repo) -> None:
    repo = hub_repo({"README.md": CARD})
    write_spec(tmp_path, "a", spec_text(repo))
    write_spec(
        tmp_path,
        "b",
        "model: sandbox-user/does-not-exist\napply: commit\nsources:\n  - readme: {table: 1}\n",
    )
    plan = plan_for(tmp_path, sandbox_url)
    failed = [r for r in plan.repos if r.error]
    assert [r.repo_id for r in failed] == ["sandbox-user/does-not-exist"]
    assert "repository not found" in (failed[0].error or "")
    assert plan.summary.repos_update == 1 and plan.exit_code(detailed=True) == 1


def test_a_wrong_model_label_fails_that_repo_with_the_spec_line(
    tmp_path: Path, sandbox_url: str, hub_repo
) -> None:
    repo = hub_repo({"README.md": CARD})
    write_spec(tmp_path, "a", spec_text(repo, model="mm"))
    (repo_plan,) = plan_for(tmp_path, sandbox_url).repos
    assert repo_plan.error is not None
    assert "specs/a.yaml:5" in repo_plan.error and "'m'" in repo_plan.error


def test_selection_plans_only_matching_specs(tmp_path: Path, sandbox_url: str, hub_repo) -> None:
    repos = [hub_repo({"README.md": CARD}) for _ in range(3)]
    for index, repo in enumerate(repos):
        write_spec(tmp_path, f"s{index}", spec_text(repo))
    plan = plan_for(tmp_path, sandbox_url, select=[repos[1]], exclude=["*/s2.yaml"])
    assert [r.repo_id for r in plan.repos] == [repos[1]]
    assert plan.selection.selected == 1 and len(plan.selection.excluded) == 2


def test_readme_from_a_local_file_feeds_another_repo(
    tmp_path: Path, sandbox_url: str, hub_repo
) -> None:
    repo = hub_repo({"README.md": "---\nlicense: mit\n---\n# no table here\n"})
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "github-readme.md").write_text(CARD)
    write_spec(
        tmp_path,
        "m",
        f"model: {repo}\nname: m\napply: commit\nsources:\n"
        "  - readme:\n      file: github-readme.md\n      table: 1\n      model: m\n"
        "      include: [MMLU]\n      url: https://github.com/acme/m\n",
    )
    (repo_plan,) = plan_for(tmp_path, sandbox_url).repos
    assert repo_plan.error is None
    (metric,) = repo_plan.changed_metrics
    assert (metric.key.metric, metric.after, metric.source) == ("mmlu", 64.8, "Model README")
    readme = repo_plan.files[0].content or ""
    assert "url: https://github.com/acme/m" in readme


def test_an_unexpected_failure_in_one_repo_is_reported_and_the_others_plan(
    tmp_path: Path, sandbox_url: str, hub_repo, monkeypatch
) -> None:
    good, bad = hub_repo({"README.md": CARD}), hub_repo({"README.md": CARD})
    write_spec(tmp_path, "good", spec_text(good))
    write_spec(tmp_path, "bad", spec_text(bad))
    real_snapshot = Hub.snapshot

    def flaky_snapshot(self: Hub, repo_id: str, revision: str = "main"):
        if repo_id == bad:
            raise KeyError("sha")
        return real_snapshot(self, repo_id, revision)

    monkeypatch.setattr(Hub, "snapshot", flaky_snapshot)
    plan = plan_for(tmp_path, sandbox_url)
    by_repo = {r.repo_id: r for r in plan.repos}
    assert by_repo[good].has_changes
    assert "internal error while planning (KeyError" in (by_repo[bad].error or "")


def test_inline_and_threaded_planning_give_the_same_plan(
    tmp_path: Path, sandbox_url: str, hub_repo
) -> None:
    repos = [hub_repo({"README.md": CARD}) for _ in range(5)]
    for index, repo in enumerate(repos):
        write_spec(tmp_path, f"s{index}", spec_text(repo, apply="pr" if index % 2 else "commit"))
    inline = plan_for(tmp_path, sandbox_url, parallelism=1)
    threaded = plan_for(tmp_path, sandbox_url, parallelism=4)
    assert [r.repo_id for r in inline.repos] == sorted(repos)
    assert inline.summary.repos_update == 5
    assert inline == threaded


def test_a_warm_plan_reuses_extractions_and_a_registry_change_misses(
    tmp_path: Path, sandbox_url: str, hub_repo
) -> None:
    repo = hub_repo({"README.md": CARD})
    write_spec(tmp_path, "m", spec_text(repo))
    config = tmp_path / "specs" / "hfeval.yaml"
    config.write_text("apply: commit\n")
    cache = Path(os.environ["HF_HOME"]) / "hfeval" / "extractions"

    def plan() -> tuple[set[str], set[Path]]:
        (repo_plan,) = plan_for(tmp_path, sandbox_url).repos
        return {m.key.metric for m in repo_plan.metrics}, set(cache.rglob("*.json"))

    cold, entries = plan()
    assert entries and "acme_reasoning" not in cold
    assert plan() == (cold, entries)  # warm: the same plan, from the same entries
    config.write_text(
        "apply: commit\nregistry:\n  - id: acme_reasoning\n    name: Acme Reasoning Suite\n"
        "    aliases: [Acme Reasoning Suite]\n"
    )
    extended, after = plan()
    assert len(after - entries) == 1  # the registry is part of the key: read again
    assert "acme_reasoning" in extended


def test_worker_processes_plan_alike_with_one_aa_download(
    tmp_path: Path,
    sandbox_url: str,
    hub_repo,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("AA_API_URL", f"{sandbox_url}/aa/api/v2")
    monkeypatch.setenv("AA_API_KEY", "sandbox-test-key")
    monkeypatch.setenv("AA_API_FLAVOR", "classic")
    monkeypatch.setenv("HFEVAL_CACHE_DIR", str(tmp_path / "aa-cache"))
    aa_entry = "  - artificial_analysis: {creator: acme, model: cirrus-2-mini}\n"
    for index in range(12):
        repo = hub_repo({"README.md": CARD})
        text = spec_text(repo, apply="pr" if index % 2 else "commit")
        write_spec(tmp_path, f"s{index:02}", text + (aa_entry if index % 3 == 0 else ""))
    planned_by = tmp_path / "pids"
    real_plan_one = planner._plan_one

    def recording_plan_one(loaded, context):
        with planned_by.open("a") as stream:  # O_APPEND: one line per repo, from any process
            stream.write(f"{os.getpid()}\n")
        return real_plan_one(loaded, context)

    monkeypatch.setattr(planner, "_plan_one", recording_plan_one)
    caplog.set_level(logging.DEBUG, logger="hfeval.sandbox.server")
    counts: list[tuple[int, int]] = []
    in_workers = plan_for(
        tmp_path,
        sandbox_url,
        processes=2,
        parallelism=2,
        repo_progress=lambda done, total: counts.append((done, total)),
    )
    aa_downloads = [r for r in caplog.messages if "/aa/api/v2/" in r]
    pids = planned_by.read_text().split()
    here = plan_for(tmp_path, sandbox_url, processes=1)
    assert in_workers == here
    assert in_workers.summary.repos_update == 12 and not in_workers.failed
    assert len(aa_downloads) == 1  # the parent's first AA spec downloaded it; workers inherited it
    assert len(pids) == 12 and str(os.getpid()) in pids  # one spec of each shape planned here
    assert len(set(pids)) > 1
    assert counts[-1] == (12, 12) and counts == sorted(counts)
