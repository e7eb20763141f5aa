"""inspect_evals task names: the registry benchmark, the plan's pending line, and the exact
`inspect eval` command (the datasets need the internet, so nothing runs here)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hfeval.cli import main
from hfeval.errors import EvalError
from hfeval.evals import inspect_api
from hfeval.evals.runs import EvalRun, inspect_command
from hfeval.registry import default_registry

RUN = EvalRun(
    model_repo="acme/aurora",
    model_sha="a" * 40,
    model_revision="c" * 64,
    model="hf-inference-providers/acme/aurora",
    task="inspect_evals/gsm8k",
    task_ref="inspect_evals/gsm8k",
    task_version="0.26.0",
    inspect_version="0.3.285",
    task_args={"fewshot": 0},
    limit=100,
    epochs=2,
    model_args={"provider": "fastest"},
    generate={"temperature": 0, "max_tokens": 1024},
)


def test_the_inspect_command_of_a_run() -> None:
    assert inspect_command(RUN, log_dir="logs") == [
        "inspect", "eval", "inspect_evals/gsm8k",
        "--model", "hf-inference-providers/acme/aurora",
        "--limit", "100", "--epochs", "2",
        "-M", "provider=fastest", "-T", "fewshot=0",
        "--max-tokens", "1024", "--temperature", "0",
        "--log-dir", "logs",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("task", "benchmark"),
    [("inspect_evals/gsm8k", "gsm8k"), ("inspect_evals/gpqa_diamond", "gpqa_diamond")],
)
def test_inspect_evals_names_resolve_to_benchmarks(task: str, benchmark: str) -> None:
    found = default_registry().resolve_task_name(task)
    assert found is not None and found.id == benchmark


def test_plan_and_dry_run_of_an_inspect_evals_task(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hub_repo: Callable[..., str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HFEVAL_CACHE_DIR", str(tmp_path / "cache"))
    repo_id = hub_repo()
    (tmp_path / "specs").mkdir()
    source = {
        "tasks": ["inspect_evals/gsm8k"],
        "model": f"hf-inference-providers/{repo_id}",
        "limit": 100,
        "generate": {"temperature": 0, "max_tokens": 1024},
    }
    spec = {"model": repo_id, "apply": "commit", "sources": [{"inspect": source}]}
    (tmp_path / "specs" / "m.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    runner = CliRunner()

    result = runner.invoke(main, ["plan", "specs", "--no-color"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (
        f"? inspect_evals/gsm8k = (known after eval)  # would run local: "
        f"hf-inference-providers/{repo_id}, 100 samples"
    ) in result.stdout
    result = runner.invoke(main, ["plan", "specs", "--json", "--no-save"])
    (status,) = json.loads(result.stdout)["changes"][0]["evaluations"]
    assert status["benchmark"] == "gsm8k" and status["state"] == "pending"

    result = runner.invoke(main, ["eval", "specs", "--dry-run"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (
        f"inspect eval inspect_evals/gsm8k --model hf-inference-providers/{repo_id} --limit 100 "
        "--max-tokens 1024 --temperature 0 --log-dir '<temporary dir, copied into the store>'"
    ) in result.stdout


def test_a_missing_inspect_ai_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> object:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    monkeypatch.setattr(inspect_api, "import_module", missing)
    with pytest.raises(EvalError) as caught:
        inspect_api.inspect_module()
    assert caught.value.hint == "pip install 'hfeval[inspect]'"


def test_help_validate_and_planning_do_not_import_inspect_ai() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from hfeval.cli import main\n"
        "import hfeval.planner\n"
        "CliRunner().invoke(main, ['--help'])\n"
        "CliRunner().invoke(main, ['validate', '--help'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('inspect_ai')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
