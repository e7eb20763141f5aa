"""`hfeval plan`: resolve the specs, diff them against the Hub, print and save the plan."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hfeval.cli.count_line import CountLine
from hfeval.cli.options import (
    OutputOptions,
    emit,
    endpoint_option,
    output_options,
    spec_selection_options,
)
from hfeval.errors import HfevalError
from hfeval.plan import Plan
from hfeval.plan_file import DEFAULT_PLAN_PATH, write_plan_file
from hfeval.planner import plan_specs
from hfeval.render.common import PLANNING_FAILED


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=Path(DEFAULT_PLAN_PATH),
    show_default=True,
    help="Where to save the plan that `hfeval apply` will carry out.",
)
@click.option("--no-save", is_flag=True, help="Do not save the plan file.")
@click.option(
    "--detailed-exitcode",
    is_flag=True,
    help="Exit 2 when there are changes (0 none, 1 error), for CI gates.",
)
@spec_selection_options("Plan only specs whose repo id or path matches (repeatable).")
@endpoint_option
@click.option("--refresh", is_flag=True, help="Ignore cached Artificial Analysis data.")
@click.option(
    "--parallelism",
    type=click.IntRange(min=1),
    default=8,
    show_default=True,
    help="How many repos are read from the Hub at the same time (in all processes).",
)
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that plan repos side by side (default: one per CPU core when "
    "there are hundreds of specs; 1 plans in this process only).",
)
@click.option(
    "--fail-on-disagreement",
    is_flag=True,
    help="Exit 1 when two sources of a spec disagree on a benchmark (a warning otherwise).",
)
@output_options
def plan(
    paths: tuple[Path, ...],
    out: Path,
    no_save: bool,
    detailed_exitcode: bool,
    select: tuple[str, ...],
    exclude: tuple[str, ...],
    endpoint: str | None,
    refresh: bool,
    parallelism: int,
    processes: int | None,
    fail_on_disagreement: bool,
    output: OutputOptions,
) -> None:
    """Show what `hfeval apply` would change on the Hub, and save that plan.

    Reads every spec under PATHS (default: specs/), resolves its sources (README tables,
    Artificial Analysis, eval logs, inspect runs stored by `hfeval eval`; planning never runs an
    evaluation), reads each repo's README and .eval_results on the Hub, and prints a
    Terraform-style diff: `+` add, `~` change, `-` remove, `!` conflict left as it is.
    Nothing is written to the Hub.

    \b
    A plan with changes is saved to .hfeval/plan.json (see --out); `hfeval apply` then applies
    exactly that plan and refuses repos that moved since. A plan with no changes, or one that
    failed, is not saved (and an older saved plan there is removed). Exit codes: 0 success,
    1 error, 2 changes (only with --detailed-exitcode). Values are published on each
    benchmark's scale; two sources that disagree on a benchmark are a warning (an error with
    --fail-on-disagreement).

    \b
    Examples:
      hfeval plan specs/
      hfeval plan specs/ --select 'acme/*' --format markdown > plan.md
      hfeval plan --json | jq .summary
    """

    def progress(message: str) -> None:
        click.echo(message, err=True)

    try:
        with CountLine("Planned", sys.stderr) as planned_count:
            result: Plan = plan_specs(
                list(paths) or [Path("specs")],
                endpoint=endpoint,
                select=select,
                exclude=exclude,
                refresh=refresh,
                parallelism=parallelism,
                processes=processes,
                progress=progress,
                repo_progress=planned_count,
            )
    except HfevalError as error:
        click.echo(PLANNING_FAILED, err=True)
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    saved_to = None
    if not no_save and result.summary.has_changes and not result.failed:
        write_plan_file(result, out)
        saved_to = str(out)
    elif not no_save and out.is_file():
        # An older plan would otherwise be what a bare `hfeval apply` picks up next.
        out.unlink()
        click.echo(
            f"Removed the outdated saved plan {out}: this plan has nothing to apply.", err=True
        )
    emit(result, output, saved_to=saved_to)
    if fail_on_disagreement and result.disagreements:
        count = len(result.disagreements)
        click.echo(
            f"Error: {count} source disagreement{'s' * (count != 1)} (see the warnings above)",
            err=True,
        )
        sys.exit(1)
    sys.exit(result.exit_code(detailed=detailed_exitcode))
