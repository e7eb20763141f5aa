"""The planner: load specs, resolve sources, read the Hub, and assemble one Plan.

This is the I/O side of planning. It reads (never writes) through `Hub` and the source fetchers,
then hands plain data to the pure steps: `compile_repo` and `plan_repo`. One repo's failure becomes
that repo's error in the plan; the other repos are still planned.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from hfeval.compile import EVAL_RESULTS, compile_repo
from hfeval.credentials import dotenv_token
from hfeval.diff import ObservedRepo, OpenPullRequest, RepoPlanningError
from hfeval.errors import HfevalError, SourceError
from hfeval.eval_entries import with_variant
from hfeval.hub import README, Hub, RepoSnapshot
from hfeval.hub_benchmarks import BenchmarkReader
from hfeval.normalise import benchmark_of
from hfeval.observations import SourceResult
from hfeval.plan import Plan, RepoPlan, Selection
from hfeval.plan_cache import PLAN_CACHE
from hfeval.plan_workers import run_all, worker_count
from hfeval.pr_marker import PR_MARKER
from hfeval.redaction import MASK, contains_secret, redact
from hfeval.registry import Registry, default_registry
from hfeval.sources.aa_client import ArtificialAnalysisClient
from hfeval.sources.aa_kind import AA_CLIENT
from hfeval.sources.base import RunContext, Shared, SourceRequest
from hfeval.sources.kinds import kind_of
from hfeval.spec import LoadedSpec, SpecSet, load_specs

Progress = Callable[[str], None]
RepoProgress = Callable[[int, int], None]  # (repos planned so far, repos in the plan)

# One reader per run: one official-benchmark list and one eval.yaml read per benchmark.
BENCHMARKS: Shared[BenchmarkReader] = Shared(
    "benchmarks", lambda context: BenchmarkReader(context.hub)
)


def plan_specs(
    paths: Sequence[Path],
    *,
    endpoint: str | None = None,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
    refresh: bool = False,
    today: date | None = None,
    parallelism: int = 8,
    processes: int | None = None,
    progress: Progress | None = None,
    repo_progress: RepoProgress | None = None,
) -> Plan:
    """Load the specs under `paths` and plan them against the Hub at `endpoint`."""
    spec_set = load_specs(paths)
    return build_plan(
        spec_set,
        # The spec repo's .env may hold HF_TOKEN, as it may hold AA_API_KEY (never overrides env).
        Hub(endpoint, token=dotenv_token((spec_set.root, Path(".")))),
        select=select,
        exclude=exclude,
        refresh=refresh,
        today=today or date.today(),
        parallelism=parallelism,
        processes=processes,
        progress=progress,
        repo_progress=repo_progress,
    )


def build_plan(
    spec_set: SpecSet,
    hub: Hub,
    *,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
    refresh: bool = False,
    today: date,
    parallelism: int = 8,
    processes: int | None = None,
    progress: Progress | None = None,
    repo_progress: RepoProgress | None = None,
    aa_client: ArtificialAnalysisClient | None = None,
) -> Plan:
    """Plan every selected spec of `spec_set` against `hub`.

    At most `parallelism` repos are read at a time, over up to `processes` processes (default:
    one per core when there are hundreds of specs, see `hfeval.plan_workers`). `progress` gets
    messages, `repo_progress` the count of repos planned so far, as they finish.
    """
    report = progress or (lambda _message: None)
    chosen, left_out = select_specs(spec_set.specs, select, exclude)
    registry = default_registry()
    if spec_set.config.registry:
        where = str(spec_set.config_path) if spec_set.config_path else None
        registry = registry.extend(spec_set.config.registry, where=where)
    context = RunContext(spec_set, hub, registry, refresh, today)
    if aa_client is not None:
        context.provide(AA_CLIENT, aa_client)
    modes = {loaded.effective_apply(spec_set.config) for loaded in chosen}
    if modes & {"auto", "pr"}:
        context.identity = hub.whoami()
    report(f"Reading {len(chosen)} specs and the Hub state of their repos …")
    repos = _plan_all(
        chosen, context, parallelism=parallelism, processes=processes, tick=repo_progress
    )
    return Plan(
        repos=tuple(sorted(repos, key=lambda r: r.repo_id)),
        selection=Selection(
            include=tuple(select),
            exclude=tuple(exclude),
            selected=len(chosen),
            excluded=tuple(str(s.path) for s in left_out),
        ),
        spec_hashes={str(s.path): s.sha256 for s in chosen},
        endpoint=hub.endpoint,
    )


def select_specs(
    specs: Sequence[LoadedSpec], select: Sequence[str], exclude: Sequence[str]
) -> tuple[list[LoadedSpec], list[LoadedSpec]]:
    """Split specs by `--select`/`--exclude` globs matched on the repo id or the spec path."""

    def matches(loaded: LoadedSpec, patterns: Sequence[str]) -> bool:
        names = (loaded.spec.model, str(loaded.path), loaded.path.as_posix())
        return any(fnmatch.fnmatchcase(name, p) for p in patterns for name in names)

    chosen: list[LoadedSpec] = []
    left_out: list[LoadedSpec] = []
    for loaded in specs:
        wanted = (not select or matches(loaded, select)) and not matches(loaded, exclude)
        (chosen if wanted else left_out).append(loaded)
    return chosen, left_out


def _plan_all(
    chosen: list[LoadedSpec],
    context: RunContext,
    *,
    parallelism: int,
    processes: int | None,
    tick: RepoProgress | None,
) -> list[RepoPlan]:
    """Every chosen spec's plan, over threads and, for many specs, worker processes.

    The first spec of each shape (its source kinds and whether it publishes .eval_results) is
    planned here first: that creates the run's shared resources (one Artificial Analysis
    download, the official benchmark list) once, before the workers inherit them.
    """
    total = len(chosen)

    def plan_one(loaded: LoadedSpec) -> RepoPlan:
        return _plan_one(loaded, context)

    def counted_from(base: int) -> Callable[[int], None] | None:
        return None if tick is None else (lambda done: tick(base + done, total))

    workers = worker_count(processes, total, parallelism)
    if workers <= 1:  # no fork: the specs' order is kept and nothing is planned ahead
        return run_all(chosen, plan_one, threads=parallelism, on_progress=counted_from(0))
    shapes: dict[tuple[object, ...], LoadedSpec] = {}
    for loaded in chosen:
        shapes.setdefault(_shape(loaded, context), loaded)
    first = list(shapes.values())
    firsts = {id(loaded) for loaded in first}
    rest = [loaded for loaded in chosen if id(loaded) not in firsts]
    planned = run_all(first, plan_one, threads=parallelism, on_progress=counted_from(0))
    return planned + run_all(
        rest,
        plan_one,
        threads=parallelism,
        processes=workers,
        on_progress=counted_from(len(first)),
    )


def _shape(loaded: LoadedSpec, context: RunContext) -> tuple[object, ...]:
    kinds = sorted({entry.kind for entry in loaded.spec.sources})
    targets = loaded.effective_targets(context.spec_set.config)
    return (*kinds, EVAL_RESULTS in targets)


def _plan_one(loaded: LoadedSpec, context: RunContext) -> RepoPlan:
    spec = loaded.spec
    mode = _resolve_mode(loaded, context)
    try:
        snapshot = context.hub.snapshot(spec.model)
        results = [
            _resolve_source(loaded, index, snapshot, context) for index in range(len(spec.sources))
        ]
        targets = loaded.effective_targets(context.spec_set.config)
        # Benchmarks and others' PRs are read only for specs that publish .eval_results.
        reader = context.get(BENCHMARKS) if EVAL_RESULTS in targets else None
        desired = compile_repo(
            repo_id=spec.model,
            spec_path=str(loaded.path),
            model_name=loaded.model_index_name,
            targets=targets,
            prune=spec.prune,
            replace_invalid=spec.replace_invalid,
            results=results,
            registry=context.registry,
            catalog=reader.catalog(_benchmark_datasets(results, context.registry))
            if reader
            else None,
            eval_layout=context.spec_set.config.eval_results_layout,
        )
        managed_paths = sorted({README, *desired.eval_files, *snapshot.files})
        open_pr = _open_pull_request(spec.model, managed_paths, context) if mode == "pr" else None
        observed = ObservedRepo(
            revision=snapshot.revision,
            commit=snapshot.commit,
            files=snapshot.files,
            open_pr=open_pr,
            foreign_eval=tuple(
                reader.open_pr_files(spec.model, skip=open_pr.num if open_pr else None)
            )
            if reader and desired.eval_entries
            else (),
        )
        planned = context.get(PLAN_CACHE).plan(desired, observed, mode=mode, today=context.today)
        _refuse_secrets(planned)
        evaluations = tuple(status for result in results for status in result.evaluations)
        return replace(planned, evaluations=evaluations) if evaluations else planned
    except (HfevalError, RepoPlanningError) as error:
        message = str(error)
    except Exception as error:  # a bug met in one repo must not hide the other repos' plans
        message = redact(
            f"internal error while planning ({type(error).__name__}: {error}); please report it"
        )
    return RepoPlan(
        repo_id=spec.model,
        spec_path=str(loaded.path),
        model_name=loaded.model_index_name,
        mode=mode,
        error=message,
    )


def _refuse_secrets(planned: RepoPlan) -> None:
    """A token in a file hfeval would write (from a spec's url:, or already in the card) would be
    published: such a repo fails planning, so it is neither saved in a plan nor written."""
    for change in planned.files:
        if change.content is not None and contains_secret(change.content):
            raise SourceError(
                f"the planned {change.path} would contain a token hfeval holds (shown as "
                f"{MASK}); hfeval never publishes a token",
                hint="remove it from the spec (e.g. a url:) or from the card, and revoke it",
            )


def _resolve_mode(loaded: LoadedSpec, context: RunContext) -> str:
    mode = loaded.effective_apply(context.spec_set.config)
    if mode != "auto":
        return mode
    assert context.identity is not None
    return "commit" if context.identity.owns(loaded.spec.model) else "pr"


def _benchmark_datasets(results: list[SourceResult], registry: Registry) -> set[str]:
    """The Hub Benchmark datasets the observations could be published to."""
    found = set()
    for result in results:
        for observation in result.observations:
            benchmark = benchmark_of(observation, registry)
            if benchmark is not None and benchmark.eval_results_dataset is not None:
                found.add(benchmark.eval_results_dataset)
    return found


def _resolve_source(
    loaded: LoadedSpec, index: int, snapshot: RepoSnapshot, context: RunContext
) -> SourceResult:
    result = _resolve_source_kind(loaded, index, snapshot, context)
    variant = getattr(loaded.spec.sources[index].config, "variant", None)
    return with_variant(result, variant, context.registry)


def _resolve_source_kind(
    loaded: LoadedSpec, index: int, snapshot: RepoSnapshot, context: RunContext
) -> SourceResult:
    entry = loaded.spec.sources[index]
    kind = kind_of(entry.config)
    if kind is None:
        raise SourceError(f"unsupported source kind {entry.kind}", where=loaded.source_where(index))
    try:
        return kind.resolve(entry.config, SourceRequest(loaded, index, snapshot), context)
    except HfevalError as error:
        # Say which spec source failed; keep the original message and hint.
        raise SourceError(
            error.message, where=loaded.source_where(index), hint=error.hint
        ) from error


def _open_pull_request(
    repo_id: str, paths: list[str], context: RunContext
) -> OpenPullRequest | None:
    """hfeval's newest open PR (the token's user, with the marker) and the files at its head."""
    assert context.identity is not None
    prs = context.hub.pull_requests(repo_id, author=context.identity.name, status="open")
    ours = [pr for pr in prs if PR_MARKER in pr.description and pr.head]
    if not ours:
        return None
    newest = max(ours, key=lambda pr: pr.num)
    assert newest.head is not None
    files = context.hub.read_files_at(repo_id, newest.head, paths)
    return OpenPullRequest(num=newest.num, head=newest.head, files=files)
