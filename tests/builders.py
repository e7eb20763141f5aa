"""Builders for the pure planning tests: observations and desired repos for one README source."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hfeval.compile import DesiredRepo, compile_repo
from hfeval.observations import Observation, Provenance, SourceResult
from hfeval.registry import default_registry

REPO = "acme/m"
README_URL = f"https://huggingface.co/{REPO}"


def observation(label: str, value: float, metric: str | None = None) -> Observation:
    """A README score for `label`, as the readme source would report it."""
    return Observation(
        benchmark=label,
        metric=metric,
        value=value,
        provenance=Provenance(kind="readme", description=f"README table 1, row {label}"),
    )


def desired_repo(
    scores: Mapping[str, float] | Sequence[Observation],
    *,
    targets: Sequence[str] = ("model-index",),
    prune: bool = False,
    replace_invalid: bool = False,
) -> DesiredRepo:
    """What a spec with one README source wants on acme/m (model-index name "m")."""
    if isinstance(scores, Mapping):
        observations = tuple(observation(label, value) for label, value in scores.items())
    else:
        observations = tuple(scores)
    return compile_repo(
        repo_id=REPO,
        spec_path="specs/acme/m.yaml",
        model_name="m",
        targets=list(targets),
        prune=prune,
        replace_invalid=replace_invalid,
        results=[SourceResult("Model README", README_URL, observations)],
        registry=default_registry(),
    )
