"""Partial runs are shown, not published unless the spec says so (then labelled); failed runs
publish nothing and say why; through `hfeval eval` and `hfeval plan` on the sandbox Hub."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from test_eval_flow import FIXTURES, write_spec

from hfeval.cli import main
from hfeval.eval_results import parse_eval_file
from hfeval.evals.store import ResultStore
from hfeval.hub import Hub
from hfeval.sandbox import Sandbox
from hfeval.sandbox.api_benchmarks import seed_benchmarks

ARITH_BENCHMARK = {
    "id": "arith",
    "name": "Arith",
    "eval_results_dataset": "acme/arith",
    "eval_results_task": "arith",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sandbox: Sandbox) -> Path:
    # acme/arith is a benchmark on the Hub (an eval.yaml with its task), so it can be published.
    seed_benchmarks(sandbox.store, {"acme/arith": "name: Arith\ntasks:\n  - id: arith\n"})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HFEVAL_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_a_partial_run_is_shown_and_published_only_when_asked(
    project: Path, hub_repo: Callable[..., str]
) -> None:
    repo_id = hub_repo()
    spec = write_spec(project, repo_id, limit=3)
    (project / "hfeval.yaml").write_text(
        yaml.safe_dump(
            {
                "apply": "commit",
                "targets": ["model-index", "eval-results"],
                "registry": [ARITH_BENCHMARK],
            }
        ),
        encoding="utf-8",
    )
    code, out, _ = run("plan", "specs", "--no-color")
    assert "would run local: mockllm/model, 3 samples" in out
    code, out, err = run("eval", "specs")
    assert code == 0, out + err

    code, out, _ = run("plan", "specs", "--no-color")
    assert code == 0
    # 4, 7, 8 against 4, 7, 7: two of three.
    assert (
        "tasks/arith.py@arith = 66.67  partial: 3 of 5 samples  "
        "# not published (publish_partial: true publishes it)"
    ) in out
    assert "1 evaluation not published." in out
    assert "No changes" in out

    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    data["sources"][0]["inspect"]["publish_partial"] = True
    spec.write_text(yaml.safe_dump(data), encoding="utf-8")
    code, out, _ = run("eval", "specs")
    assert "No evaluations pending (1 stored)." in out  # publishing is not part of the key
    code, out, _ = run("plan", "specs", "--json", "--no-save")
    metrics = json.loads(out)["changes"][0]["metrics"]
    assert {m["after"] for m in metrics} == {66.67}
    # the PR / commit text lists each change with this description
    assert all("partial: 3 of 5 samples" in m["provenance"]["description"] for m in metrics)
    run("plan", "specs")
    code, out, _ = run("apply")
    assert code == 0, out
    text = Hub().read_file(repo_id, ".eval_results/arith.yaml").text
    (entry,) = parse_eval_file(text or "")
    assert entry["value"] == 66.67
    assert entry["notes"] == "inspect-ai; partial: 3 of 5 samples; model: mockllm/model"
    assert entry["dataset"] == {"id": "acme/arith", "task_id": "arith"}


def test_an_error_log_is_reported_and_publishes_nothing(
    project: Path, hub_repo: Callable[..., str]
) -> None:
    repo_id = hub_repo()
    spec = write_spec(project, repo_id)
    shutil.copy(FIXTURES / "broken.py", project / "specs" / "tasks" / "broken.py")
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    data["sources"][0]["inspect"]["tasks"] = ["tasks/broken.py@broken", "tasks/arith.py@arith"]
    spec.write_text(yaml.safe_dump(data), encoding="utf-8")

    # Both tasks go to inspect in one call; each log is matched back to its own run.
    code, out, err = run("eval", "specs", "--parallelism", "2")
    assert code == 1
    assert "scripted failure for hfeval's tests" in err
    assert "Evaluations: 1 done, 1 failed." in out
    store = ResultStore(project / "cache" / "evals")
    entries = [store.get(p.name) for p in store.root.iterdir() if p.is_dir()]
    states = {e.run["task"]: (e.state, e.log_file) for e in entries if e is not None}
    assert states == {
        "tasks/broken.py@broken": ("failed", "log.eval"),
        "tasks/arith.py@arith": ("done", "log.eval"),
    }

    code, out, _ = run("plan", "specs", "--json", "--no-save")
    repo = json.loads(out)["changes"][0]
    assert {m["after"] for m in repo["metrics"]} == {80.0}  # arith only
    status, done = repo["evaluations"]
    assert status["state"] == "failed" and "scripted failure" in status["detail"]
    assert done["state"] == "done"
    code, out, _ = run("plan", "specs", "--no-color")
    assert "tasks/broken.py@broken: failed: error: RuntimeError" in out
    assert "# nothing published" in out
    code, out, _ = run("apply")
    assert code == 0, out
    assert "Not published: 1 evaluation this plan did not have:" in out
    assert f"{repo_id} tasks/broken.py@broken: failed" in out
