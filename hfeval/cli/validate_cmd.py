"""`hfeval validate`: check spec files and hfeval.yaml offline, or (`--hub`) the `.eval_results`
of Hub repos, locally and by the Hub's verdict; report every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hfeval.errors import HfevalError
from hfeval.hub import Hub
from hfeval.hub_benchmarks import BenchmarkReader
from hfeval.spec import SpecProblemsError, load_specs
from hfeval.verdict import datasets_named, hub_problems, local_problems


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--hub",
    "hub_repos",
    is_flag=True,
    help="Treat the arguments as Hub model repos and check their .eval_results instead.",
)
@click.option("--endpoint", default=None, help="Hub endpoint (default: HF_ENDPOINT).")
def validate(paths: tuple[Path, ...], hub_repos: bool, endpoint: str | None) -> None:
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

    Each problem is printed as file:line:column: message; the exit code is 1
    when there is any. Editors can check specs with schemas/spec.schema.json.

    \b
    With --hub, the arguments are model repos (any, not only hfeval's):
      hfeval validate --hub allenai/Olmo-3-32B-Think
    Each .eval_results file on main is checked locally (schema, official
    benchmark, eval.yaml task id) and the Hub's own verdict is read
    (expand=evalResults); every problem is printed, exit code 1 when any.
    """
    if hub_repos:
        sys.exit(validate_hub_repos([str(p) for p in paths], endpoint))
    try:
        spec_set = load_specs(list(paths) or [Path("specs")])
    except SpecProblemsError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        count = len(error.problems)
        click.echo(f"{count} problem{'s' * (count != 1)} found", err=True)
        sys.exit(1)
    names = ", ".join(str(loaded.path) for loaded in spec_set.specs)
    count = len(spec_set.specs)
    click.echo(f"OK: {count} spec{'s' * (count != 1)} valid ({names})")


def validate_hub_repos(repo_ids: list[str], endpoint: str | None) -> int:
    """Print every problem of the repos' .eval_results; the exit code (1 when any)."""
    if not repo_ids:
        raise click.UsageError("--hub needs at least one repo id")
    reader = BenchmarkReader(Hub(endpoint))
    found = 0
    for repo_id in repo_ids:
        try:
            snapshot = reader.hub.snapshot(repo_id)
            catalog = reader.catalog(datasets_named(snapshot.files))
            problems = local_problems(repo_id, snapshot.files, catalog)
            problems += hub_problems(repo_id, "main", reader.verdict(repo_id))
        except HfevalError as error:
            click.echo(f"{repo_id}: {error}", err=True)
            found += 1
            continue
        for problem in problems:
            click.echo(problem.text(), err=True)
        found += len(problems)
        if not problems:
            click.echo(f"OK: {repo_id} (.eval_results valid, accepted by the Hub)")
    if found:
        click.echo(f"{found} problem{'s' * (found != 1)} found", err=True)
    return 1 if found else 0
