"""Options shared by several commands: the plan output options of `plan` and `show` (format,
colour, unchanged/verbose, and printing), spec selection (`--select/--exclude`) and `--endpoint`.

Usage in a command:

    @click.command()
    @output_options
    def show(plan_file: str, output: OutputOptions) -> None:
        emit(plan, output)

The decorator adds `--format text|markdown|json`, `--json`, `--markdown`, `--no-color`,
`--show-unchanged` and `-v/--verbose`, and hands the command one resolved `OutputOptions`.
`spec_selection_options` and `endpoint_option` declare the options under their usual names
(`select`, `exclude`, `endpoint`). This module stays light (the plan model and renderers load
when a plan is printed) so that commands which only need `--endpoint` don't pay for them.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

import click

if TYPE_CHECKING:
    from hfeval.plan import Plan

OutputFormat = Literal["text", "markdown", "json"]
FORMATS: tuple[OutputFormat, ...] = ("text", "markdown", "json")

_F = TypeVar("_F", bound=Callable[..., Any])


@dataclass(frozen=True)
class OutputOptions:
    """How to print a plan; `color` is already resolved against the TTY and NO_COLOR."""

    fmt: OutputFormat = "text"
    color: bool = False
    show_unchanged: bool = False
    verbose: bool = False
    show_file_diff: bool = False


def color_wanted(*, no_color: bool, isatty: bool) -> bool:
    """Colour on a terminal, or wherever a non-empty FORCE_COLOR asks for it; never with
    --no-color or a non-empty NO_COLOR (https://no-color.org, https://force-color.org)."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return isatty or bool(os.environ.get("FORCE_COLOR"))


def resolve_format(fmt: str | None, as_json: bool, as_markdown: bool) -> OutputFormat:
    """One format from `--format`, `--json` and `--markdown`; contradictions are usage errors."""
    chosen = {f for f, on in (("json", as_json), ("markdown", as_markdown)) if on}
    if fmt is not None:
        chosen.add(fmt)
    if len(chosen) > 1:
        raise click.UsageError(
            f"choose one output format, not {' and '.join(sorted(chosen))} "
            "(--json and --markdown are short for --format json / --format markdown)"
        )
    return cast(OutputFormat, chosen.pop() if chosen else "text")


def output_options(command: _F) -> _F:
    """Add the output options to a click command; it receives them as `output: OutputOptions`."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        fmt = resolve_format(
            kwargs.pop("output_format"), kwargs.pop("as_json"), kwargs.pop("as_markdown")
        )
        stdout_is_tty = sys.stdout.isatty()
        kwargs["output"] = OutputOptions(
            fmt=fmt,
            color=color_wanted(no_color=kwargs.pop("no_color"), isatty=stdout_is_tty),
            show_unchanged=kwargs.pop("show_unchanged"),
            verbose=kwargs.pop("verbose"),
            show_file_diff=kwargs.pop("show_file_diff"),
        )
        return command(*args, **kwargs)

    decorators = (
        click.option(
            "--format",
            "output_format",
            type=click.Choice(FORMATS),
            default=None,
            help="Output format (default: text).",
        ),
        click.option("--json", "as_json", is_flag=True, help="Same as --format json."),
        click.option("--markdown", "as_markdown", is_flag=True, help="Same as --format markdown."),
        click.option(
            "--no-color", is_flag=True, help="No colour (also when NO_COLOR is set or not a TTY)."
        ),
        click.option(
            "--show-unchanged", is_flag=True, help="Also print unchanged metrics and repos."
        ),
        click.option(
            "-v", "--verbose", is_flag=True, help="Everything: unchanged values, URLs, revisions."
        ),
        click.option(
            "--show-file-diff",
            is_flag=True,
            help="Text view: add a unified diff of every file that will be written.",
        ),
    )
    decorated: Callable[..., Any] = wrapper
    for decorator in reversed(decorators):
        decorated = decorator(decorated)
    return cast(_F, decorated)


def spec_selection_options(select_help: str) -> Callable[[_F], _F]:
    """`--select GLOB` (its help says what the command does with the chosen specs) and
    `--exclude GLOB`, both repeatable; the command receives `select` and `exclude` tuples."""

    def decorate(command: _F) -> _F:
        command = click.option(
            "--exclude",
            multiple=True,
            metavar="GLOB",
            help="Leave out matching specs (repeatable).",
        )(command)
        return click.option("--select", multiple=True, metavar="GLOB", help=select_help)(command)

    return decorate


def endpoint_option(command: _F) -> _F:
    """`--endpoint`, defaulting to HF_ENDPOINT; the command receives `endpoint: str | None`."""
    return click.option(
        "--endpoint",
        envvar="HF_ENDPOINT",
        help="Hub endpoint (default: HF_ENDPOINT, else https://huggingface.co).",
    )(command)


def render(plan: Plan, output: OutputOptions, *, saved_to: str | None = None) -> str:
    """The chosen view of the plan as text (the footer only applies to the text view)."""
    from hfeval.render import render_json, render_markdown, render_text

    if output.fmt == "json":
        return render_json(plan)
    if output.fmt == "markdown":
        return render_markdown(plan)
    return render_text(
        plan,
        color=output.color,
        show_unchanged=output.show_unchanged,
        verbose=output.verbose,
        saved_to=saved_to,
        show_file_diff=output.show_file_diff,
    )


def emit(plan: Plan, output: OutputOptions, *, saved_to: str | None = None) -> None:
    """Print the chosen view to stdout (progress and errors belong on stderr, not here)."""
    click.echo(render(plan, output, saved_to=saved_to), nl=False, color=output.color)
