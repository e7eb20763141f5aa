"""`hfeval tables` and `hfeval extract`: look inside a README's tables before writing a spec."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.table import Table as RichTable

from hfeval.choose import Decision, choose
from hfeval.cli.console import output_console
from hfeval.errors import SourceError
from hfeval.registry import default_registry
from hfeval.tables import Extraction, analyse, extract as extract_scores, find_tables
from hfeval.tables.summary import TableSummary, summarise

_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


@dataclass(frozen=True)
class Readme:
    text: str
    label: str
    repo_id: str | None
    commit: str | None


def read_readme(source: str, revision: str | None) -> Readme:
    """A local markdown file, or README.md of a Hub repo when SOURCE is not a file."""
    path = Path(source)
    if path.is_file():
        try:
            return Readme(path.read_text(encoding="utf-8"), source, None, None)
        except (OSError, UnicodeDecodeError) as error:
            raise SourceError(f"cannot read the file ({error})", where=source) from error
    if not _REPO_ID.match(source):
        raise SourceError(
            "no such file, and not a Hub repo id",
            where=source,
            hint="give a path to a markdown file or a repo id such as org/model",
        )
    from hfeval.hub import Hub  # imported late: huggingface_hub is slow to import

    remote = Hub(endpoint=None).read_file(source, "README.md", revision=revision)
    if remote.text is None:
        raise SourceError("the repo has no README.md", where=f"{source}@{remote.commit}")
    return Readme(remote.text, f"{source}@{remote.commit[:7]}", source, remote.commit)


# Options every command reading a README takes.
revision_option = click.option(
    "--revision", default=None, help="Branch, tag or commit of a Hub repo."
)
repo_option = click.option(
    "--repo", default=None, help="Hub repo id the card belongs to (for a local file)."
)


def _parse_table(value: str) -> int | str:
    return int(value) if value.strip().isdigit() else value


def _parse_model(value: str | None) -> str | int | None:
    if value is None:
        return None
    return int(value) if value.strip().isdigit() else value


@click.command()
@click.argument("source")
@revision_option
@repo_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON document instead of tables.")
def tables(source: str, revision: str | None, repo: str | None, as_json: bool) -> None:
    """List every table in SOURCE (a markdown file or a Hub repo id).

    For each table: its number (what a spec's `table:` refers to), line, kind, detected layout,
    headers, the model labels it offers (marked * when one matches the repo name) and a few rows,
    and the verdict `hfeval init` would reach on it: chosen (with the model label, marked >),
    another model's, or no scores, with the reason.

    \b
    Examples:
      hfeval tables allenai/Olmo-3-32B-Think
      hfeval tables README.md --repo acme/aurora-7b-instruct
      hfeval tables README.md --json | jq '.tables[] | {number, layout, choice}'
    """
    readme = read_readme(source, revision)
    card_repo = repo or readme.repo_id
    repo_name = card_repo.split("/")[-1] if card_repo else None
    summaries = [summarise(analyse(table), repo_name) for table in find_tables(readme.text)]
    decision = choose(readme.text, card_repo)
    if as_json:
        verdicts = {verdict.table: verdict.as_dict() for verdict in decision.tables}
        document = {
            "source": source,
            "revision": revision,
            "commit": readme.commit,
            "tables": [
                {**summary.as_dict(), "choice": verdicts.get(summary.number)}
                for summary in summaries
            ],
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    _print_tables(readme.label, summaries, decision)


def _print_tables(label: str, summaries: list[TableSummary], decision: Decision) -> None:
    console = output_console()
    console.print(f"[bold]{escape(label)}[/bold]: {len(summaries)} table(s)")
    for summary in summaries:
        console.print()
        heading = f' under "{escape(summary.heading)}"' if summary.heading else ""
        console.print(
            f"[bold]Table {summary.number}[/bold]  line {summary.line}  {summary.kind}  "
            f"[cyan]{summary.layout}[/cyan]{heading}"
        )
        verdict = decision.verdict_of(summary.number)
        chosen = verdict.model if verdict is not None and verdict.chosen else None
        if summary.candidates:
            marked = [
                f"[bold green]>{escape(c.label)}[/bold green]"
                if chosen is not None and c.label == chosen
                else f"[green]{escape(c.label)}*[/green]"
                if c.matches_repo
                else escape(c.label)
                for c in summary.candidates
            ]
            console.print(f"  models ({summary.axis}s): " + ", ".join(marked))
        if verdict is not None:
            if verdict.chosen:
                who = f' model "{escape(verdict.model)}"' if verdict.model else ""
                console.print(f"  [bold green]init would choose this table[/bold green]{who}")
            console.print(f"  [dim]{verdict.verdict}: {escape(verdict.reason)}[/dim]")
        grid = RichTable(show_lines=False, pad_edge=False)
        for header in summary.header:
            # Narrow columns only on a terminal; piped output keeps every cell on one line.
            width = 28 if console.is_terminal else None
            grid.add_column(escape(header) or " ", overflow="fold", max_width=width)
        for row in summary.sample_rows:
            grid.add_row(*(escape(cell) for cell in row))
        if summary.header:
            console.print(grid)
        if summary.row_count > len(summary.sample_rows):
            console.print(f"  … {summary.row_count - len(summary.sample_rows)} more row(s)")


@click.command(name="extract")
@click.argument("source")
@click.option(
    "--table",
    "table_ref",
    required=True,
    help="Table number (see `hfeval tables`) or the heading text above it.",
)
@click.option(
    "--model",
    "model_ref",
    default=None,
    help="Column header or row label of the model (or its 1-based number).",
)
@revision_option
@click.option("--explain", is_flag=True, help="Say why each cell was taken or skipped.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON document instead of tables.")
def extract(
    source: str,
    table_ref: str,
    model_ref: str | None,
    revision: str | None,
    explain: bool,
    as_json: bool,
) -> None:
    """Extract one model's scores from one table of SOURCE (a markdown file or a Hub repo id).

    Shows what a spec's `readme:` source with the same `table:` and `model:` would take.

    \b
    Examples:
      hfeval extract acme/aurora-7b-instruct --table 1 --model Aurora-7B-Instruct
      hfeval extract README.md --table "Base model comparison" --model 2 --explain
      hfeval extract README.md --table 3 --json | jq '.scores[].value'
    """
    readme = read_readme(source, revision)
    result = extract_scores(
        readme.text, _parse_table(table_ref), _parse_model(model_ref), registry=default_registry()
    )
    if as_json:
        click.echo(json.dumps(extraction_document(result), indent=2, ensure_ascii=False))
        return
    _print_extraction(readme.label, result, explain)


def extraction_document(result: Extraction) -> dict[str, Any]:
    """The stable JSON form of an extraction; reasons for taken cells stay in --explain text."""
    return {
        "table": result.table,
        "layout": result.layout,
        "model": result.model,
        "scores": [
            {
                "benchmark": score.benchmark,
                "metric": score.metric,
                "type": score.type,
                "value": score.value,
                "cell": score.cell,
            }
            for score in result.scores
        ],
        "skipped": [
            {"label": skip.label, "cell": skip.cell, "reason": skip.reason}
            for skip in result.skipped
        ],
    }


def _print_extraction(label: str, result: Extraction, explain: bool) -> None:
    console = output_console()
    who = f' for "{escape(result.model)}" ({result.axis})' if result.model else ""
    console.print(
        f"[bold]{escape(label)}[/bold] table {result.table} (line {result.line}), "
        f"[cyan]{result.layout}[/cyan]{who}: {len(result.scores)} score(s), "
        f"{len(result.skipped)} skipped"
    )
    scores = RichTable(pad_edge=False)
    for column in ("benchmark", "metric", "value", "type", "line"):
        scores.add_column(column, overflow="fold")
    for score in result.scores:
        cells = [
            score.benchmark,
            score.metric or "",
            str(score.value),
            score.type or "",
            str(score.line),
        ]
        scores.add_row(*(escape(cell) for cell in cells))
    if result.scores:
        console.print(scores)
    if explain:
        console.print("[bold]taken[/bold]")
        for score in result.scores:
            console.print(
                f"  {escape(score.benchmark)} = {score.value} from "
                f"{escape(score.cell)!s}: {escape(score.reason)}"
            )
    if result.skipped and (explain or len(result.skipped) <= 12):
        console.print("[bold]skipped[/bold]")
        for skip in result.skipped:
            console.print(f"  {escape(skip.label)}: {escape(skip.cell)!s} — {escape(skip.reason)}")
    elif result.skipped:
        console.print(f"{len(result.skipped)} cell(s) skipped; --explain lists them")
