"""`hfeval eval`: run the evaluations the specs' `inspect:` sources still need, store their logs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hfeval.cli.console import output_console
from hfeval.cli.eval_progress import LineEvalProgress, RichEvalProgress, run_label
from hfeval.evals.pending import find_work
from hfeval.evals.runner import RunOutcome, make_runner
from hfeval.evals.runs import EvalRun
from hfeval.hub import Hub
from hfeval.planner import select_specs
from hfeval.spec import load_specs


@click.command(name="eval")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--select",
    multiple=True,
    metavar="GLOB",
    help="Only specs whose repo id or path matches (repeatable).",
)
@click.option(
    "--exclude", multiple=True, metavar="GLOB", help="Leave out matching specs (repeatable)."
)
@click.option(
    "--parallelism",
    type=click.IntRange(min=1),
    default=4,
    show_default=True,
    help="How many tasks (or jobs) run at once.",
)
@click.option(
    "--dry-run", is_flag=True, help="Print what would run (the exact commands); run nothing."
)
@click.option(
    "--endpoint",
    envvar="HF_ENDPOINT",
    help="Hub endpoint (default: HF_ENDPOINT, else https://huggingface.co).",
)
def eval_command(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    exclude: tuple[str, ...],
    parallelism: int,
    dry_run: bool,
    endpoint: str | None,
) -> None:
    """Run the pending inspect-ai evaluations of the specs and store their logs.

    A spec's `inspect:` source names tasks and a model; each (model, task) with its settings is
    one run, keyed by everything that changes its number (the model's revision on the Hub,
    provider, task version and arguments, limit, epochs, generation settings, inspect-ai
    version). Runs whose result is already in the store are skipped, so running eval again
    with nothing pending does nothing. `hfeval plan` then shows the stored values; it never
    runs an evaluation itself.

    \b
    The store is ~/.cache/hfeval/evals (HFEVAL_CACHE_DIR, or `eval_store:` in hfeval.yaml).
    `runner: local` runs inspect-ai here (pip install 'hfeval[inspect]'); `runner: hf-jobs`
    submits Hugging Face Jobs. Exit codes: 0 all runs done (or nothing to do), 1 a run failed.

    \b
    Examples:
      hfeval eval specs/                      run everything pending
      hfeval eval specs/ --dry-run            show the inspect commands, run nothing
      hfeval eval --select 'acme/*' --parallelism 8
      hfeval eval specs/ && hfeval plan specs/
    """
    spec_set = load_specs(list(paths) or [Path("specs")])
    chosen, _ = select_specs(spec_set.specs, select, exclude)
    work = find_work(spec_set, chosen, Hub(endpoint))
    if not work.pending:
        stored = f" ({len(work.stored)} stored)" if work.stored else ""
        click.echo(f"No evaluations pending{stored}.")
        return
    by_runner: dict[str, list[EvalRun]] = {}
    for run in work.pending:
        by_runner.setdefault(run.runner, []).append(run)
    runners = {
        name: make_runner(name, parallelism=parallelism, endpoint=endpoint) for name in by_runner
    }
    noun = "evaluation" if len(work.pending) == 1 else "evaluations"
    if dry_run:
        click.echo(f"Would run {len(work.pending)} {noun} (store: {work.store.root}):")
        for name, runs in by_runner.items():
            for run in runs:
                click.echo(f"  {run_label(run)}  [{name}, {run.sample_text}, key {run.key}]")
                click.echo(f"    {runners[name].describe(run)}")
        return
    click.echo(f"Running {len(work.pending)} {noun} (store: {work.store.root}) …", err=True)
    outcomes: list[RunOutcome] = []
    console = output_console(stderr=True)
    display = (
        RichEvalProgress(console)
        if sys.stderr.isatty()
        else LineEvalProgress(lambda text: click.echo(text, err=True))
    )
    with display:
        for name, runs in by_runner.items():
            outcomes += runners[name].run(runs, work.store, display)
    _report(outcomes)
    sys.exit(1 if any(o.state == "failed" for o in outcomes) else 0)


def _report(outcomes: list[RunOutcome]) -> None:
    done = sum(1 for o in outcomes if o.state == "done")
    failed = [o for o in outcomes if o.state == "failed"]
    for outcome in failed:
        click.echo(f"Failed: {run_label(outcome.run)}: {outcome.error}", err=True)
        for line in outcome.log_tail:
            click.echo(f"    {line}", err=True)
    click.echo(
        f"Evaluations: {done} done, {len(failed)} failed. "
        'Run "hfeval plan" to see the results; nothing from a failed run is published.'
    )
