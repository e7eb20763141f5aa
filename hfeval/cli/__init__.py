"""The command line: a thin layer that parses arguments, calls the library and maps errors to exits.

Each command lives in its own module here; this module assembles the group and owns the one place
where hfeval errors become one-line messages and exit code 1.

Commands load lazily: `hfeval --help` and `--version` import no command module at all (the help
line of each command is read from its module's source), and `hfeval validate` imports only the
validate module, so neither pays for huggingface_hub, rich or the planner. Add a command with one
line in `_COMMANDS`.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import sys
from typing import Any

import click

from hfeval import __version__
from hfeval.errors import HfevalError

# (module, attribute) of every subcommand, in the order `--help` lists them. The attribute name is
# the command name.
_COMMANDS: tuple[tuple[str, str], ...] = (
    ("hfeval.cli.plan_cmd", "plan"),
    ("hfeval.cli.apply_cmd", "apply"),
    ("hfeval.cli.show_cmd", "show"),
    ("hfeval.cli.validate_cmd", "validate"),
    ("hfeval.cli.tables_cmd", "tables"),
    ("hfeval.cli.tables_cmd", "extract"),
    ("hfeval.cli.sandbox_cmd", "sandbox"),
)


def _command_name(attr: str) -> str:
    return attr.replace("_", "-")


def _load_command(module: str, attr: str) -> click.Command:
    command = getattr(importlib.import_module(module), attr)
    assert isinstance(command, click.Command)
    return command


def _short_help(module: str, attr: str) -> str | None:
    """The docstring of function `attr` in `module`, read from source without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return None
    try:
        with open(spec.origin, encoding="utf-8") as source:
            tree = ast.parse(source.read(), filename=spec.origin)
    except (OSError, SyntaxError):
        return None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == attr:
            return ast.get_docstring(node)
    return None


class _Group(click.Group):
    """Loads commands on first use, lists them in declaration order, and turns hfeval errors into
    clean messages."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.commands, *(_command_name(attr) for _, attr in _COMMANDS)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        for module, attr in _COMMANDS:
            if _command_name(attr) == cmd_name:
                command = _load_command(module, attr)
                self.add_command(command, cmd_name)
                return command
        return None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The listing in `--help` reads help lines from source so no command module is imported.
        rows: list[tuple[str, str]] = []
        limit = formatter.width - 6 - max(len(_command_name(a)) for _, a in _COMMANDS)
        for module, attr in _COMMANDS:
            doc = _short_help(module, attr)
            # A stand-in command with the same help shortens it exactly as the real one would;
            # without a docstring in source, ask the real command.
            stand_in = click.Command(attr, help=doc) if doc else _load_command(module, attr)
            rows.append((_command_name(attr), stand_in.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HfevalError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hfeval")
def main() -> None:
    """Declarative evaluation metadata for the Hugging Face Hub.

    Keep one YAML spec per model saying where its scores come from (README tables, Artificial
    Analysis, eval logs); `hfeval plan specs/` shows what would change on the Hub and
    `hfeval apply` carries it out by commit or pull request, idempotently.

    \b
    Typical session:
      hfeval validate specs/          check specs offline
      hfeval tables org/model         list a README's tables
      hfeval extract org/model --table 2 --model "My-Model" --explain
      hfeval plan specs/              show the diff, save .hfeval/plan.json
      hfeval apply                    apply exactly that plan
    """
