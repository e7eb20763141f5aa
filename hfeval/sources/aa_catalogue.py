"""The Artificial Analysis model catalogue: parsing both API shapes and finding one model.

Pure data and logic, no I/O. The client (`aa_client.py`) downloads JSON and hands it here; the
resolver (`artificial_analysis.py`) turns one `AAModel` into observations.

Two response shapes are understood, both reduced to the same `AAModel` records:

- classic, `GET {base}/data/llms/models`: `{"status": 200, "data": [model, ...]}`, one response;
- language, `GET {base}/language/models` (and `/language/models/free`): `{"data": [model, ...],
  "pagination": {"page": 1, "page_size": 100, "total_pages": 2, "has_more": true}}`, one
  response per page. Some evaluation keys are renamed there (`gpqa` -> `gpqa_diamond`,
  `lcr` -> `aa_lcr`); the keys are kept exactly as sent and the registry maps both spellings.

Each model is `{"id", "name", "slug", "model_creator": {"id", "name", "slug"},
"evaluations": {key: number | null}}`; other fields (pricing, speed) are ignored.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hfeval.errors import ArtificialAnalysisError

MODEL_PAGE_URL = "https://artificialanalysis.ai/models/{slug}"


@dataclass(frozen=True)
class AACreator:
    """The lab or company Artificial Analysis credits with a model."""

    id: str
    name: str
    slug: str


@dataclass(frozen=True)
class AAModel:
    """One model's entry: identity plus its evaluation values exactly as the API sent them."""

    id: str
    name: str
    slug: str
    creator: AACreator
    evaluations: Mapping[str, object] = field(default_factory=dict)

    @property
    def page_url(self) -> str:
        """The model's public Artificial Analysis page, used for attribution."""
        return MODEL_PAGE_URL.format(slug=self.slug)


@dataclass(frozen=True)
class Page:
    """One parsed response: its models, and whether the API says another page follows."""

    models: tuple[AAModel, ...]
    skipped_entries: int
    has_more: bool


@dataclass(frozen=True)
class Catalogue:
    """Every model one download returned, with where and how it was fetched."""

    base_url: str
    flavor: str
    fetched_at: float
    models: tuple[AAModel, ...]
    skipped_entries: int = 0
    from_cache: bool = False

    def evaluation_keys(self) -> frozenset[str]:
        """Every evaluation key any model reports (used to tell a typo from a missing score)."""
        return frozenset(key for model in self.models for key in model.evaluations)

    def find(
        self, *, model_id: str | None = None, creator: str | None = None, model: str | None = None
    ) -> AAModel:
        """The model with this AA id, or with these creator and model slugs; else a clear error.

        Matching is exact (slugs compared case-insensitively, as AA slugs are lower case). The
        error names the closest creator and model slugs so a typo is one edit away.
        """
        if model_id:
            for candidate in self.models:
                if candidate.id == model_id:
                    return candidate
            raise ArtificialAnalysisError(
                f'Artificial Analysis has no model with id "{model_id}"',
                hint="use the model's id from the API, or `creator:` + `model:` slugs instead",
            )
        if not creator or not model:
            raise ArtificialAnalysisError(
                "an artificial_analysis source needs `id`, or both `creator` and `model`",
                hint="for example `creator: allenai` and `model: olmo-3-32b-think`",
            )
        wanted_creator, wanted_model = creator.strip().lower(), model.strip().lower()
        for candidate in self.models:
            if candidate.creator.slug.lower() == wanted_creator and (
                candidate.slug.lower() == wanted_model
            ):
                return candidate
        raise self._not_found(wanted_creator, wanted_model)

    def _not_found(self, creator: str, model: str) -> ArtificialAnalysisError:
        creators = sorted({m.creator.slug for m in self.models})
        own_models = sorted(m.slug for m in self.models if m.creator.slug.lower() == creator)
        elsewhere = sorted(m.creator.slug for m in self.models if m.slug.lower() == model)
        if elsewhere:
            hint = f'"{model}" exists under creator {_quoted(elsewhere)}; fix `creator:`'
        elif own_models:
            hint = f"closest {creator} models: {_closest(model, own_models)}"
        else:
            closest_creators = _closest(creator, creators)
            all_models = sorted(m.slug for m in self.models)
            hint = (
                f"closest creators: {closest_creators}; "
                f"closest models: {_closest(model, all_models)}"
            )
        return ArtificialAnalysisError(
            f'Artificial Analysis has no model "{model}" by creator "{creator}" '
            f"({len(self.models)} models listed)",
            hint=hint,
        )


def _closest(word: str, candidates: Sequence[str]) -> str:
    matches = difflib.get_close_matches(word, candidates, n=3, cutoff=0.5)
    return _quoted(matches) if matches else "none close"


def _quoted(words: Sequence[str]) -> str:
    return ", ".join(f'"{word}"' for word in words)


def parse_page(payload: object, *, what: str) -> Page:
    """Parse one response body of either shape; `what` names the request for error messages.

    A body that is not an object with a `data` list is an error. Individual entries that lack
    an id, slug or creator slug are skipped and counted rather than failing the whole download,
    since one odd row should not hide every other model.
    """
    if not isinstance(payload, Mapping) or not isinstance(payload.get("data"), list):
        raise ArtificialAnalysisError(
            f'{what} answered JSON without a "data" list',
            hint="check AA_API_URL points at the Artificial Analysis API (…/api/v2)",
        )
    models: list[AAModel] = []
    skipped = 0
    for entry in payload["data"]:
        parsed = _parse_model(entry)
        if parsed is None:
            skipped += 1
        else:
            models.append(parsed)
    return Page(tuple(models), skipped, _has_more(payload.get("pagination")))


def _has_more(pagination: object) -> bool:
    if not isinstance(pagination, Mapping):
        return False
    if isinstance(pagination.get("has_more"), bool):
        return bool(pagination["has_more"])
    page, total = pagination.get("page"), pagination.get("total_pages")
    return isinstance(page, int) and isinstance(total, int) and page < total


def _parse_model(entry: object) -> AAModel | None:
    if not isinstance(entry, Mapping):
        return None
    creator = entry.get("model_creator")
    if not isinstance(creator, Mapping):
        return None
    model_id, slug, creator_slug = entry.get("id"), entry.get("slug"), creator.get("slug")
    if not (_text(model_id) and _text(slug) and _text(creator_slug)):
        return None
    evaluations = entry.get("evaluations")
    return AAModel(
        id=str(model_id),
        name=str(entry.get("name") or slug),
        slug=str(slug),
        creator=AACreator(
            id=str(creator.get("id") or ""),
            name=str(creator.get("name") or creator_slug),
            slug=str(creator_slug),
        ),
        evaluations=dict(evaluations) if isinstance(evaluations, Mapping) else {},
    )


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def model_to_json(model: AAModel) -> dict[str, Any]:
    """The classic-shape JSON of a model, as the cache stores it (parse_page reads it back)."""
    return {
        "id": model.id,
        "name": model.name,
        "slug": model.slug,
        "model_creator": {
            "id": model.creator.id,
            "name": model.creator.name,
            "slug": model.creator.slug,
        },
        "evaluations": dict(model.evaluations),
    }
