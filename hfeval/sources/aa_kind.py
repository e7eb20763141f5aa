"""The `artificial_analysis:` source kind: one AA catalogue download per run, then the mapping.

The client (`aa_client.py`) is a `Shared` resource, so every spec of a run reads the same
catalogue; the mapping to registry ids is `artificial_analysis.resolve_artificial_analysis`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar, Final

from pydantic import BaseModel

from hfeval.observations import SourceResult
from hfeval.sources.aa_client import ArtificialAnalysisClient
from hfeval.sources.artificial_analysis import resolve_artificial_analysis
from hfeval.sources.base import Need, RunContext, Shared, SourceRequest
from hfeval.spec import ArtificialAnalysisSource

AA_CLIENT: Final = Shared[ArtificialAnalysisClient](
    "Artificial Analysis client",
    lambda context: ArtificialAnalysisClient.from_environment(
        context.root, refresh=context.refresh
    ),
)


class ArtificialAnalysisKind:
    """Scores from the Artificial Analysis API."""

    key: ClassVar[str] = "artificial_analysis"
    config_type: ClassVar[type[BaseModel]] = ArtificialAnalysisSource
    needs: ClassVar[frozenset[Need]] = frozenset({Need.NETWORK})
    shared: ClassVar[tuple[Shared[Any], ...]] = (AA_CLIENT,)

    def resolve(
        self, config: ArtificialAnalysisSource, request: SourceRequest, context: RunContext
    ) -> SourceResult:
        catalogue = context.get(AA_CLIENT).catalogue()
        result = resolve_artificial_analysis(config, catalogue, registry=context.registry)
        return replace(result, task_type=context.config.task)
