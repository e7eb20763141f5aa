"""`hfeval discover`: list models with benchmark tables in their README and no eval metadata yet."""

from __future__ import annotations

import json
from typing import cast

import click

from hfeval.cli.options import endpoint_option


@click.command()
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="List at most this many candidates.",
)
@click.option(
    "--scan",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Look at most at this many models of the listing.",
)
@click.option("--author", metavar="ORG", default=None, help="Only models of this user or org.")
@click.option(
    "--sort",
    type=click.Choice(["trending", "downloads", "likes"]),
    default="trending",
    show_default=True,
    help="Order of the Hub listing (and of the candidates).",
)
@click.option("--ids", "ids_only", is_flag=True, help="Print only repo ids, one per line.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON document.")
@endpoint_option
def discover(
    limit: int,
    scan: int,
    author: str | None,
    sort: str,
    ids_only: bool,
    as_json: bool,
    endpoint: str | None,
) -> None:
    """Find models whose README has benchmark tables but no evaluation metadata.

    Walks the Hub's model listing (trending first, or by downloads) and keeps models with no
    `model-index`, at least one table of scores for benchmarks hfeval knows, and no open hfeval
    pull request. Each line starts with the repo id, so the list pipes into `hfeval init`;
    the summary goes to stderr.

    \b
    Examples:
      hfeval discover --author allenai --limit 5
      hfeval discover --sort downloads --ids | xargs -n1 hfeval init
      hfeval discover --json | jq -r '.candidates[].repo_id'
    """
    from hfeval.discover import discover as run_discover  # late: pulls in the Hub client
    from hfeval.hub import Hub
    from hfeval.hub_listing import HubListing, ListingSort
    from hfeval.render.common import count

    found = run_discover(
        HubListing(endpoint),
        Hub(endpoint),
        limit=limit,
        scan=scan,
        author=author,
        sort=cast(ListingSort, sort),
        progress=None if as_json or ids_only else lambda text: click.echo(text, err=True),
    )
    if as_json:
        click.echo(json.dumps(found.as_dict(), indent=2))
        return
    width = max((len(c.repo_id) for c in found.candidates), default=0)
    for candidate in found.candidates:
        if ids_only:
            click.echo(candidate.repo_id)
            continue
        click.echo(
            f"{candidate.repo_id:<{width}}  {count(candidate.tables, 'score table')}  "
            f"{candidate.downloads} downloads"
        )
    for error in found.failed:
        click.echo(f"Warning: {error}", err=True)
    left_out = [
        f"{found.has_model_index} with model-index",
        f"{found.no_score_tables} without score tables",
        f"{found.open_hfeval_pr} with an open hfeval PR",
    ]
    if found.failed:
        left_out.append(f"{len(found.failed)} unreadable")
    click.echo(
        f"{count(len(found.candidates), 'candidate')} among {count(found.scanned, 'model')} "
        f"scanned ({', '.join(left_out)}).",
        err=True,
    )
    if found.candidates and not ids_only:
        click.echo(f"Next: hfeval init {found.candidates[0].repo_id}", err=True)
