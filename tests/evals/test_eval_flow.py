"""`hfeval eval` then `hfeval plan` end to end: a local inspect task on mockllm/model, the
sandbox Hub, the result store; a second eval runs nothing; apply publishes with provenance."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hfeval.card import parse_card
from hfeval.cli import main
from hfeval.evals.store import ResultStore
from hfeval.hub import Hub

FIXTURES = Path(__file__).parent / "fixtures"
# arith asks five sums (4, 7, 7, 42, 19); the third scripted answer is wrong: 4 of 5 = 80 %.
ANSWERS = ["4", "7", "8", "42", "19"]


def write_spec(root: Path, repo_id: str, **inspect: object) -> Path:
    """A spec repo with one inspect source on the local arith task."""
    (root / "specs" / "tasks").mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "arith.py", root / "specs" / "tasks" / "arith.py")
    (root / "hfeval.yaml").write_text(
        "apply: commit\ntargets: [model-index, eval-results]\n", encoding="utf-8"
    )
    source = {
        "tasks": ["tasks/arith.py@arith"],
        "model": "mockllm/model",
        "model_args": {"custom_outputs": ANSWERS},
        **inspect,
    }
    spec = {"model": repo_id, "sources": [{"inspect": source}]}
    path = root / "specs" / "model.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def run(*args: str, stdout_only: bool = False) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout if stdout_only else result.output


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HFEVAL_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_eval_then_plan_then_apply(project: Path, hub_repo: Callable[..., str]) -> None:
    repo_id = hub_repo()
    write_spec(project, repo_id)

    code, output = run("plan", "specs", "--no-color")
    assert code == 0, output
    assert "tasks/arith.py@arith = (known after eval)" in output
    assert "would run local: mockllm/model, all samples" in output
    assert '1 evaluation known after eval (run "hfeval eval")' in output
    code, output = run("plan", "specs", "--json", "--no-save", stdout_only=True)
    (pending,) = json.loads(output)["changes"][0]["evaluations"]
    assert pending["state"] == "pending" and pending["where"] == "local"

    code, output = run("eval", "specs", "--dry-run")
    assert code == 0, output
    assert "Would run 1 evaluation" in output
    task_file = project / "specs" / "tasks" / "arith.py"
    assert f"inspect eval {task_file}@arith --model mockllm/model" in output
    assert not (project / "cache" / "evals").exists()  # a dry run stores nothing

    code, output = run("eval", "specs")
    assert code == 0, output
    assert "Evaluations: 1 done, 0 failed." in output
    # sample progress comes from inspect's hooks: the task's sample count is known at its start
    assert "started  " in output and "tasks/arith.py@arith (mockllm/model): 5 samples" in output
    store = ResultStore(project / "cache" / "evals")
    (key,) = [p.name for p in store.root.iterdir() if p.is_dir()]
    entry = store.get(key)
    assert entry is not None and entry.state == "done" and entry.log_file == "log.eval"

    code, output = run("plan", "specs", "--json", "--no-save", stdout_only=True)
    assert code == 0, output
    repo = json.loads(output)["changes"][0]
    assert repo["evaluations"][0]["published"], repo["evaluations"]
    (metric,) = [m for m in repo["metrics"] if m["key"]["target"] == "model-index"]
    assert metric["after"] == 80.0 and metric["source"] == "inspect-ai"
    details = metric["provenance"]["details"]
    assert details["samples"] == 5 and details["metric"] == "accuracy"
    assert details["stderr"] == pytest.approx(0.2)
    assert details["log"] == str(store.root / key / "log.eval")
    assert metric["provenance"]["url"] is None  # a local log is shown, never published as a URL
    (done,) = repo["evaluations"]
    assert done["state"] == "done" and done["published"] is True

    code, output = run("eval", "specs")
    assert code == 0 and "No evaluations pending (1 stored)." in output

    code, output = run("plan", "specs", "--no-color")
    assert code == 0 and "arith" in output and "known after eval" not in output
    code, output = run("apply")
    assert code == 0, output
    card = parse_card(Hub().read_file(repo_id, "README.md").text or "", where="README.md")
    (result,) = card.get("model-index")[0]["results"]
    assert result["metrics"][0]["value"] == 80.0
    assert result["source"] == {"name": "inspect-ai", "url": "https://inspect.aisi.org.uk/"}

    # hfeval's own commit moved the head, not the model's content: the result still applies.
    code, output = run("plan", "specs", "--no-color")
    assert code == 0 and "No changes." in output and "known after eval" not in output
