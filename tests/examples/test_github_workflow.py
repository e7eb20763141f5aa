"""examples/github/hfeval.yml and .pre-commit-hooks.yaml: valid YAML of the expected shape, and
their commands, run as GitHub would run them, against the sandbox Hub."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from cards import NOVA_CARD
from click.testing import CliRunner
from ruamel.yaml import YAML

from hfeval.cli import main
from hfeval.sandbox import Sandbox

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / "examples" / "github" / "hfeval.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
FAKE_GH = Path(__file__).with_name("fake_gh.py")
MARKER = "<!-- hfeval:plan -->"

CARD = NOVA_CARD


def load(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text())


def steps(job: str) -> dict[str, dict[str, Any]]:
    return {
        step.get("name", step.get("uses")): step for step in load(WORKFLOW)["jobs"][job]["steps"]
    }


def test_workflow_plans_on_pull_requests_and_applies_on_main() -> None:
    workflow = load(WORKFLOW)
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert set(triggers) == {"pull_request", "push"}
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    plan, apply = workflow["jobs"]["plan"], workflow["jobs"]["apply"]
    assert plan["if"] == "github.event_name == 'pull_request'"
    assert plan["permissions"]["pull-requests"] == "write"
    assert apply["if"] == "github.event_name == 'push'"
    assert "pull-requests" not in apply.get("permissions", {})
    assert list(steps("plan"))[2:] == [
        "Install hfeval",
        "Validate specs",
        "Plan",
        "Post the plan as one sticky comment",
        "Fail the check when planning failed",
    ]
    sticky = steps("plan")["Post the plan as one sticky comment"]
    assert sticky["if"] == "always() && steps.plan.outputs.exitcode != ''"
    assert f"marker='{MARKER}'" in sticky["run"]
    assert steps("plan")["Fail the check when planning failed"]["if"] == (
        "steps.plan.outputs.exitcode == '1'"
    )
    assert "Plan and apply" in steps("apply")
    assert workflow["env"]["HF_TOKEN"] == "${{ secrets.HF_TOKEN }}"
    for job in ("plan", "apply"):
        for step in steps(job).values():
            # No expression is pasted into a shell script: inputs come through `env:`.
            assert "${{" not in step.get("run", ""), step


@pytest.fixture
def spec_repo(tmp_path: Path, hub_repo: Callable[..., str]) -> tuple[Path, str]:
    work = tmp_path / "spec-repo"
    (work / "specs").mkdir(parents=True)
    repo_id = hub_repo({"README.md": CARD})
    (work / "specs" / "nova.yaml").write_text(
        f"model: {repo_id}\napply: commit\nsources:\n  - readme: {{table: 1, model: Nova-7B}}\n"
    )
    return work, repo_id


def run_step(
    job: str, name: str, work: Path, tmp_path: Path, extra: Mapping[str, str] = {}
) -> subprocess.CompletedProcess[str]:
    """One `run:` step as GitHub runs it (`bash -e`), with the workflow's and the step's env."""
    step = steps(job)[name]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    gh = bin_dir / "gh"
    gh.write_text(f'#!/bin/sh\nexec {sys.executable} {FAKE_GH} "$@"\n')
    gh.chmod(0o755)
    env = dict(os.environ)
    env.pop("FORCE_COLOR", None)
    env.update(
        {
            "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{env['PATH']}",
            "HFEVAL_SPECS": load(WORKFLOW)["env"]["HFEVAL_SPECS"],
            "NO_COLOR": "1",
            "RUNNER_TEMP": str(tmp_path),
            "GITHUB_OUTPUT": str(tmp_path / "github_output"),
            "GITHUB_REPOSITORY": "acme/eval-specs",
            "FAKE_GH_STATE": str(tmp_path / "gh.json"),
            "GH_TOKEN": "github-token",
            "PR_NUMBER": "7",
            **extra,
        }
    )
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=work, env=env, capture_output=True, text=True
    )


def comments(tmp_path: Path) -> list[dict[str, Any]]:
    return list(json.loads((tmp_path / "gh.json").read_text())["comments"])


def test_pull_request_steps_keep_one_sticky_comment_and_merge_applies(
    spec_repo: tuple[Path, str], tmp_path: Path, sandbox: Sandbox
) -> None:
    work, repo_id = spec_repo
    assert run_step("plan", "Validate specs", work, tmp_path).returncode == 0
    for _ in range(2):
        planned = run_step("plan", "Plan", work, tmp_path)
        assert planned.returncode == 0, planned.stderr
        assert "exitcode=2" in (tmp_path / "github_output").read_text()
        posted = run_step("plan", "Post the plan as one sticky comment", work, tmp_path)
        assert posted.returncode == 0, posted.stderr
    [comment] = comments(tmp_path)
    assert comment["path"] == "repos/acme/eval-specs/issues/7/comments"
    assert comment["body"].startswith(MARKER + "\n### hfeval plan")
    assert repo_id in comment["body"] and "mmlu" in comment["body"].lower()
    assert not (work / ".hfeval").exists()  # the PR job saves nothing

    before = sandbox.store.head(repo_id)
    applied = run_step("apply", "Plan and apply", work, tmp_path)
    assert applied.returncode == 0, applied.stderr
    assert sandbox.store.head(repo_id) != before
    assert "model-index" in sandbox.store.read_file(repo_id, "README.md").decode()
    again = run_step("apply", "Plan and apply", work, tmp_path)
    assert again.returncode == 0 and "Nothing to apply." in again.stdout

    run_step("plan", "Plan", work, tmp_path)
    run_step("plan", "Post the plan as one sticky comment", work, tmp_path)
    [comment] = comments(tmp_path)
    assert "No changes" in comment["body"]


def test_a_failed_plan_is_posted_and_fails_the_check(
    spec_repo: tuple[Path, str], tmp_path: Path
) -> None:
    work, _ = spec_repo
    (work / "specs" / "nova.yaml").write_text(
        (work / "specs" / "nova.yaml").read_text().replace("table: 1", "table: 9")
    )
    planned = run_step("plan", "Plan", work, tmp_path)
    assert planned.returncode == 0  # the step records the code; a later step fails the check
    assert "exitcode=1" in (tmp_path / "github_output").read_text()
    run_step("plan", "Post the plan as one sticky comment", work, tmp_path)
    [comment] = comments(tmp_path)
    assert "there is no table 9" in comment["body"]
    assert steps("plan")["Fail the check when planning failed"]["run"] == "exit 1"


def test_pre_commit_hook_runs_hfeval_validate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [hook] = load(HOOKS)
    assert hook["id"] == "hfeval-validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    program, *args = hook["entry"].split()
    assert program == "hfeval"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text("model: a/x\nsources:\n  - readme: {table: 1}\n")
    assert CliRunner().invoke(main, args).exit_code == 0
    (tmp_path / "specs" / "b.yaml").write_text("model: a/x\nsources: []\n")
    assert CliRunner().invoke(main, args).exit_code == 1
    assert re.search(hook["files"], "specs/acme/model.yaml")
    assert re.search(hook["files"], "hfeval.yaml")
    assert not re.search(hook["files"], "README.md")
