"""The command line: a thin layer that parses arguments, calls the library and maps errors to exits.

Each command lives in its own module here; this module assembles the group and owns the one place
where hfeval errors become one-line messages and exit code 1, and where output and logs get
their token redaction (`hfeval.redaction`).

Commands load lazily: `hfeval --help` and `--version` import no command module at all (the help
line of each command is read from its module's source), and `hfeval validate` imports only the
validate module, so neither pays for huggingface_hub, rich or the planner. Add a command with one
line in `_COMMANDS`.
"""

from __future__ import annotations

import ast
import functools
import importlib
import importlib.util
import sys
import traceback
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

import click

from hfeval import __version__
from hfeval.errors import HfevalError
from hfeval.redaction import install_log_redaction, redact

# (module, attribute) of every subcommand, in the order `--help` lists them.
_COMMANDS: tuple[tuple[str, str], ...] = (
    ("hfeval.cli.plan_cmd", "plan"),
    ("hfeval.cli.eval_cmd", "eval_command"),
    ("hfeval.cli.apply_cmd", "apply"),
    ("hfeval.cli.show_cmd", "show"),
    ("hfeval.cli.validate_cmd", "validate"),
    ("hfeval.cli.init_cmd", "init"),
    ("hfeval.cli.tables_cmd", "tables"),
    ("hfeval.cli.tables_cmd", "extract"),
    ("hfeval.cli.sandbox_cmd", "sandbox"),
    ("hfeval.cli.discover_cmd", "discover"),
    ("hfeval.cli.whoami_cmd", "whoami"),
    ("hfeval.cli.completion_cmd", "completion"),
)


_SUFFIXES = ("_command", "_cmd", "_group", "_grp")


@dataclass(frozen=True)
class _Entry:
    """A command as its module's source declares it: name and docstring, read without import."""

    module: str
    attr: str
    name: str
    doc: str | None


def _entries() -> list[_Entry]:
    return [_entry(module, attr) for module, attr in _COMMANDS]


def _entry(module: str, attr: str) -> _Entry:
    found = _declared(module).get(attr)
    if found is None:  # not a plain decorated function: ask the command itself
        command = _load_command(module, attr)
        return _Entry(module, attr, command.name or attr, command.help)
    return _Entry(module, attr, *found)


@functools.cache
def _declared(module: str) -> dict[str, tuple[str, str | None]]:
    """{function: (command name, docstring)} of the click commands defined in `module`'s source.

    The name is the one given to `@click.command(...)`, else click's own default: the function
    name in lower case without a `_command`/`_cmd`/`_group`/`_grp` suffix, `_` as `-`.
    """
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return {}
    try:
        with open(spec.origin, encoding="utf-8") as source:
            tree = ast.parse(source.read(), filename=spec.origin)
    except (OSError, SyntaxError):
        return {}
    found: dict[str, tuple[str, str | None]] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if not (
                isinstance(decorator, ast.Call)
                and isinstance(decorator.func, ast.Attribute)
                and decorator.func.attr in ("command", "group")
            ):
                continue
            name = _given_name(decorator) or _default_name(node.name)
            found[node.name] = (name, ast.get_docstring(node))
    return found


def _given_name(decorator: ast.Call) -> str | None:
    candidates = [*decorator.args[:1], *(k.value for k in decorator.keywords if k.arg == "name")]
    for value in candidates:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return None


def _default_name(function: str) -> str:
    name = function.lower()
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            name = name.removesuffix(suffix)
            break
    return name.replace("_", "-")


def _load_command(module: str, attr: str) -> click.Command:
    command = getattr(importlib.import_module(module), attr)
    assert isinstance(command, click.Command)
    return command


class _Commands(MutableMapping[str, click.Command]):
    """`main.commands`: every declared command is listed, and imported when first looked up."""

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}

    def _names(self) -> list[str]:
        declared = [entry.name for entry in _entries()]
        return [*(name for name in self._loaded if name not in declared), *declared]

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            entry = next((e for e in _entries() if e.name == name), None)
            if entry is None:
                raise KeyError(name)
            self._loaded[name] = _load_command(entry.module, entry.attr)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    def __contains__(self, name: object) -> bool:
        return name in self._loaded or any(e.name == name for e in _entries())


class _Group(click.Group):
    """Loads commands on first use, lists them in declaration order, and turns hfeval errors into
    clean messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The listing in `--help` reads help lines from source so no command module is imported.
        entries = _entries()
        limit = formatter.width - 6 - max(len(entry.name) for entry in entries)
        rows: list[tuple[str, str]] = []
        for entry in entries:
            # A stand-in command with the same help shortens it exactly as the real one would;
            # without a docstring in source, ask the real command.
            stand_in = (
                click.Command(entry.name, help=entry.doc)
                if entry.doc
                else _load_command(entry.module, entry.attr)
            )
            rows.append((entry.name, stand_in.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        install_log_redaction()
        try:
            return super().invoke(ctx)
        except HfevalError as error:
            click.echo(f"Error: {error}", err=True)  # str() of an hfeval error is redacted
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            # A bug: show the traceback (it helps a report) but never a token in it.
            trace = "".join(traceback.format_exception(error))
            click.echo(redact(f"Error: internal error, please report it\n{trace}"), err=True)
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
      hfeval init org/model           write a spec for a card: its own score tables
      hfeval validate specs/          check specs offline
      hfeval tables org/model         list a README's tables
      hfeval extract org/model --table 2 --model "My-Model" --explain
      hfeval eval specs/              run pending inspect-ai evaluations
      hfeval plan specs/              show the diff, save .hfeval/plan.json
      hfeval apply                    apply exactly that plan
    """
