"""`hfeval apply` on the command line: saved plans, guards before writing, prompts, exit codes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from apply_builders import OLD_README, card, repo_plan
from click.testing import CliRunner, Result

import hfeval.planner
from hfeval.cli import apply_cmd, main
from hfeval.hub import Hub
from hfeval.plan import Delivery, Plan, plan_to_dict
from hfeval.sandbox import Sandbox

RepoFactory = Callable[..., str]
PLAN_PATH = Path(".hfeval/plan.json")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def repo(hub_repo: RepoFactory) -> str:
    return hub_repo({"README.md": OLD_README})


def make_plan(sandbox: Sandbox, repo_id: str, **fields: object) -> Plan:
    base = sandbox.store.head(repo_id)
    defaults: dict[str, object] = {"endpoint": Hub().endpoint}
    defaults.update(fields)
    return Plan(
        repos=(repo_plan(repo_id, base=base, content=card(68.3)),),
        **defaults,  # type: ignore[arg-type]
    )


def save(plan: Plan, path: Path = PLAN_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plan_to_dict(plan), indent=2))
    return path


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, ["apply", *args], input=stdin)


def readme(sandbox: Sandbox, repo_id: str) -> str:
    return sandbox.store.read_file(repo_id, "README.md").decode()


def test_saved_plan_is_applied_without_a_prompt(sandbox: Sandbox, repo: str) -> None:
    save(make_plan(sandbox, repo))
    result = invoke()
    assert result.exit_code == 0, result.output
    head = sandbox.store.head(repo)
    assert f"{repo}: committed {head[:7]} to main" in result.stdout
    assert "Apply complete! Repos: 1 committed, 0 PRs opened, 0 PRs updated, 0 stale, " in (
        result.stdout
    )
    assert result.stdout.rstrip().endswith(f"{Hub().endpoint}/{repo}/commit/{head}")
    assert readme(sandbox, repo) == card(68.3)
    assert "hf_dummy" not in result.output

    again = invoke()
    assert again.exit_code == 0
    assert f"{repo}: already applied (main {head[:7]} has this content)" in again.stdout
    assert "0 committed" in again.stdout


def test_plan_file_argument_and_stale_exit_code(sandbox: Sandbox, repo: str) -> None:
    path = save(make_plan(sandbox, repo), Path("ci/plan.json"))
    sandbox.store.commit_files(repo, {"NOTES.md": "moved\n"})
    result = invoke(str(path))
    assert result.exit_code == 3
    assert f"Error: saved plan is stale for {repo}\n  main moved " in result.stderr
    assert 'Nothing was written to this repo.\n  Run "hfeval plan" again.' in result.stderr
    assert "Apply incomplete: the plan is stale for 1 repo." in result.stdout
    assert readme(sandbox, repo) == OLD_README


def test_dry_run_describes_and_writes_nothing(sandbox: Sandbox, repo: str) -> None:
    base = sandbox.store.head(repo)
    save(make_plan(sandbox, repo))
    result = invoke("--dry-run")
    assert result.exit_code == 0, result.output
    assert f'{repo}: commit to main, parent {base[:7]}, 1 file (README.md), title "' in (
        result.stdout
    )
    assert "Dry run complete! Nothing was written." in result.stdout
    assert sandbox.store.head(repo) == base


def test_planning_options_are_refused_with_a_saved_plan(sandbox: Sandbox, repo: str) -> None:
    save(make_plan(sandbox, repo))
    result = invoke("--select", "acme/*")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --select can't be used with a saved plan; the plan already records its selection.\n"
    )


def test_a_plan_for_another_endpoint_is_refused(sandbox: Sandbox, repo: str) -> None:
    save(make_plan(sandbox, repo, endpoint="https://huggingface.co"))
    result = invoke()
    assert result.exit_code == 1
    assert "the plan was made against https://huggingface.co" in result.stderr
    assert "pass --endpoint https://huggingface.co" in result.stderr
    assert readme(sandbox, repo) == OLD_README

    explicit = invoke("--endpoint", Hub().endpoint)
    assert explicit.exit_code == 0, explicit.output
    assert readme(sandbox, repo) == card(68.3)


def test_an_edited_spec_refuses_the_whole_apply(sandbox: Sandbox, repo: str, in_tmp: Path) -> None:
    spec = in_tmp / "specs" / "x.yaml"
    spec.parent.mkdir()
    spec.write_text(f"model: {repo}\n")
    digest = hashlib.sha256(spec.read_bytes()).hexdigest()
    save(make_plan(sandbox, repo, spec_hashes={"specs/x.yaml": digest}))
    spec.write_text(f"model: {repo}\napply: commit\n")
    result = invoke()
    assert result.exit_code == 3
    assert result.stderr == (
        'Error: specs changed since the plan was saved (specs/x.yaml). Run "hfeval plan" again.\n'
    )
    assert readme(sandbox, repo) == OLD_README


def test_an_edited_plan_file_is_refused(sandbox: Sandbox, repo: str) -> None:
    path = save(make_plan(sandbox, repo))
    data = json.loads(path.read_text())
    data["changes"][0]["base_revision"] = "0" * 40
    path.write_text(json.dumps(data))
    result = invoke()
    assert result.exit_code == 1
    assert "no longer match its fingerprint" in result.stderr


def test_without_a_saved_plan_and_a_terminal_yes_is_required() -> None:
    result = invoke()
    assert result.exit_code == 1
    assert "no saved plan and no terminal to confirm a fresh one" in result.stderr


@pytest.fixture
def fresh_plan(
    sandbox: Sandbox, repo: str, monkeypatch: pytest.MonkeyPatch
) -> list[dict[str, object]]:
    """Replace the planner with one that plans `repo` by hand; records how it was called."""
    calls: list[dict[str, object]] = []
    plan = make_plan(sandbox, repo)

    def plan_specs(paths: list[Path], **options: object) -> Plan:
        calls.append({"paths": paths, **options})
        return Plan(repos=(plan.repos[0],), endpoint=plan.endpoint)

    monkeypatch.setattr(hfeval.planner, "plan_specs", plan_specs)
    return calls


def test_fresh_plan_with_yes_is_printed_and_applied(
    sandbox: Sandbox, repo: str, fresh_plan: list[dict[str, object]]
) -> None:
    result = invoke("--yes", "--exclude", "other/*")
    assert result.exit_code == 0, result.output
    assert fresh_plan[0]["paths"] == [Path("specs")]
    assert fresh_plan[0]["exclude"] == ("other/*",)
    assert "hfeval will perform the following actions:" in result.stdout
    assert f"{repo}: committed" in result.stdout
    assert readme(sandbox, repo) == card(68.3)


@pytest.mark.parametrize(("answer", "code", "written"), [("y\n", 0, True), ("n\n", 1, False)])
def test_fresh_plan_asks_before_writing(
    sandbox: Sandbox,
    repo: str,
    fresh_plan: list[dict[str, object]],
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    code: int,
    written: bool,
) -> None:
    monkeypatch.setattr(apply_cmd, "stdin_is_interactive", lambda: True)
    result = invoke(stdin=answer)
    assert result.exit_code == code
    assert "Apply these changes? [y/N]" in result.stdout
    assert (readme(sandbox, repo) == card(68.3)) is written


@pytest.mark.parametrize(("error", "code"), [(None, 0), ("README.md cannot be parsed", 1)])
def test_fresh_plan_without_changes_exits_without_asking(
    repo: str, monkeypatch: pytest.MonkeyPatch, error: str | None, code: int
) -> None:
    unchanged = repo_plan(repo, delivery=Delivery.NONE, files=())
    plan = Plan(repos=(replace(unchanged, error=error),))
    monkeypatch.setattr(hfeval.planner, "plan_specs", lambda paths, **options: plan)
    monkeypatch.setattr(apply_cmd, "stdin_is_interactive", lambda: True)
    result = invoke()
    assert result.exit_code == code
    assert "Apply these changes?" not in result.stdout


def test_templates_dir_of_the_spec_repo_is_used(in_tmp: Path) -> None:
    assert apply_cmd.templates_dir() is None
    (in_tmp / "templates").mkdir()
    assert apply_cmd.templates_dir() == Path("templates")
