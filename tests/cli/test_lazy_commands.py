"""The CLI loads commands lazily: `--help`, `--version` and `validate` stay free of heavy imports.

Each case runs the CLI in a fresh interpreter (imports are per process) and reads `sys.modules`
after the command ran; nothing here is timed (benchmarks/startup.py measures the time).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from hfeval.cli import _COMMANDS, _default_name, _entry, _load_command, main

# Packages a start-up command must not import: the Hub client, the eval framework, rich's console
# machinery, and hfeval's own planner and sandbox server.
HEAVY = ("huggingface_hub", "inspect_ai", "rich", "httpx", "hfeval.planner", "hfeval.sandbox")

_PROBE = """
import json, sys
from hfeval.cli import main
try:
    main(sys.argv[1:], prog_name="hfeval")
except SystemExit as exit:
    code = exit.code
else:
    code = 0
sys.stderr.write("\\nMODULES " + json.dumps([code, sorted(sys.modules)]) + "\\n")
"""


def _modules_after(args: list[str], cwd: Path) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    line = done.stderr.rsplit("MODULES ", 1)[-1]
    code, modules = json.loads(line)
    return code, modules


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["validate", "specs"]])
def test_startup_commands_import_nothing_heavy(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "m.yaml").write_text(
        "model: org/m\nsources:\n  - readme: {table: 1, model: m}\n"
    )
    code, modules = _modules_after(args, tmp_path)
    assert code == 0
    assert "hfeval.cli" in modules
    assert _heavy(modules) == []


def test_the_probe_sees_heavy_imports_when_a_command_needs_them(tmp_path: Path) -> None:
    # `plan --help` loads the plan command, which imports the planner and huggingface_hub.
    code, modules = _modules_after(["plan", "--help"], tmp_path)
    assert code == 0
    assert "huggingface_hub" in _heavy(modules)


def test_help_lists_every_command_with_the_help_line_the_command_itself_gives() -> None:
    result = CliRunner().invoke(main, ["--help"])
    output = result.output
    assert "Commands:" in output, (output, result.exception)
    listing = output.split("Commands:", 1)[1].splitlines()
    names = [line.split()[0] for line in listing if line.strip()]
    assert names == [_load_command(module, attr).name for module, attr in _COMMANDS]
    for module, attr in _COMMANDS:
        command = _load_command(module, attr)
        row = next(line for line in listing if line.split()[:1] == [command.name])
        shown = row.split(None, 1)[1].strip().removesuffix("...")
        assert len(shown) > 20
        assert " ".join((command.help or "").split()).startswith(shown)


@pytest.mark.parametrize(("module", "attr"), _COMMANDS)
def test_the_name_read_from_source_is_the_commands_own(module: str, attr: str) -> None:
    entry = _entry(module, attr)
    command = _load_command(module, attr)
    assert entry.name == command.name
    assert entry.doc is not None and command.help is not None
    assert " ".join(entry.doc.split()) == " ".join(command.help.split())


def test_click_default_names() -> None:
    assert _default_name("eval_command") == "eval"
    assert _default_name("init_data_cmd") == "init-data"
    assert _default_name("whoami") == "whoami"


@pytest.mark.parametrize(("module", "attr"), _COMMANDS)
def test_each_command_loads_on_demand(module: str, attr: str) -> None:
    name = _entry(module, attr).name
    command = main.get_command(click.Context(main), name)
    assert command is _load_command(module, attr)
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_main_commands_lists_every_command_without_importing_any() -> None:
    probe = (
        "import json, sys\nfrom hfeval.cli import main\nnames = list(main.commands)\n"
        "print(json.dumps([names, 'validate' in main.commands, sorted(sys.modules)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    names, has_validate, modules = json.loads(done.stdout)
    assert names == [_entry(module, attr).name for module, attr in _COMMANDS]
    assert has_validate
    assert not [m for m in modules if m.startswith("hfeval.cli.") and m.endswith("_cmd")]
    assert _heavy(modules) == []


# What a plan of README-only specs has no use for: the apply machinery (its templates and
# jinja2), the Artificial Analysis client's httpx (huggingface_hub has its own client), rich's
# console (plain output), the eval framework and the sandbox server.
NOT_FOR_README_PLANS = ("hfeval.apply", "jinja2", "httpx", "rich", "inspect_ai", "hfeval.sandbox")


def test_a_plan_of_readme_specs_imports_no_apply_or_other_clients(
    tmp_path: Path, hub_repo: Callable[..., str]
) -> None:
    repo = hub_repo({"README.md": "# m\n\n| Benchmark | m |\n|---|---|\n| MMLU | 64.8 |\n"})
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "m.yaml").write_text(
        f"model: {repo}\napply: commit\nsources:\n  - readme: {{table: 1, model: m}}\n"
    )
    code, modules = _modules_after(["plan", "specs", "--no-save", "--detailed-exitcode"], tmp_path)
    assert code == 2  # planned, with changes: the README gets a model-index
    assert "hfeval.planner" in modules and "huggingface_hub" in modules
    unwanted = [
        m for m in modules if any(m == h or m.startswith(h + ".") for h in NOT_FOR_README_PLANS)
    ]
    assert unwanted == []
