"""The `readme:` source kind: fetch the README (Hub or local file), then the pure table step.

The table work is `readme.readme_source_result`; this module decides which text to read: the
spec's own repo at the plan's snapshot commit, another repo or revision through the Hub, or a
local file next to the spec.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel

from hfeval.errors import SourceError
from hfeval.hub import README
from hfeval.observations import SourceResult
from hfeval.sources.base import Need, RunContext, Shared, SourceRequest
from hfeval.sources.readme import readme_source_result
from hfeval.sources.readme_cache import ExtractionCache
from hfeval.spec import ReadmeSource


def _extraction_cache(_context: RunContext) -> ExtractionCache:
    from huggingface_hub import constants  # imported already by the Hub client of the run

    return ExtractionCache(Path(constants.HF_HOME) / "hfeval" / "extractions")


EXTRACTION_CACHE: Shared[ExtractionCache] = Shared("README extraction cache", _extraction_cache)


class ReadmeKind:
    """Scores from a table in a model card."""

    key: ClassVar[str] = "readme"
    config_type: ClassVar[type[BaseModel]] = ReadmeSource
    needs: ClassVar[frozenset[Need]] = frozenset({Need.HUB, Need.LOCAL_FILES})
    shared: ClassVar[tuple[Shared[Any], ...]] = (EXTRACTION_CACHE,)

    def resolve(
        self, config: ReadmeSource, request: SourceRequest, context: RunContext
    ) -> SourceResult:
        result = _read_table(config, request, context)
        return result if config.task else replace(result, task_type=context.config.task)


def _read_table(source: ReadmeSource, request: SourceRequest, context: RunContext) -> SourceResult:
    loaded, snapshot = request.loaded, request.snapshot
    public_url = context.config.public_url.rstrip("/")
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
        card_repo=loaded.spec.model,
        cache=context.get(EXTRACTION_CACHE),
    )
