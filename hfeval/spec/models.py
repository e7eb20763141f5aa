"""The spec file format: pydantic models of one spec file and of the project's hfeval.yaml.

The models are frozen and forbid unknown keys. Field docstrings double as the JSON Schema
descriptions that editors show, so they are written for spec authors.
"""

from __future__ import annotations

import re
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hfeval.registry import BenchmarkEntry

ApplyMode = Literal["pr", "commit", "auto"]
Target = Literal["model-index", "eval-results"]

# The Hub's repo-name rules: word characters, "-" and "."; no "--" or ".."; at most 96 chars;
# a part may not start or end with "-" or ".".
_REPO_PART = r"[A-Za-z0-9_](?:[\w.-]{0,94}[A-Za-z0-9_])?"
REPO_ID_PATTERN = rf"^{_REPO_PART}/{_REPO_PART}$"
_REPO_ID_RE = re.compile(REPO_ID_PATTERN, re.ASCII)


def _check_repo_id(value: str) -> str:
    if not _REPO_ID_RE.match(value) or "--" in value or ".." in value:
        raise ValueError(
            f'"{value}" is not a Hub repo id of the form "namespace/name" '
            '(letters, digits, "-", "_" and ".")'
        )
    return value


def _check_unique_targets(targets: list[Target] | None) -> list[Target] | None:
    if targets is None:
        return None
    if not targets:
        raise ValueError("targets must name at least one of model-index, eval-results")
    duplicates = sorted({t for t in targets if targets.count(t) > 1})
    if duplicates:
        raise ValueError(f"targets name {', '.join(duplicates)} more than once")
    return targets


class _Model(BaseModel):
    # strict: YAML already types its scalars, so `table: true` or `prune: "no"` is a mistake.
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True
    )


class ReadmeSource(_Model):
    """Scores from a table in a model card (a Hub README or a local markdown file)."""

    model_config = ConfigDict(json_schema_extra={"not": {"required": ["repo", "file"]}})

    repo: str | None = Field(default=None, json_schema_extra={"pattern": REPO_ID_PATTERN})
    """Hub repo whose README.md holds the table. Default: the spec's `model`."""

    file: str | None = None
    """Local markdown file instead of a Hub README, relative to the spec file's directory.
    Cannot be combined with `repo`."""

    revision: str | None = None
    """Pin the README to this revision (branch, tag or commit sha). Default: the head of main."""

    table: int | str | None = Field(default=None, json_schema_extra={"minimum": 1, "minLength": 1})
    """Which table: its 1-based number in document order, or the text of the heading above it.
    Omit `table` and `model` (`readme: {}`) to take the tables `hfeval init` would choose,
    decided again at every plan and shown in it."""

    model: str | int | None = None
    """Column header or row label naming this model (markup-insensitive), or its 1-based
    position. May be omitted for a table that holds a single model."""

    include: list[str] | None = None
    """Only these benchmarks (as labelled in the table)."""

    exclude: list[str] | None = None
    """Skip these benchmarks (as labelled in the table)."""

    rename: dict[str, str] | None = None
    """Map table labels to the names to publish, e.g. {"MMLU (5-shot)": "MMLU"}."""

    task: str | None = None
    """model-index task.type for these results. Default: the project's `task`."""

    url: str | None = None
    """source.url recorded with the results. Default: the README's Hub URL (required in
    practice for `file:` sources that should link somewhere public)."""

    variant: str | dict[str, str] | None = None
    """Publish these scores to `.eval_results` as a variant of their benchmark (its `notes`,
    e.g. "With tools"; one file per variant such as `hle_with_tools.yaml`): one text for every
    benchmark of this source, or a mapping from benchmark name to its variant."""

    @field_validator("repo")
    @classmethod
    def _repo_is_repo_id(cls, value: str | None) -> str | None:
        return None if value is None else _check_repo_id(value)

    @field_validator("table")
    @classmethod
    def _table_is_positive(cls, value: int | str | None) -> int | str | None:
        if isinstance(value, int) and value < 1:
            raise ValueError("table numbers start at 1")
        if isinstance(value, str) and not value.strip():
            raise ValueError("a table heading must not be empty")
        return value

    @model_validator(mode="after")
    def _repo_or_file(self) -> Self:
        if self.repo is not None and self.file is not None:
            raise ValueError('give either "repo" or "file", not both')
        if self.table is None and self.model is not None:
            raise ValueError(
                '"model" needs "table" (or omit both to let hfeval choose, as `hfeval init` does)'
            )
        return self


class ArtificialAnalysisSource(_Model):
    """Scores from the Artificial Analysis API, by AA model id or by creator and model slugs."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {
                    "required": ["id"],
                    "not": {"anyOf": [{"required": ["creator"]}, {"required": ["model"]}]},
                },
                {"required": ["creator", "model"], "not": {"required": ["id"]}},
            ]
        }
    )

    creator: str | None = None
    """Artificial Analysis creator slug, e.g. "allenai" (together with `model`)."""

    model: str | None = None
    """Artificial Analysis model slug, e.g. "olmo-3-32b-think" (together with `creator`)."""

    id: str | None = None
    """Artificial Analysis model id; replaces `creator` + `model`."""

    metrics: list[str] | None = None
    """Only these evaluations, by AA key (e.g. mmlu_pro, gpqa, hle). Default: all."""

    scale: Literal["fraction", "percent"] | None = None
    """Publish scores as fractions (0.652) or percentages (65.2), overriding the benchmark's
    own scale. Default: each benchmark's registry scale (AA's 0–1 fractions become percentages
    for benchmarks published in percent, such as GPQA)."""

    variant: str | dict[str, str] | None = None
    """Publish these scores to `.eval_results` as a variant of their benchmark (its `notes`,
    e.g. "With tools"; one file per variant such as `hle_with_tools.yaml`): one text for every
    benchmark of this source, or a mapping from benchmark name to its variant."""

    @model_validator(mode="after")
    def _id_or_creator_and_model(self) -> Self:
        by_slug = self.creator is not None or self.model is not None
        if self.id is not None and by_slug:
            raise ValueError('give either "id" or "creator" + "model", not both')
        if self.id is None and (self.creator is None or self.model is None):
            missing = "model" if self.creator is not None else "creator"
            if not by_slug:
                raise ValueError('give either "id" or "creator" + "model"')
            raise ValueError(f'"{missing}" is needed too (or give "id" alone)')
        return self


class InspectJobs(_Model):
    """Where `runner: hf-jobs` runs go on Hugging Face Jobs."""

    flavor: str = "cpu-basic"
    """Job hardware, e.g. cpu-basic, a10g-small, a100-large."""

    timeout: str | None = None
    """Job timeout, e.g. "2h" or "90m". Default: the Hub's."""

    results_repo: str = Field(json_schema_extra={"pattern": REPO_ID_PATTERN})
    """Hub dataset repo the jobs write their inspect logs to, e.g. acme/eval-logs."""

    image: str | None = None
    """Docker image for the job. Default: a uv image that installs inspect-ai."""

    @field_validator("results_repo")
    @classmethod
    def _results_repo_is_repo_id(cls, value: str) -> str:
        return _check_repo_id(value)


class InspectSource(_Model):
    """Scores produced by running inspect-ai tasks against a model (see `hfeval eval`)."""

    tasks: list[str] = Field(min_length=1)
    """inspect tasks: registry names such as inspect_evals/gsm8k, or local files
    `path/to/file.py@task` relative to the spec file's directory."""

    model: str
    """The inspect model string (provider/model), e.g. hf-inference-providers/acme/aurora-7b."""

    limit: int | None = Field(default=None, ge=1)
    """Run only the first N samples of each task. Such a run is partial and is not published
    unless `publish_partial: true`."""

    epochs: int | None = Field(default=None, ge=1)
    """How many times each sample runs (inspect's `epochs`). Default: the task's."""

    model_args: dict[str, Any] = {}
    """Arguments for the model provider (inspect's `-M`). For mockllm/model,
    `custom_outputs` may list scripted answers as strings."""

    task_args: dict[str, dict[str, Any]] = {}
    """Arguments per task (inspect's `-T`), keyed by the task as written in `tasks`."""

    generate: dict[str, Any] = {}
    """Generation settings passed to inspect, e.g. {temperature: 0, max_tokens: 1024}."""

    metrics: dict[str, str] = {}
    """Which scorer metric to publish per task, e.g. {inspect_evals/gsm8k: accuracy}.
    Default: the task's headline metric."""

    scale: Literal["fraction", "percent"] = "percent"
    """Publish scores as percentages (71.0, the default) or as inspect's fractions (0.71)."""

    runner: Literal["local", "hf-jobs"] = "local"
    """Where `hfeval eval` runs the tasks: on this machine, or as Hugging Face Jobs."""

    jobs: InspectJobs | None = None
    """Hugging Face Jobs settings (needed with `runner: hf-jobs`)."""

    publish_partial: bool = False
    """Publish results of partial runs (with `limit`); their notes state the sample count."""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.runner == "hf-jobs" and self.jobs is None:
            raise ValueError('runner "hf-jobs" needs "jobs" with at least "results_repo"')
        for name, option in (("metrics", self.metrics), ("task_args", self.task_args)):
            unknown = sorted(set(option) - set(self.tasks))
            if unknown:
                raise ValueError(f"{name} names tasks not in tasks: {', '.join(unknown)}")
        duplicates = sorted({t for t in self.tasks if self.tasks.count(t) > 1})
        if duplicates:
            raise ValueError(f"tasks lists {', '.join(duplicates)} more than once")
        return self


class LogsSource(_Model):
    """Scores from evaluations already run: inspect-ai logs (.eval, .json), lm-evaluation-harness
    and lighteval results JSON, in local files or a Hub dataset repo."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {
                    "required": ["paths"],
                    "not": {
                        "anyOf": [
                            {"required": ["repo"]},
                            {"required": ["path"]},
                            {"required": ["revision"]},
                        ]
                    },
                },
                {"required": ["repo"], "not": {"required": ["paths"]}},
            ]
        }
    )

    paths: list[str] | None = Field(default=None, min_length=1)
    """Log files or folders (searched recursively), relative to the spec file's directory."""

    repo: str | None = Field(default=None, json_schema_extra={"pattern": REPO_ID_PATTERN})
    """A Hub dataset repo holding the logs, instead of `paths`."""

    path: str | None = None
    """Folder or file inside `repo`. Default: the whole repo."""

    revision: str | None = None
    """Branch, tag or commit of `repo`. Default: the head of main."""

    publish_partial: bool = False
    """Publish runs over part of a dataset (`limit`, a sample subset). Default: list them in the
    plan only."""

    metrics: dict[str, str] | None = None
    """Which metric to publish per task, e.g. {gsm8k: accuracy}. Default: the log's headline
    metric (inspect), else the benchmark's usual metric, else the first."""

    scale: Literal["fraction", "percent"] | None = None
    """Publish scores as fractions (0.71) or percentages (71.0). Default: the benchmark's scale
    in the registry (percent for accuracy-like benchmarks)."""

    url: str | None = None
    """source.url for local logs. Default: the model's Hub page (a local path is never
    published)."""

    variant: str | dict[str, str] | None = None
    """Publish these scores to `.eval_results` as a variant of their benchmark (its `notes`,
    e.g. "With tools"; one file per variant such as `hle_with_tools.yaml`): one text for every
    benchmark of this source, or a mapping from benchmark name to its variant."""

    @field_validator("repo")
    @classmethod
    def _repo_is_repo_id(cls, value: str | None) -> str | None:
        return None if value is None else _check_repo_id(value)

    @field_validator("paths")
    @classmethod
    def _paths_not_blank(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and any(not item.strip() for item in value):
            raise ValueError("a path must not be empty")
        return value

    @model_validator(mode="after")
    def _paths_or_repo(self) -> Self:
        if (self.paths is None) == (self.repo is None):
            raise ValueError('give either "paths" (local logs) or "repo" (a Hub dataset repo)')
        if self.paths is not None and (self.path is not None or self.revision is not None):
            raise ValueError('"path" and "revision" go with "repo", not with "paths"')
        if self.repo is not None and self.url is not None:
            raise ValueError('"url" is for local logs; Hub logs link to their files')
        return self


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
        return _check_repo_id(value)

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
