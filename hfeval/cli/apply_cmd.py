"""`hfeval apply`: carry out a saved plan (or a fresh, confirmed one) by commit or pull request."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from huggingface_hub import constants
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from hfeval.apply import (
    DEFAULT_PARALLELISM,
    ApplyReport,
    DryRunPublisher,
    HubPublisher,
    MessageRenderer,
    Publisher,
    RepoOutcome,
    apply_plan,
    format_report,
)
from hfeval.cli.count_line import CountLine
from hfeval.cli.options import color_wanted
from hfeval.errors import HfevalError, PlanFileError, StalePlanError
from hfeval.hub import Hub
from hfeval.hub_benchmarks import BenchmarkReader
from hfeval.plan import Plan
from hfeval.plan_file import DEFAULT_PLAN_PATH, read_plan_file
from hfeval.render import render_text
from hfeval.render.evaluations import unpublished_notice
from hfeval.verdict import after_apply

EXIT_STALE = 3
SPECS_DIR = Path("specs")
TEMPLATES_DIR_NAME = "templates"


@click.command()
@click.argument("plan_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-y", "--yes", is_flag=True, help="Apply a fresh plan without asking.")
@click.option(
    "--parallelism",
    type=click.IntRange(min=1),
    default=DEFAULT_PARALLELISM,
    show_default=True,
    help="How many repos are checked and written at the same time.",
)
@click.option(
    "--dry-run", is_flag=True, help="Show what would be sent to each repo; write nothing."
)
@click.option(
    "--endpoint",
    default=None,
    help="Hub endpoint (default: the saved plan's, which must match HF_ENDPOINT).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="GLOB",
    help="Without a saved plan: plan only matching specs (repeatable).",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Without a saved plan: leave out matching specs (repeatable).",
)
@click.option(
    "--no-color", is_flag=True, help="No colour (also when NO_COLOR is set or not a TTY)."
)
def apply(
    plan_file: Path | None,
    yes: bool,
    parallelism: int,
    dry_run: bool,
    endpoint: str | None,
    select: tuple[str, ...],
    exclude: tuple[str, ...],
    no_color: bool,
) -> None:
    """Write the planned evaluation results to the Hub, by commit or pull request.

    With PLAN_FILE, or when .hfeval/plan.json exists, applies exactly that saved plan with no
    prompt. Otherwise plans specs/ now, prints the plan and asks before writing (--yes skips the
    question; without a terminal --yes is required).

    \b
    Every repo is checked before anything is written: a repo whose branch or pull request moved
    since the plan is stale and left alone, unless it already holds the planned content. Running
    apply twice changes nothing the second time and never opens a second pull request.
    Exit codes: 0 success (also "already applied"), 1 error, 3 stale plan.

    \b
    Examples:
      hfeval plan specs/ && hfeval apply
      hfeval apply --dry-run
      hfeval apply ci-artifacts/plan.json --parallelism 4
    """
    saved = plan_file or (Path(DEFAULT_PLAN_PATH) if Path(DEFAULT_PLAN_PATH).is_file() else None)
    color = color_wanted(no_color=no_color, isatty=sys.stdout.isatty())
    if saved is not None:
        if select or exclude:
            option = "--select" if select else "--exclude"
            raise click.ClickException(
                f"{option} can't be used with a saved plan; the plan already records its selection."
            )
        plan = read_plan_file(saved, verify_fingerprint=True)
        hub = Hub(saved_plan_endpoint(plan, endpoint))
    else:
        if not (yes or dry_run or stdin_is_interactive()):
            raise click.ClickException(
                "no saved plan and no terminal to confirm a fresh one\n"
                '  hint: run "hfeval plan" and then "hfeval apply", or pass --yes'
            )
        plan = plan_now(endpoint, select, exclude)
        click.echo(render_text(plan, color=color), nl=False)
        if not plan.summary.has_changes:
            sys.exit(plan.exit_code(detailed=False))
        if not (yes or dry_run or click.confirm("Apply these changes?", default=False)):
            click.echo("Apply cancelled; nothing was written.", err=True)
            sys.exit(1)
        hub = Hub(endpoint)
    publisher: Publisher = DryRunPublisher() if dry_run else HubPublisher(hub)
    report = run_apply(plan, hub, publisher, parallelism=parallelism)
    text = format_report(report, saved_plan=saved is not None)
    if text.err:
        click.echo(text.err, err=True, nl=False)
    click.echo(text.out, nl=False)
    notice = unpublished_notice(plan)
    if notice is not None:
        click.echo(notice)
    rejected = report_hub_verdict(plan, report, hub)
    sys.exit(report.exit_code or (1 if rejected else 0))


def report_hub_verdict(plan: Plan, report: ApplyReport, hub: Hub) -> bool:
    """Print the error items the Hub reports for the `.eval_results` just written.

    True when a file hfeval wrote was rejected (apply then exits 1).
    """
    try:
        problems = after_apply(plan, report, BenchmarkReader(hub))
    except HfevalError as error:
        click.echo(f"Could not read the Hub's verdict on .eval_results: {error}", err=True)
        return False
    for problem in problems:
        click.echo(f"Hub verdict: {problem.text()}", err=True)
    return any(p.ours for p in problems)


def run_apply(plan: Plan, hub: Hub, publisher: Publisher, *, parallelism: int) -> ApplyReport:
    """Apply with a progress bar on a terminal; an edited spec stops everything with exit 3."""
    try:
        with progress_bar(len(plan.repos)) as advance:
            return apply_plan(
                plan,
                hub,
                publisher,
                messages=MessageRenderer(templates_dir()),
                parallelism=parallelism,
                on_outcome=advance,
            )
    except StalePlanError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_STALE)


def saved_plan_endpoint(plan: Plan, explicit: str | None) -> str:
    """The plan's endpoint; another endpoint in effect is refused unless --endpoint says so."""
    if explicit is not None:
        return explicit
    in_effect = constants.ENDPOINT.rstrip("/")
    if plan.endpoint is None:
        return in_effect
    if plan.endpoint.rstrip("/") != in_effect:
        raise PlanFileError(
            f"the plan was made against {plan.endpoint}, but the endpoint in effect is {in_effect}",
            hint=f"pass --endpoint {plan.endpoint} to apply it there, or plan again against "
            f"{in_effect}",
        )
    return plan.endpoint


def plan_now(endpoint: str | None, select: tuple[str, ...], exclude: tuple[str, ...]) -> Plan:
    # Imported here: planning pulls in every source and the registry, a saved plan needs none.
    from hfeval.planner import plan_specs

    with CountLine("Planned", sys.stderr) as planned_count:
        return plan_specs(
            [SPECS_DIR],
            endpoint=endpoint,
            select=select,
            exclude=exclude,
            progress=lambda message: click.echo(message, err=True),
            repo_progress=planned_count,
        )


def templates_dir() -> Path | None:
    """The spec repo's template overrides: hfeval.yaml's `templates`, else `<root>/templates`."""
    candidates: list[Path] = []
    if SPECS_DIR.is_dir():
        from hfeval.spec import load_specs

        try:
            spec_set = load_specs([SPECS_DIR])
        except HfevalError:
            spec_set = None
        if spec_set is not None:
            if spec_set.templates_dir is not None:
                candidates.append(spec_set.templates_dir)
            candidates.append(spec_set.root / TEMPLATES_DIR_NAME)
    candidates.append(Path(TEMPLATES_DIR_NAME))
    return next((path for path in candidates if path.is_dir()), None)


def stdin_is_interactive() -> bool:
    return sys.stdin.isatty()


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[RepoOutcome], None]]:
    """A bar on stderr when it is a terminal; otherwise a callback that does nothing."""
    console = Console(stderr=True)
    if not console.is_terminal or total == 0:
        yield lambda outcome: None
        return
    columns = (TextColumn("Applying"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("apply", total=total)
        yield lambda outcome: progress.advance(task)
