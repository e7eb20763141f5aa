"""The `logs:` source end to end: spec -> plan against the sandbox Hub, local and Hub logs."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from inspect_logs import MODEL
from logs_helpers import LIGHTEVAL_FILE, LM_EVAL_FILE, InspectLogs, make_inspect_logs

from hfeval.apply import HubPublisher, MessageRenderer, apply_plan
from hfeval.hub import Hub
from hfeval.plan import Plan, RepoPlan, Selection
from hfeval.planner import build_plan
from hfeval.render import render_text
from hfeval.sandbox import Sandbox
from hfeval.spec import load_specs

TODAY = date(2026, 11, 29)
CARD = "---\nlicense: apache-2.0\n---\n# Aurora\n"


@pytest.fixture
def inspect_logs(tmp_path_factory: pytest.TempPathFactory) -> InspectLogs:
    return make_inspect_logs(tmp_path_factory)


@pytest.fixture
def aurora(sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The model repo the inspect logs were made for (`acme/aurora-7b-instruct`); the test runs
    in `tmp_path`, so log paths show as `specs/…`."""
    monkeypatch.chdir(tmp_path)
    if not sandbox.store.exists(MODEL):
        sandbox.store.create_repo(MODEL, {"README.md": CARD}, author="acme")
    return MODEL


def plan_one(root: Path, sandbox_url: str, sources: str, model: str = MODEL) -> RepoPlan:
    """Plan `specs/aurora.yaml` under `root` (the working directory) with these sources."""
    assert Path.cwd() == root
    specs = Path("specs")
    specs.mkdir(parents=True, exist_ok=True)
    (specs / "aurora.yaml").write_text(
        f"model: {model}\napply: commit\ntargets: [model-index, eval-results]\nsources:\n{sources}"
    )
    (repo,) = build_plan(load_specs([specs]), Hub(sandbox_url), today=TODAY).repos
    return repo


def lm_eval_with_mmlu_pro(path: Path) -> Path:
    """The lm-eval fixture plus `leaderboard_mmlu_pro`, a benchmark `.eval_results` accepts."""
    data = json.loads(LM_EVAL_FILE.read_text())
    data["results"]["leaderboard_mmlu_pro"] = {"acc,none": 0.3514, "acc_stderr,none": 0.0043}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def test_local_inspect_and_lm_eval_logs_plan_with_provenance(
    tmp_path: Path, sandbox_url: str, aurora: str, inspect_logs: InspectLogs
) -> None:
    (tmp_path / "specs" / "logs" / "inspect").mkdir(parents=True)
    shutil.copy(inspect_logs.eval_log, tmp_path / "specs/logs/inspect/run.eval")
    shutil.copy(inspect_logs.failed, tmp_path / "specs/logs/inspect/failed.eval")
    lm_eval_with_mmlu_pro(tmp_path / "specs/logs/lm/results_2026-01-04T12-00-00.json")
    repo = plan_one(
        tmp_path,
        sandbox_url,
        "  - logs: {paths: [logs/inspect/]}\n"
        "  - logs:\n      paths: [logs/lm/results_2026-01-04T12-00-00.json]\n"
        "      metrics: {arc_challenge: acc}\n",
    )
    assert repo.error is None, repo.error
    text = render_text(repo_plan_only(repo))
    assert "result text-generation / openai/gsm8k (source: inspect-ai)" in text
    assert (
        "gsm8k         = 66.67    # inspect-ai specs/logs/inspect/run.eval, gsm8k accuracy "
        "0.6667 ±0.33 ×100"
    ) in text
    assert (
        "arc_challenge = 53.41    # lm-evaluation-harness "
        "specs/logs/lm/results_2026-01-04T12-00-00.json, arc_challenge acc 0.5341 ±0.015 ×100"
    ) in text
    assert any("failed.eval: gsm8k ended with status error" in n for n in repo.notes)
    assert any("sandbox unavailable" in n for n in repo.notes)
    eval_file = next(f for f in repo.files if f.path == ".eval_results/mmlu_pro.yaml")
    (entry,) = yaml.safe_load(eval_file.content or "")
    assert entry["dataset"] == {"id": "TIGER-Lab/MMLU-Pro", "task_id": "mmlu_pro"}
    assert entry["value"] == 35.14
    assert entry["date"] == "2026-01-04"  # the run date, not the plan's day
    assert entry["source"] == {
        "url": f"https://huggingface.co/{MODEL}",  # local paths are never published
        "name": "lm-evaluation-harness",
    }


def repo_plan_only(repo: RepoPlan) -> Plan:
    return Plan(repos=(repo,), selection=Selection(selected=1), spec_hashes={}, endpoint="x")


def test_hub_dataset_logs_link_each_entry_to_its_file(
    tmp_path: Path, sandbox_url: str, aurora: str, hub_repo
) -> None:
    results = lm_eval_with_mmlu_pro(tmp_path / "r.json").read_bytes()
    logs_repo = hub_repo(
        {
            "aurora/lm/results_2026-01-04T12-00-00.json": results,
            "aurora/README.md": "not a log",
            "borealis/results_2026-01-05T00-00-00.json": b"{}",
        },
        namespace="acme",
        name="eval-logs",
        repo_type="dataset",
    )
    repo = plan_one(tmp_path, sandbox_url, f"  - logs: {{repo: {logs_repo}, path: aurora/lm}}\n")
    assert repo.error is None, repo.error
    commit = Hub(sandbox_url).dataset_files(logs_repo)[0]
    blob = (
        f"https://huggingface.co/datasets/{logs_repo}/blob/{commit}/"
        "aurora/lm/results_2026-01-04T12-00-00.json"
    )
    gsm8k = next(m for m in repo.metrics if m.key.metric == "gsm8k")
    assert gsm8k.provenance is not None and gsm8k.provenance.url == blob
    assert gsm8k.source == "lm-evaluation-harness"
    eval_file = next(f for f in repo.files if f.path.startswith(".eval_results/"))
    (entry,) = yaml.safe_load(eval_file.content or "")
    assert entry["source"]["url"] == blob
    model_index = next(f for f in repo.files if f.path == "README.md").content or ""
    # The model-index block names the logs folder, which a new commit to the repo doesn't move.
    assert f"url: https://huggingface.co/datasets/{logs_repo}/tree/main/aurora/lm" in model_index


def test_hub_logs_are_downloaded_once_per_commit(
    tmp_path: Path, sandbox_url: str, sandbox: Sandbox, aurora: str, hub_repo
) -> None:
    results = lm_eval_with_mmlu_pro(tmp_path / "r.json").read_bytes()
    logs_repo = hub_repo({"results_2026-01-04T12-00-00.json": results}, repo_type="dataset")
    source = f"  - logs: {{repo: {logs_repo}}}\n"
    first = plan_one(tmp_path, sandbox_url, source)
    # Every file download now fails: the second plan must read the cached copy at that commit.
    sandbox.faults.add(path_prefix=f"/datasets/{logs_repo}/resolve", status=404, times=None)
    again = plan_one(tmp_path, sandbox_url, source)
    assert again.error is None, again.error
    assert [m.after for m in again.metrics] == [m.after for m in first.metrics]


def test_lighteval_logs_plan(tmp_path: Path, sandbox_url: str, aurora: str) -> None:
    (tmp_path / "specs" / "le").mkdir(parents=True)
    shutil.copy(LIGHTEVAL_FILE, tmp_path / "specs" / "le" / LIGHTEVAL_FILE.name)
    repo = plan_one(tmp_path, sandbox_url, "  - logs: {paths: [le], scale: fraction}\n")
    assert repo.error is None, repo.error
    values = {m.key.metric: m.after for m in repo.metrics if m.key.target == "model-index"}
    assert values == {"arc_challenge": 0.564, "hellaswag": 0.8106}
    assert any('task "lighteval|acme_tickets|0" is not a known benchmark' in n for n in repo.notes)


def test_partial_and_foreign_logs_in_the_plan(
    tmp_path: Path, sandbox_url: str, aurora: str, inspect_logs: InspectLogs
) -> None:
    (tmp_path / "specs").mkdir()
    shutil.copy(inspect_logs.partial, tmp_path / "specs" / "partial.eval")
    repo = plan_one(tmp_path, sandbox_url, "  - logs: {paths: [partial.eval]}\n")
    assert repo.error is None and repo.metrics == ()
    assert any("partial: 2 of 3 samples" in note for note in repo.notes)

    shutil.copy(inspect_logs.other_model, tmp_path / "specs" / "other.eval")
    repo = plan_one(tmp_path, sandbox_url, "  - logs: {paths: [other.eval]}\n")
    assert repo.error == (
        "specs/aurora.yaml:5: specs/other.eval is a log of mockllm/acme/other-model, not of "
        "acme/aurora-7b-instruct\n  hint: point the logs source at this model's logs only"
    )


def test_apply_then_plan_again_changes_nothing_even_after_a_new_log_commit(
    tmp_path: Path, sandbox_url: str, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, hub_repo
) -> None:
    monkeypatch.chdir(tmp_path)
    model = hub_repo({"README.md": CARD}, name="logs-apply")
    data = json.loads(lm_eval_with_mmlu_pro(tmp_path / "r.json").read_text())
    data["model_name"] = model
    logs_repo = hub_repo(
        {"m/results_2026-01-04T12-00-00.json": json.dumps(data)},
        name="logs-apply-logs",
        repo_type="dataset",
    )
    source = f"  - logs: {{repo: {logs_repo}, path: m}}\n"
    first = plan_one(tmp_path, sandbox_url, source, model)
    assert first.error is None and first.has_changes, first.error
    hub = Hub(sandbox_url)
    report = apply_plan(
        repo_plan_only(first), hub, HubPublisher(hub), messages=MessageRenderer(), spec_root=None
    )
    assert report.exit_code == 0
    written = sandbox.store.read_file(model, ".eval_results/mmlu_pro.yaml").decode()
    assert "date: '2026-01-04'" in written
    # Someone adds an unrelated file to the logs repo: its head moves, the blob URLs would too.
    sandbox.store.commit_files(logs_repo, {"m/notes.md": "more"}, repo_type="dataset")
    again = plan_one(tmp_path, sandbox_url, source, model)
    assert again.error is None and not again.has_changes, render_text(repo_plan_only(again))
