"""Every source kind hfeval knows, found by the spec model of its entry.

Adding a kind: its module under `hfeval/sources/`, its entry model in `hfeval/spec/models.py`
(a field on `SourceEntry`), and one line in `_KINDS` below.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from pydantic import BaseModel

from hfeval.sources.aa_kind import ArtificialAnalysisKind
from hfeval.sources.base import SourceKind
from hfeval.sources.inspect_source import InspectKind
from hfeval.sources.logs import LogsKind
from hfeval.sources.readme_kind import ReadmeKind

_KINDS: Final[tuple[SourceKind[Any], ...]] = (
    ReadmeKind(),
    ArtificialAnalysisKind(),
    InspectKind(),
    LogsKind(),
)

SOURCE_KINDS: Final[Mapping[type[BaseModel], SourceKind[Any]]] = {
    kind.config_type: kind for kind in _KINDS
}


def kind_of(config: BaseModel) -> SourceKind[Any] | None:
    """The kind that resolves a spec entry's settings, or None for a model no kind registered."""
    return SOURCE_KINDS.get(type(config))
