"""The spec file format: pydantic models of one spec file and of the project's hfeval.yaml.

The per-kind source settings live in `source_models.py` and the shared building blocks in
`fields.py`; both are re-exported here.

The models are frozen and forbid unknown keys. Field docstrings double as the JSON Schema
descriptions that editors show, so they are written for spec authors.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hfeval.registry import BenchmarkEntry
from hfeval.spec.fields import (
    REPO_ID_PATTERN,
    ApplyMode,
    SpecModel as _Model,
    Target,
    check_repo_id,
)
from hfeval.spec.source_models import (
    ArtificialAnalysisSource,
    InspectJobs,
    InspectSource,
    LogsSource,
    ReadmeSource,
)

__all__ = [
    "REPO_ID_PATTERN",
    "ApplyMode",
    "ArtificialAnalysisSource",
    "InspectJobs",
    "InspectSource",
    "LogsSource",
    "ProjectConfig",
    "ReadmeSource",
    "SourceConfig",
    "SourceEntry",
    "Spec",
    "Target",
]


def _check_unique_targets(targets: list[Target] | None) -> list[Target] | None:
    if targets is None:
        return None
    if not targets:
        raise ValueError("targets must name at least one of model-index, eval-results")
    duplicates = sorted({t for t in targets if targets.count(t) > 1})
    if duplicates:
        raise ValueError(f"targets name {', '.join(duplicates)} more than once")
    return targets


SourceConfig = BaseModel
"""The settings model of one source kind (`ReadmeSource`, `ArtificialAnalysisSource`, …)."""


def _one_kind_schema(schema: dict[str, Any], model: type[BaseModel]) -> None:
    schema["minProperties"] = 1
    schema["maxProperties"] = 1
    schema["oneOf"] = [{"required": [name]} for name in model.model_fields]


class SourceEntry(_Model):
    """One score source: a mapping with exactly one key naming its kind.

    Each kind is one optional field below; `kind` and `config` find the one that is set, and
    `hfeval/sources/kinds.py` maps its model to the code that resolves it.
    """

    model_config = ConfigDict(json_schema_extra=_one_kind_schema)

    readme: ReadmeSource | None = None
    """A table in a model card README."""

    artificial_analysis: ArtificialAnalysisSource | None = None
    """The Artificial Analysis API."""

    inspect: InspectSource | None = None
    """inspect-ai tasks run by `hfeval eval`."""
    logs: LogsSource | None = None
    """Evaluation logs already run (inspect-ai, lm-evaluation-harness, lighteval)."""

    @model_validator(mode="before")
    @classmethod
    def _exactly_one_kind(cls, data: Any) -> Any:
        kinds = list(cls.model_fields)
        if not isinstance(data, dict) or set(data) - set(kinds):
            return data  # not a mapping, or an unknown key: field validation says so precisely
        given = [name for name in kinds if name in data]
        if len(given) != 1:
            got = ", ".join(f'"{name}"' for name in given) or "none"
            raise ValueError(f"a source has exactly one key, {_either(kinds)} (got {got})")
        if data[given[0]] is None:
            raise ValueError(f'"{given[0]}" needs its settings (see hfeval validate --help)')
        return data

    @property
    def kind(self) -> str:
        """Which kind of source this is: its key in the spec."""
        return next(name for name in type(self).model_fields if getattr(self, name) is not None)

    @property
    def config(self) -> SourceConfig:
        """The source's settings."""
        config = getattr(self, self.kind)
        assert isinstance(config, BaseModel)  # guaranteed by _exactly_one_kind
        return config


def _either(names: list[str]) -> str:
    quoted = [f'"{name}"' for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


class Spec(_Model):
    """One model's evaluation metadata: which Hub repo, and where its scores come from."""

    model: str = Field(json_schema_extra={"pattern": REPO_ID_PATTERN})
    """Hub repo id of the model, "namespace/name"."""

    name: str | None = None
    """model-index name. Default: the name part of `model`."""

    apply: ApplyMode | None = None
    """How changes reach the Hub: pr (pull request), commit (direct), or auto (commit when the
    token owns the repo, else pr). Default: hfeval.yaml's `apply`, else pr."""

    targets: list[Target] | None = Field(default=None, json_schema_extra={"uniqueItems": True})
    """Which metadata to write: model-index (README front matter) and/or eval-results
    (.eval_results/ files). Default: hfeval.yaml's `targets`, else [model-index]."""

    prune: bool = False
    """Remove results hfeval manages that no source produces any more."""

    replace_invalid: bool = False
    """Replace a model-index the Hub cannot parse instead of stopping with an error."""

    sources: list[SourceEntry] = Field(min_length=1)
    """Where the scores come from, in order; each item has one key naming its kind (`readme:`,
    `artificial_analysis:`, …)."""

    @field_validator("model")
    @classmethod
    def _model_is_repo_id(cls, value: str) -> str:
        return check_repo_id(value)

    @field_validator("targets")
    @classmethod
    def _targets_unique(cls, value: list[Target] | None) -> list[Target] | None:
        return _check_unique_targets(value)

    @property
    def model_index_name(self) -> str:
        """The model-index `name`: the spec's `name`, else the repo's name part."""
        return self.name if self.name is not None else self.model.split("/", 1)[1]


class ProjectConfig(_Model):
    """Defaults for every spec in a spec repo (hfeval.yaml at its root); every key is optional."""

    apply: ApplyMode = "pr"
    """Default apply mode for specs that do not set one: pr, commit or auto."""

    targets: list[Target] = Field(default=["model-index"], json_schema_extra={"uniqueItems": True})
    """Default targets for specs that do not set them."""

    task: str = "text-generation"
    """Default model-index task.type for README sources."""

    templates: str | None = None
    """Directory of jinja2 templates overriding the built-in commit message and PR description,
    relative to the spec repo root."""

    registry: list[BenchmarkEntry] = Field(default=[])
    """Extra benchmarks, or aliases and settings added to known ones (by `id`), for the
    benchmark registry."""

    eval_store: str | None = None
    """Directory of the evaluation result store, relative to the spec repo root.
    Default: $HFEVAL_CACHE_DIR/evals, else ~/.cache/hfeval/evals."""

    public_url: str = "https://huggingface.co"
    """Base URL used in source links and PR descriptions."""

    eval_results_layout: Literal["per-benchmark", "per-source"] = "per-benchmark"
    """How `.eval_results` files are named: one per benchmark variant (`gpqa.yaml`,
    `hle_with_tools.yaml`, Hugging Face's convention), or one per source (`model-readme.yaml`,
    the layout earlier hfeval versions wrote). Per-benchmark moves entries out of those files."""

    @field_validator("targets")
    @classmethod
    def _targets_unique(cls, value: list[Target]) -> list[Target]:
        checked = _check_unique_targets(value)
        assert checked is not None
        return checked

    @field_validator("public_url")
    @classmethod
    def _public_url_is_http(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError(f'"{value}" is not an http(s) URL')
        return value.rstrip("/")
