"""`hfeval show`: render a saved plan file as text, markdown or JSON, without the network."""

from __future__ import annotations

import json
from pathlib import Path

import click

from hfeval.cli.options import OutputOptions, emit, output_options
from hfeval.errors import PlanFileError
from hfeval.plan import Plan, plan_from_dict
from hfeval.render.common import DEFAULT_PLAN_PATH

_REPLAN_HINT = 'run "hfeval plan" to make a plan, or pass the path of a saved plan file'


def read_plan_file(path: Path) -> Plan:
    """Load a saved plan; a missing, unreadable or corrupt file is a PlanFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise PlanFileError("no saved plan here", where=str(path), hint=_REPLAN_HINT) from error
    except (OSError, UnicodeDecodeError) as error:
        raise PlanFileError(
            f"cannot read the plan file ({error})", where=str(path), hint=_REPLAN_HINT
        ) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlanFileError(
            f"the plan file is not valid JSON (line {error.lineno}: {error.msg})",
            where=str(path),
            hint='run "hfeval plan" again to write a fresh plan file',
        ) from error
    if not isinstance(data, dict):
        raise PlanFileError(
            "the plan file does not hold a plan (expected a JSON object)",
            where=str(path),
            hint='run "hfeval plan" again to write a fresh plan file',
        )
    try:
        return plan_from_dict(data)
    except PlanFileError as error:
        error.where = error.where or str(path)
        error.hint = error.hint or 'run "hfeval plan" again to write a fresh plan file'
        raise


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
    """
    emit(read_plan_file(plan_file), output)
