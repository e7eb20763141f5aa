"""The command line as a whole: examples in every --help, --version, shell completion, and a
--json form for every command that only reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hfeval import __version__
from hfeval.cli import main

READING_COMMANDS = ("validate", "tables", "extract", "plan", "show", "whoami", "discover")


def test_every_command_has_examples_in_its_help() -> None:
    for name in main.commands:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"hfeval {name} --help has no example"
        assert f"hfeval {name}" in result.output.split("Example", 1)[1], name


def test_every_reading_command_offers_json() -> None:
    for name in READING_COMMANDS:
        options = {opt for param in main.commands[name].params for opt in param.opts}
        assert "--json" in options, name


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert (result.exit_code, result.output) == (0, f"hfeval, version {__version__}\n")


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o"), ("zsh", "compdef"), ("fish", "complete --no-files")],
)
def test_completion_prints_a_script_using_the_hfeval_complete_variable(
    shell: str, marker: str
) -> None:
    result = CliRunner().invoke(main, ["completion", shell], prog_name="hfeval")
    assert result.exit_code == 0
    assert "_HFEVAL_COMPLETE" in result.output and marker in result.output


def test_completion_protocol_completes_commands_and_choices() -> None:
    def complete(words: str, index: int) -> list[str]:
        env = {"_HFEVAL_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(index)}
        result = CliRunner().invoke(main, [], env=env, prog_name="hfeval")
        assert result.exit_code == 0
        return [line.split(",", 1)[1] for line in result.output.splitlines()]

    assert complete("hfeval di", 1) == ["discover"]
    assert complete("hfeval discover --sort ", 3) == ["trending", "downloads", "likes"]
    assert complete("hfeval completion ", 2) == ["bash", "zsh", "fish"]


def test_validate_json_lists_specs_or_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text("model: a/x\nsources:\n  - readme: {table: 1}\n")
    result = CliRunner().invoke(main, ["validate", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"valid": True, "specs": ["specs/a.yaml"], "problems": []}
    (tmp_path / "specs" / "b.yaml").write_text("model: b/x\nsourse: []\n")
    result = CliRunner().invoke(main, ["validate", "--json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["valid"] is False and document["specs"] == []
    assert {key: document["problems"][1][key] for key in ("file", "line", "column")} == {
        "file": "specs/b.yaml",
        "line": 2,
        "column": 1,
    }
