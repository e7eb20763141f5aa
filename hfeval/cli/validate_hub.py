"""`hfeval validate --hub REPO…`: the `.eval_results` of Hub repos, checked locally and by the
Hub's own verdict (`expand=evalResults`), whoever wrote them."""

from __future__ import annotations

import click

from hfeval.errors import HfevalError
from hfeval.hub import Hub
from hfeval.hub_benchmarks import BenchmarkReader
from hfeval.verdict import datasets_named, hub_problems, local_problems


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
