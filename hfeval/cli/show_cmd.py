"""`hfeval show`: render a saved plan file as text, markdown or JSON, without the network."""

from __future__ import annotations

from pathlib import Path

import click

from hfeval.cli.options import OutputOptions, emit, output_options
from hfeval.plan_file import DEFAULT_PLAN_PATH, read_plan_file


@click.command()
@click.argument(
    "plan_file",
    required=False,
    default=DEFAULT_PLAN_PATH,
    type=click.Path(dir_okay=False, path_type=Path),
)
@output_options
def show(plan_file: Path, output: OutputOptions) -> None:
    """Print a saved plan (default .hfeval/plan.json) as text, markdown or JSON.

    Reads only the file: no network, no spec or source is resolved again.

    \b
    Examples:
      hfeval show
      hfeval show ci/plan.json --markdown > plan.md
      hfeval show --json | jq '.summary.metrics'
    """
    emit(read_plan_file(plan_file), output)
