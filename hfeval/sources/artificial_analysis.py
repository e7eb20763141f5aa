"""The `artificial_analysis:` source: one AA model's evaluations -> attributed observations.

Pure: `resolve_artificial_analysis` reads an already downloaded `Catalogue` (see `aa_client.py`
for the download, `aa_catalogue.py` for the shapes) and the benchmark registry.

Mapping. Each evaluation key is looked up with `registry.by_aa_key(key)` (classic spellings such
as `gpqa`, `lcr`), then `registry.get(key)` (the language family's renamed keys, `gpqa_diamond`,
`aa_lcr`, are the canonical ids themselves). A key the registry does not know is kept under
`slugify(key)` and named in the notes. A null value is skipped with a note, not an error.

Scale. Artificial Analysis reports benchmarks as 0–1 fractions and its indices (keys ending in
`_index`) on 0–100. By default the observations say so (`Observation.scale`) and the compiler
converts them to each benchmark's registry scale through `hfeval.scales` (GPQA 0.652 -> 65.2).
An explicit `scale: fraction` or `scale: percent` in the spec overrides that: the 0–1 benchmarks
are published on that scale (percent: ×100 here), the indices are left alone. Each observation's
provenance says what was converted: `Artificial Analysis cirrus-2-mini, gpqa 0.652 ×100`.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from hfeval.errors import ArtificialAnalysisError
from hfeval.observations import Observation, Provenance, SourceResult
from hfeval.registry import Benchmark, slugify
from hfeval.sources.aa_catalogue import AAModel, Catalogue
from hfeval.sources.aa_client import ArtificialAnalysisClient
from hfeval.sources.aa_settings import load_api_key
from hfeval.sources.scale import fraction_to_percent

__all__ = [
    "SOURCE_NAME",
    "ArtificialAnalysisClient",
    "load_api_key",
    "resolve_artificial_analysis",
]

SOURCE_NAME: Final = "Artificial Analysis"
SCALES: Final = ("fraction", "percent")


class AASourceConfig(Protocol):
    """What the resolver reads from a spec's `artificial_analysis:` entry."""

    @property
    def creator(self) -> str | None: ...
    @property
    def model(self) -> str | None: ...
    @property
    def id(self) -> str | None: ...
    @property
    def metrics(self) -> Sequence[str] | None: ...
    @property
    def scale(self) -> str | None: ...


class AARegistry(Protocol):
    """The registry lookups the resolver needs (`hfeval.registry.Registry` provides them)."""

    def by_aa_key(self, key: str) -> Benchmark | None: ...
    def get(self, benchmark_id: str) -> Benchmark | None: ...
    def lookup(self, label: str) -> Benchmark | None: ...


@dataclass(frozen=True)
class _Reading:
    """One evaluation turned into a value, or the reason it was skipped."""

    value: float | None
    converted: bool
    note: str | None


def resolve_artificial_analysis(
    source: AASourceConfig, catalogue: Catalogue, *, registry: AARegistry
) -> SourceResult:
    """The observations for the spec's AA model, attributed to its AA page.

    Raises `ArtificialAnalysisError` when the model is not in the catalogue (naming the closest
    slugs), when `scale` is not `fraction`/`percent`, or when `metrics:` names a key no model
    reports (naming the closest keys).
    """
    scale = source.scale or "fraction"
    if source.scale is not None and scale not in SCALES:
        raise ArtificialAnalysisError(
            f'unknown scale "{scale}"',
            hint="use `scale: fraction` or `scale: percent`, or leave it out to publish on "
            "each benchmark's own scale",
        )
    model = catalogue.find(model_id=source.id, creator=source.creator, model=source.model)
    keys, notes = _selected_keys(source.metrics, model, catalogue, registry)
    observations: list[Observation] = []
    unknown: list[str] = []
    converted_any = False
    for key in keys:
        benchmark = _benchmark_for_key(key, registry)
        raw = model.evaluations.get(key)
        reading = _read(key, raw, model, index=_is_index(key, benchmark), scale=scale)
        if reading.note:
            notes.append(reading.note)
        if reading.value is None:
            continue
        if benchmark is None:
            unknown.append(key)
        converted_any = converted_any or reading.converted
        index = _is_index(key, benchmark)
        observations.append(
            Observation(
                benchmark=key,
                metric=None,
                value=reading.value,
                provenance=_provenance(model, key, raw, scale, converted=reading.converted),
                benchmark_type=benchmark.id if benchmark else slugify(key),
                scale="percent" if index else (source.scale or "fraction"),
                publish_scale=None if index else source.scale,
            )
        )
    notes.extend(
        f'{key}: not in the benchmark registry; kept as metric type "{slugify(key)}"'
        for key in unknown
    )
    if converted_any:
        notes.append("scale percent: 0–1 benchmark scores multiplied by 100; indices unchanged")
    if not model.evaluations:
        notes.append(f"Artificial Analysis lists no evaluations for {model.slug}")
    return SourceResult(
        source_name=SOURCE_NAME,
        source_url=model.page_url,
        observations=tuple(observations),
        notes=tuple(notes),
    )


def _benchmark_for_key(key: str, registry: AARegistry) -> Benchmark | None:
    return registry.by_aa_key(key) or registry.get(key)


def _is_index(key: str, benchmark: Benchmark | None) -> bool:
    # AA names its 0–100 composites `..._index`; everything else it reports as a 0–1 fraction.
    return key.endswith("_index") or (benchmark is not None and benchmark.id.endswith("_index"))


def _read(key: str, raw: object, model: AAModel, *, index: bool, scale: str) -> _Reading:
    if raw is None:
        return _Reading(
            None, False, f"{key}: Artificial Analysis has no value for {model.slug} (null); skipped"
        )
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        return _Reading(None, False, f"{key}: {raw!r} is not a number; skipped")
    if scale == "fraction" or index:
        return _Reading(float(raw), False, None)
    if abs(raw) > 1:
        return _Reading(
            float(raw), False, f"{key}: {raw} is above 1, not a 0–1 fraction; not scaled"
        )
    return _Reading(fraction_to_percent(raw), True, None)


def _provenance(
    model: AAModel, key: str, raw: object, scale: str, *, converted: bool
) -> Provenance:
    description = f"{SOURCE_NAME} {model.slug}, {key} {raw}" + (" ×100" if converted else "")
    return Provenance(
        kind="artificial_analysis",
        description=description,
        url=model.page_url,
        details={
            "source": "artificial_analysis",
            "creator": model.creator.slug,
            "model": model.slug,
            "key": key,
            "raw": raw,
            "scale": scale,
        },
    )


def _selected_keys(
    requested: Sequence[str] | None, model: AAModel, catalogue: Catalogue, registry: AARegistry
) -> tuple[list[str], list[str]]:
    """The keys to report, in the order asked for, plus notes for asked-for keys left out."""
    if not requested:
        return list(model.evaluations), []
    selected: list[str] = []
    notes: list[str] = []
    every_key = sorted(catalogue.evaluation_keys())
    for name in dict.fromkeys(requested):
        matches = [key for key in model.evaluations if _same_metric(name, key, registry)]
        if matches:
            selected.extend(key for key in matches if key not in selected)
        elif any(_same_metric(name, key, registry) for key in every_key):
            notes.append(f"{name}: Artificial Analysis reports no {name} for {model.slug}; skipped")
        else:
            closest = difflib.get_close_matches(name, every_key, n=3, cutoff=0.7)
            raise ArtificialAnalysisError(
                f'metrics: "{name}" is not an Artificial Analysis evaluation key',
                hint=(
                    f"closest: {', '.join(closest)}"
                    if closest
                    else f"known keys: {', '.join(every_key)}"
                ),
            )
    return selected, notes


def _same_metric(name: str, key: str, registry: AARegistry) -> bool:
    if name == key or slugify(name) == slugify(key):
        return True
    wanted = registry.by_aa_key(name) or registry.get(name) or registry.lookup(name)
    reported = _benchmark_for_key(key, registry)
    return wanted is not None and reported is not None and wanted.id == reported.id
