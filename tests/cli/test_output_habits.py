"""Output scripts can rely on: no wrapping when piped, colour only when wanted, and a plan file
(and an `hfeval apply` hint) only when there is something to apply."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from cards import NOVA_CARD
from click.testing import CliRunner

from hfeval.cli import main
from hfeval.cli.options import color_wanted

CARD = NOVA_CARD
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_piped_tables_output_is_not_wrapped_at_80_columns(tmp_path: Path) -> None:
    deep = tmp_path / ("a-rather-long-directory-name-" * 3) / ("another-long-one-" * 3)
    deep.mkdir(parents=True)
    card = deep / "README.md"
    card.write_text(CARD.replace("Rival-7B", "Rival-7B-" + "x" * 90))
    code, out, _ = run("tables", str(card))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{card}: 1 table(s)"
    assert len(lines[0]) > 120
    header = next(line for line in lines if "Benchmark" in line)
    assert "Rival-7B-" + "x" * 90 in header  # one line, not folded into pieces


@pytest.mark.parametrize(
    ("env", "no_color", "isatty", "expected"),
    [
        ({}, False, True, True),
        ({}, False, False, False),
        ({"FORCE_COLOR": "1"}, False, False, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False, False),
        ({"NO_COLOR": "1"}, False, True, False),
        ({"FORCE_COLOR": "1"}, True, True, False),
    ],
)
def test_colour_follows_the_terminal_no_color_and_force_color(
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    no_color: bool,
    isatty: bool,
    expected: bool,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert color_wanted(no_color=no_color, isatty=isatty) is expected


def write_spec(root: Path, repo_id: str, table: int = 1) -> None:
    (root / "specs").mkdir(exist_ok=True)
    (root / "specs" / "nova.yaml").write_text(
        f"model: {repo_id}\napply: commit\nsources:\n"
        f"  - readme:\n      table: {table}\n      model: Nova-7B\n"
    )


def test_plan_saves_only_plans_with_changes_and_suggests_apply_only_then(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    hub_repo: Callable[..., str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    repo_id = hub_repo({"README.md": CARD})
    write_spec(tmp_path, repo_id)
    saved = tmp_path / ".hfeval" / "plan.json"

    code, out, _ = run("plan")
    assert code == 0 and saved.is_file()
    assert "To apply exactly this plan: hfeval apply" in out

    monkeypatch.setenv("FORCE_COLOR", "1")  # piped, but colour was asked for
    code, coloured, _ = run("plan", "--no-save")
    assert ANSI.search(coloured) and ANSI.sub("", coloured).startswith(out.splitlines()[0])
    monkeypatch.delenv("FORCE_COLOR")

    code, out, err = run("apply")
    assert code == 0, out + err
    code, out, err = run("plan")
    assert code == 0
    assert "No changes." in out
    assert "hfeval apply" not in out
    assert not saved.exists()  # the applied plan is gone, so a bare `apply` cannot reuse it
    assert "Removed the outdated saved plan" in err


def test_a_failed_plan_is_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hub_repo: Callable[..., str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_spec(tmp_path, hub_repo({"README.md": CARD}), table=9)
    code, out, err = run("plan")
    assert code == 1
    assert not (tmp_path / ".hfeval" / "plan.json").exists()
    assert "hfeval apply" not in out + err
