"""The planner: load specs, resolve sources, read the Hub, and assemble one Plan.

This is the I/O side of planning. It reads (never writes) through `Hub` and the source fetchers,
then hands plain data to the pure steps: `compile_repo` and `plan_repo`. One repo's failure becomes
that repo's error in the plan; the other repos are still planned.
"""

from __future__ import annotations

import fnmatch
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from hfeval.apply import PR_MARKER
from hfeval.compile import compile_repo
from hfeval.diff import ObservedRepo, OpenPullRequest, RepoPlanningError, plan_repo
from hfeval.errors import HfevalError, SourceError
from hfeval.hub import README, Hub, Identity, RepoSnapshot
from hfeval.observations import SourceResult
from hfeval.plan import Plan, RepoPlan, Selection
from hfeval.redaction import redact
from hfeval.registry import Registry, default_registry
from hfeval.sources.aa_client import ArtificialAnalysisClient
from hfeval.sources.artificial_analysis import resolve_artificial_analysis
from hfeval.sources.readme import readme_source_result
from hfeval.spec import ArtificialAnalysisSource, LoadedSpec, ReadmeSource, SpecSet, load_specs

Progress = Callable[[str], None]


@dataclass
class _RunContext:
    """What every spec of one plan run shares: one Hub client, one AA download, one identity."""

    spec_set: SpecSet
    hub: Hub
    registry: Registry
    refresh: bool
    today: date
    identity: Identity | None = None
    aa_client: ArtificialAnalysisClient | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def artificial_analysis(self) -> ArtificialAnalysisClient:
        # Specs are planned on worker threads; one client (= one download) for all of them.
        with self._lock:
            if self.aa_client is None:
                self.aa_client = ArtificialAnalysisClient.from_environment(
                    self.spec_set.root, refresh=self.refresh
                )
            return self.aa_client


def plan_specs(
    paths: Sequence[Path],
    *,
    endpoint: str | None = None,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
    refresh: bool = False,
    today: date | None = None,
    parallelism: int = 8,
    progress: Progress | None = None,
) -> Plan:
    """Load the specs under `paths` and plan them against the Hub at `endpoint`."""
    spec_set = load_specs(paths)
    return build_plan(
        spec_set,
        Hub(endpoint),
        select=select,
        exclude=exclude,
        refresh=refresh,
        today=today or date.today(),
        parallelism=parallelism,
        progress=progress,
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
    progress: Progress | None = None,
    aa_client: ArtificialAnalysisClient | None = None,
) -> Plan:
    """Plan every selected spec of `spec_set` against `hub`."""
    report = progress or (lambda _message: None)
    chosen, left_out = select_specs(spec_set.specs, select, exclude)
    registry = default_registry()
    if spec_set.config.registry:
        where = str(spec_set.config_path) if spec_set.config_path else None
        registry = registry.extend(spec_set.config.registry, where=where)
    context = _RunContext(spec_set, hub, registry, refresh, today, aa_client=aa_client)
    modes = {loaded.effective_apply(spec_set.config) for loaded in chosen}
    if modes & {"auto", "pr"}:
        context.identity = hub.whoami()
    report(f"Reading {len(chosen)} specs and the Hub state of their repos …")
    with ThreadPoolExecutor(max_workers=max(1, parallelism)) as pool:
        repos = list(pool.map(lambda loaded: _plan_one(loaded, context), chosen))
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


def _plan_one(loaded: LoadedSpec, context: _RunContext) -> RepoPlan:
    spec = loaded.spec
    mode = _resolve_mode(loaded, context)
    try:
        snapshot = context.hub.snapshot(spec.model)
        results = [
            _resolve_source(loaded, index, snapshot, context) for index in range(len(spec.sources))
        ]
        desired = compile_repo(
            repo_id=spec.model,
            spec_path=str(loaded.path),
            model_name=loaded.model_index_name,
            targets=loaded.effective_targets(context.spec_set.config),
            prune=spec.prune,
            replace_invalid=spec.replace_invalid,
            results=results,
            registry=context.registry,
        )
        managed_paths = sorted({README, *desired.eval_files, *snapshot.files})
        open_pr = _open_pull_request(spec.model, managed_paths, context) if mode == "pr" else None
        observed = ObservedRepo(
            revision=snapshot.revision,
            commit=snapshot.commit,
            files=snapshot.files,
            open_pr=open_pr,
        )
        return plan_repo(desired, observed, mode=mode, today=context.today)
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


def _resolve_mode(loaded: LoadedSpec, context: _RunContext) -> str:
    mode = loaded.effective_apply(context.spec_set.config)
    if mode != "auto":
        return mode
    assert context.identity is not None
    return "commit" if context.identity.owns(loaded.spec.model) else "pr"


def _resolve_source(
    loaded: LoadedSpec, index: int, snapshot: RepoSnapshot, context: _RunContext
) -> SourceResult:
    entry = loaded.spec.sources[index]
    config = entry.config
    default_task = context.spec_set.config.task
    try:
        if isinstance(config, ReadmeSource):
            result = _resolve_readme(loaded, config, snapshot, context)
            return result if config.task else replace(result, task_type=default_task)
        if isinstance(config, ArtificialAnalysisSource):
            catalogue = context.artificial_analysis().catalogue()
            result = resolve_artificial_analysis(config, catalogue, registry=context.registry)
            return replace(result, task_type=default_task)
    except HfevalError as error:
        # Say which spec source failed; keep the original message and hint.
        raise SourceError(
            error.message, where=loaded.source_where(index), hint=error.hint
        ) from error
    raise SourceError(f"unsupported source kind {entry.kind}", where=loaded.source_where(index))


def _resolve_readme(
    loaded: LoadedSpec, source: ReadmeSource, snapshot: RepoSnapshot, context: _RunContext
) -> SourceResult:
    public_url = context.spec_set.config.public_url.rstrip("/")
    repo = loaded.readme_repo(source)
    local = loaded.readme_file(source)
    if local is not None:
        try:
            text = local.read_text(encoding="utf-8")
        except OSError as error:
            raise SourceError(f"cannot read {local}: {error.strerror}") from error
        revision = None
        url = source.url or f"{public_url}/{loaded.spec.model}"
        blob_url = None
    else:
        assert repo is not None
        if repo == snapshot.repo_id and source.revision is None:
            # The table is read at the very commit the plan is based on.
            readme = snapshot.files.get(README)
            revision = snapshot.commit
        else:
            remote = context.hub.read_file(repo, README, source.revision)
            readme, revision = remote.text, remote.commit
        if readme is None:
            raise SourceError(f"{repo} has no README.md")
        text = readme
        url = source.url or f"{public_url}/{repo}"
        blob_url = f"{public_url}/{repo}/blob/{revision}/{README}"
    return readme_source_result(
        text,
        source,
        repo_id=repo,
        file=None if local is None else str(local),
        revision=revision,
        source_url=url,
        registry=context.registry,
        blob_url=blob_url,
    )


def _open_pull_request(
    repo_id: str, paths: list[str], context: _RunContext
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
