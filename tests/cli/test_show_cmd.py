"""`hfeval show` and the shared output options: formats, colour rules, and plan file errors."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from hfeval.cli.options import OutputOptions, color_wanted, emit, output_options, resolve_format
from hfeval.cli.show_cmd import show
from hfeval.errors import PlanFileError
from hfeval.observations import Provenance
from hfeval.plan import (
    Action,
    Delivery,
    FileChange,
    MetricChange,
    MetricKey,
    Plan,
    RepoPlan,
    plan_to_dict,
)
from hfeval.plan_file import read_plan_file
from hfeval.render import render_json, render_markdown, render_text


def sample_plan() -> Plan:
    change = MetricChange(
        key=MetricKey("model-index", "tiny", "text-generation", "cais/mmlu", None, None, "mmlu"),
        action=Action.UPDATE,
        file="README.md",
        source="Model README",
        name="MMLU",
        before=61.0,
        after=61.5,
        provenance=Provenance("readme", 'README table 1, column "Tiny"'),
    )
    repo = RepoPlan(
        repo_id="acme/tiny",
        spec_path="specs/acme/tiny.yaml",
        model_name="tiny",
        mode="commit",
        base_commit="ab" * 20,
        delivery=Delivery.COMMIT,
        files=(FileChange.write("README.md", "---\n---\n", Action.UPDATE),),
        metrics=(change,),
    )
    return Plan(repos=(repo,), hfeval_version="0.0.0-test")


def save(plan: Plan, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plan_to_dict(plan)), encoding="utf-8")
    return path


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    return save(sample_plan(), tmp_path / "plan.json")


@pytest.fixture(autouse=True)
def _no_color_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize(
    ("args", "render"),
    [
        ([], render_text),
        (["--format", "text"], render_text),
        (["--json"], render_json),
        (["--format", "json"], render_json),
        (["--markdown"], render_markdown),
        (["--format", "markdown"], render_markdown),
    ],
)
def test_show_prints_the_chosen_view(plan_file: Path, args: list[str], render: object) -> None:
    result = CliRunner().invoke(show, [str(plan_file), *args])
    assert result.exit_code == 0, result.output
    assert result.output == render(sample_plan())  # type: ignore[operator]


def test_show_reads_the_default_plan_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save(sample_plan(), tmp_path / ".hfeval" / "plan.json")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(show, [])
    assert result.exit_code == 0, result.output
    assert "acme/tiny will be updated by direct commit" in result.output


def test_show_unchanged_and_verbose_reach_the_renderer(plan_file: Path) -> None:
    result = CliRunner().invoke(show, [str(plan_file), "--show-unchanged", "-v"])
    assert result.output == render_text(sample_plan(), show_unchanged=True, verbose=True)


def test_contradicting_formats_are_a_usage_error(plan_file: Path) -> None:
    result = CliRunner().invoke(show, [str(plan_file), "--json", "--format", "markdown"])
    assert result.exit_code == 2
    assert "choose one output format" in result.output


def test_missing_plan_file_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(show, [str(tmp_path / "nope.json")])
    assert isinstance(result.exception, PlanFileError)
    assert "no saved plan" in str(result.exception)
    assert "hfeval plan" in str(result.exception)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON (line 1"),
        ("[1, 2]", "does not hold a plan"),
        ('{"format_version": "2.0", "changes": []}', "format_version 2.0 is not supported"),
        ('{"format_version": "1.0"}', "corrupt"),
    ],
)
def test_corrupt_plan_file_is_a_plan_file_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PlanFileError) as raised:
        read_plan_file(path)
    assert message in str(raised.value)
    assert raised.value.where == str(path)
    assert raised.value.hint


def test_saved_plan_renders_like_the_plan_it_came_from(plan_file: Path) -> None:
    assert render_text(read_plan_file(plan_file)) == render_text(sample_plan())


# -- the shared options ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("no_color", "isatty", "env", "expected"),
    [
        (False, True, None, True),
        (True, True, None, False),
        (False, False, None, False),
        (False, True, "1", False),
        (False, True, "", True),  # NO_COLOR only counts when it is not empty
    ],
)
def test_colour_rules(
    monkeypatch: pytest.MonkeyPatch, no_color: bool, isatty: bool, env: str | None, expected: bool
) -> None:
    if env is not None:
        monkeypatch.setenv("NO_COLOR", env)
    assert color_wanted(no_color=no_color, isatty=isatty) is expected


def test_resolve_format_defaults_to_text() -> None:
    assert resolve_format(None, False, False) == "text"
    assert resolve_format("json", True, False) == "json"  # saying it twice is fine


def test_output_options_hand_the_command_one_resolved_object() -> None:
    seen: list[OutputOptions] = []

    @click.command()
    @output_options
    def probe(output: OutputOptions) -> None:
        seen.append(output)

    CliRunner().invoke(probe, ["--markdown", "--show-unchanged"], catch_exceptions=False)
    # CliRunner swaps stdout for a buffer, which is not a terminal: colour stays off.
    assert seen == [OutputOptions(fmt="markdown", color=False, show_unchanged=True)]


def test_emit_keeps_colour_codes_when_colour_is_on(capsys: pytest.CaptureFixture[str]) -> None:
    emit(sample_plan(), OutputOptions(color=True))
    assert "\x1b[" in capsys.readouterr().out
    emit(sample_plan(), OutputOptions(color=False))
    assert "\x1b[" not in capsys.readouterr().out


def test_hfeval_show_reports_a_missing_plan_as_one_error_line(tmp_path: Path) -> None:
    # Imported here: the group imports every command, and only this test needs them all.
    from hfeval.cli import main

    result = CliRunner().invoke(main, ["show", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'nope.json'}: no saved plan here")
