"""Which evaluations `hfeval eval` has to run: every `inspect:` run of the selected specs whose
key has no finished result in the store.

Reads the Hub (each model's revision, as `hfeval plan` pins it) and the store; runs nothing.
A run whose entry is `submitted` stays in the list so the jobs runner re-attaches to its job
instead of submitting another; a `failed` run is run again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hfeval.errors import HfevalError, SourceError
from hfeval.evals.runs import EvalRun
from hfeval.evals.store import ResultStore
from hfeval.hub import Hub
from hfeval.sources.inspect_source import source_runs
from hfeval.spec import InspectSource, LoadedSpec, SpecSet


@dataclass(frozen=True)
class EvalWork:
    """The runs of the selected specs, split into those to run and those already stored."""

    pending: tuple[EvalRun, ...]
    stored: tuple[EvalRun, ...]
    store: ResultStore


def project_store(spec_set: SpecSet) -> ResultStore:
    """The result store of a spec repo (hfeval.yaml `eval_store`, else the cache dir)."""
    return ResultStore.for_project(spec_set.config.eval_store, spec_set.root)


def find_work(spec_set: SpecSet, specs: Sequence[LoadedSpec], hub: Hub) -> EvalWork:
    """Every inspect run of `specs`, pinned to each model's current revision on `hub`."""
    store = project_store(spec_set)
    pending: list[EvalRun] = []
    stored: list[EvalRun] = []
    seen: set[str] = set()
    for loaded in specs:
        entries = [
            (index, entry.config)
            for index, entry in enumerate(loaded.spec.sources)
            if isinstance(entry.config, InspectSource)
        ]
        if not entries:
            continue
        commit, revision = hub.model_revision(loaded.spec.model)
        for index, config in entries:
            try:
                runs = source_runs(
                    config,
                    spec_dir=loaded.path.parent,
                    model_repo=loaded.spec.model,
                    model_sha=commit,
                    model_revision=revision,
                )
            except HfevalError as error:
                where = loaded.source_where(index)
                raise SourceError(error.message, where=where, hint=error.hint) from error
            for run in runs:
                if run.key in seen:  # two specs asking for the same run share it
                    continue
                seen.add(run.key)
                entry = store.get(run.key)
                (stored if entry is not None and entry.state == "done" else pending).append(run)
    return EvalWork(tuple(pending), tuple(stored), store)
