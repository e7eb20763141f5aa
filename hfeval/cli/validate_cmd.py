"""`hfeval validate`: check spec files and hfeval.yaml offline and report every problem
(`--hub`: the `.eval_results` of Hub repos, see `validate_hub.py`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from hfeval.spec import Problem, SpecProblemsError, load_specs


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print a JSON document (valid, specs, problems)."
)
@click.option(
    "--hub",
    "hub_repos",
    is_flag=True,
    help="Treat the arguments as Hub model repos and check their .eval_results instead.",
)
@click.option("--endpoint", default=None, help="Hub endpoint (default: HF_ENDPOINT).")
def validate(paths: tuple[Path, ...], as_json: bool, hub_repos: bool, endpoint: str | None) -> None:
    """Check spec files without touching the network (default: specs/).

    A spec is one YAML file per model saying where its scores come from.
    PATHS may be files or directories (searched for *.yaml / *.yml).
    hfeval.yaml next to specs/ holds project defaults (apply, targets, task).

    \b
    Example (specs/allenai/Olmo-3-32B-Think.yaml):
      model: allenai/Olmo-3-32B-Think   # Hub repo id (required)
      name: Olmo-3-32B-Think            # model-index name (default: repo name)
      apply: pr                         # pr | commit | auto
      targets: [model-index]            # model-index and/or eval-results
      prune: false                      # drop managed results no source gives
      sources:                          # one or more, each with one key
        - readme:                       # a table in a README
            repo: allenai/Olmo-3-32B-Think   # default: model; or file: README.md
            table: 2                    # 1-based table number or heading text
            model: "OLMo 3-32B"         # column/row naming this model
            include: [MMLU, GSM8K]      # optional; also exclude, rename, task
        - artificial_analysis:          # the Artificial Analysis API
            creator: allenai            # with model:, or id: alone
            model: olmo-3-32b-think
            metrics: [mmlu_pro, gpqa]   # optional subset
        - logs:                         # inspect / lm-eval / lighteval logs
            paths: [logs/]              # or repo: org/eval-logs (a dataset)

    Each problem is printed as file:line:column: message; the exit code is 1
    when there is any. Editors can check specs with schemas/spec.schema.json.

    \b
    Examples:
      hfeval validate
      hfeval validate specs/acme/ one-more.yaml
      hfeval validate --json | jq '.problems[].message'

    \b
    With --hub, the arguments are model repos (any, not only hfeval's):
      hfeval validate --hub allenai/Olmo-3-32B-Think
    Each .eval_results file on main is checked locally (schema, official
    benchmark, eval.yaml task id) and the Hub's own verdict is read
    (expand=evalResults); every problem is printed, exit code 1 when any.
    """
    if hub_repos:
        # Imported here: checking spec files offline must not load the Hub client.
        from hfeval.cli.validate_hub import validate_hub_repos

        sys.exit(validate_hub_repos([str(p) for p in paths], endpoint))
    try:
        spec_set = load_specs(list(paths) or [Path("specs")])
    except SpecProblemsError as error:
        if as_json:
            click.echo(_document([], error.problems))
            sys.exit(1)
        for problem in error.problems:
            click.echo(str(problem), err=True)
        count = len(error.problems)
        click.echo(f"{count} problem{'s' * (count != 1)} found", err=True)
        sys.exit(1)
    if as_json:
        click.echo(_document([loaded.path for loaded in spec_set.specs], ()))
        return
    names = ", ".join(str(loaded.path) for loaded in spec_set.specs)
    count = len(spec_set.specs)
    click.echo(f"OK: {count} spec{'s' * (count != 1)} valid ({names})")


def _document(specs: Sequence[Path], problems: Sequence[Problem]) -> str:
    """The --json form: `valid`, the spec files read, and every problem with its position."""
    return json.dumps(
        {
            "valid": not problems,
            "specs": [str(path) for path in specs],
            "problems": [
                {
                    "file": str(problem.path),
                    "line": problem.line,
                    "column": problem.column,
                    "message": problem.message,
                }
                for problem in problems
            ],
        },
        indent=2,
    )
