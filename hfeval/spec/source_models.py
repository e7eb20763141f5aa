"""The settings models of the source kinds a spec can name: `readme`, `artificial_analysis`,
`inspect` (with its Hugging Face Jobs settings) and `logs`."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hfeval.spec.fields import (
    REPO_ID_PATTERN,
    SPEC_MODEL_CONFIG,
    Variant,
    check_optional_repo_id,
    check_repo_id,
)


class _Model(BaseModel):
    # SpecModel's settings, declared on a local pydantic base so that linters see these are
    # pydantic models (whose `= {}` defaults are copied per instance, not shared).
    model_config = SPEC_MODEL_CONFIG


class _RepoSource(_Model):
    """A source kind with an optional `repo` field holding a Hub repo id."""

    @field_validator("repo", check_fields=False)
    @classmethod
    def _repo_is_repo_id(cls, value: str | None) -> str | None:
        return check_optional_repo_id(value)


class ReadmeSource(_RepoSource):
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

    variant: Variant = None

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

    variant: Variant = None

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
        return check_repo_id(value)


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


class LogsSource(_RepoSource):
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

    variant: Variant = None

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
