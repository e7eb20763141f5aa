"""Observations: the scores a source found, each with where it came from.

Every source (README table, Artificial Analysis, inspect logs) reduces to a `SourceResult`; the
compiler turns those into desired metadata without knowing which kind of source produced them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hfeval.evals.status import EvalStatus


@dataclass(frozen=True)
class Provenance:
    """Where one number came from.

    `description` is the short human form shown in plans and PR descriptions
    (`README table 2, column "OLMo 3-32B", line 57`); `details` is the structured form for JSON
    (`{"source": "readme", "table": 2, "column": "OLMo 3-32B", "line": 57}`).
    """

    kind: str
    description: str
    url: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Observation:
    """One score as a source reported it.

    `benchmark` is the label as written (cleaned of markup); `metric` the sub-metric when the
    source has one (`acc_norm`), else None; `value` is the number as printed (no rescaling unless
    the source documents a conversion in its provenance). `benchmark_type` is set when the source
    already knows the registry id (Artificial Analysis keys); otherwise the compiler looks the
    label up in the registry. Log sources also know when the evaluation ran (`date`) and which
    file holds it (`source_url`).
    """

    benchmark: str
    metric: str | None
    value: float
    provenance: Provenance
    benchmark_type: str | None = None
    notes: str | None = None  # eval-results `notes`: setup only (non-default settings, variant)
    date: str | None = None
    """When the evaluation ran (ISO date), for `.eval_results` `date`; None when unknown."""
    source_url: str | None = None
    """This score's own `.eval_results` `source.url` (a log file on the Hub); None: the result's."""
    scale: str | None = None
    """The scale `value` is on as the source reports it: "fraction" (inspect, lm-eval, AA
    benchmarks) or "percent"; None = as printed. `hfeval.scales` converts it to the benchmark's."""
    publish_scale: str | None = None
    """An explicit `scale:` from the spec: publish on this scale instead of the benchmark's."""
    variant: str | None = None
    """The spec's `variant:` for this score (also part of `notes`); it names the `.eval_results`
    file (`hle_with_tools.yaml`), while other setup notes (shots, limit) do not."""


@dataclass(frozen=True)
class SourceResult:
    """Everything one spec source produced.

    `source_name`/`source_url` become the model-index `source` of the result blocks built from
    these observations, and are how hfeval recognises the blocks it manages. `notes` are
    human-readable remarks for the plan (skipped cells, unknown keys, scale conversions).
    """

    source_name: str
    source_url: str
    observations: tuple[Observation, ...]
    task_type: str = "text-generation"
    notes: tuple[str, ...] = ()
    evaluations: tuple[EvalStatus, ...] = ()  # runs of an inspect source (pending, withheld, …)
