"""The apply run: check everything, then write, repos in parallel, and gather the report.

Order matters: the spec hashes and the plan's own integrity are checked first (refusing the whole
apply), then every repo is read and decided before any write goes out, so stale repos are found
together rather than half-way through. A failing repo never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import TypeVar

from hfeval.apply.access import check_write_access
from hfeval.apply.checks import HubReader, Preparer, check_contents, check_spec_hashes
from hfeval.apply.messages import MessageRenderer
from hfeval.apply.outcome import ApplyReport, OutcomeKind, RepoOutcome, Write
from hfeval.apply.publish import Publisher
from hfeval.crashpoints import crash_point
from hfeval.plan import Plan, PlanError, RepoPlan
from hfeval.redaction import redact

DEFAULT_PARALLELISM = 8

T = TypeVar("T")
R = TypeVar("R")


def apply_plan(
    plan: Plan,
    hub: HubReader,
    publisher: Publisher,
    *,
    messages: MessageRenderer | None = None,
    spec_root: Path | None = Path(),
    parallelism: int = DEFAULT_PARALLELISM,
    on_outcome: Callable[[RepoOutcome], None] | None = None,
) -> ApplyReport:
    """Carry out `plan`: each repo's write goes through `publisher` once all repos were checked.

    `spec_root` is where the plan's spec paths are resolved for the edited-spec check (None skips
    it). `on_outcome` is called from worker threads as each repo finishes (progress display).
    Raises `StalePlanError` for edited specs, `PlanFileError` for a damaged plan and `HubError`
    for a token that may not write (checked with whoami before anything is sent); everything
    that goes wrong in one repo is reported in that repo's outcome instead.
    """
    if spec_root is not None:
        check_spec_hashes(plan, spec_root)
    check_contents(plan)
    preparer = Preparer(hub, messages or MessageRenderer(), plan.fingerprint)
    if not publisher.dry_run and any(r.has_changes and r.error is None for r in plan.repos):
        check_write_access(plan, preparer.identity())  # before any write goes out
    notify = on_outcome or (lambda outcome: None)

    outcomes: list[RepoOutcome] = []
    writes: list[Write] = []
    with ThreadPoolExecutor(max_workers=max(1, parallelism)) as pool:
        for repo_id, decided in _run_all(pool, preparer.prepare, plan.repos, _repo_id):
            if isinstance(decided, Write):
                writes.append(decided)
            else:
                outcome = _crashed(repo_id, decided) if isinstance(decided, Exception) else decided
                outcomes.append(outcome)
                notify(outcome)
        crash_point("apply-checked")
        for repo_id, published in _run_all(pool, publisher.publish, writes, _write_repo_id):
            if isinstance(published, Exception):
                published = _crashed(repo_id, published)
            outcomes.append(published)
            notify(published)
    return ApplyReport.build(
        outcomes,
        [format_plan_error(e) for e in plan.errors],
        dry_run=publisher.dry_run,
    )


def format_plan_error(error: PlanError) -> str:
    """`specs/x.yaml:12: message`, `acme/x: message`, or the bare message."""
    if error.file:
        where = f"{error.file}:{error.line}" if error.line else error.file
        return f"{where}: {error.message}"
    if error.repo:
        return f"{error.repo}: {error.message}"
    return error.message


def _run_all(
    pool: ThreadPoolExecutor,
    work: Callable[[T], R],
    items: Iterable[T],
    name: Callable[[T], str],
) -> Iterable[tuple[str, R | Exception]]:
    """Yield (repo id, result) as each item finishes, or the exception its work raised."""
    futures = {pool.submit(work, item): name(item) for item in items}
    for future in as_completed(futures):
        try:
            yield futures[future], future.result()
        except Exception as error:  # a bug in one repo's work must not stop the others
            yield futures[future], error


def _crashed(repo_id: str, error: Exception) -> RepoOutcome:
    return RepoOutcome(
        repo_id,
        OutcomeKind.FAILED,
        redact(f"unexpected error ({type(error).__name__}: {error}); nothing more was done."),
    )


def _repo_id(repo: RepoPlan) -> str:
    return repo.repo_id


def _write_repo_id(write: Write) -> str:
    return write.repo_id
