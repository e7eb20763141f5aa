"""The command line: a thin layer that parses arguments, calls the library and maps errors to exits.

Each command lives in its own module here; this module assembles the group and owns the one place
where hfeval errors become one-line messages and exit code 1, and where output and logs get
their token redaction (`hfeval.redaction`).
"""

from __future__ import annotations

import importlib
import sys
import traceback
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


class _Group(click.Group):
    """Lists commands in declaration order and turns hfeval errors into clean messages."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

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


for _module, _attr in _COMMANDS:
    main.add_command(getattr(importlib.import_module(_module), _attr))
