"""Commit messages and pull request texts, rendered from jinja2 templates a spec repo may override.

The templates receive a plain, stable context (`MessageContext`): every changed metric with its
value before and after and where the number came from. Rendering is deterministic (no timestamps),
so a rerun sends the same bytes. The marker and fingerprint trailer of a PR description is added
here, after the template, so an overriding template cannot drop what hfeval needs to find its PR.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
)

from hfeval.errors import HfevalError
from hfeval.plan import Action, MetricChange, RepoPlan
from hfeval.pr_marker import PR_MARKER
from hfeval.redaction import redact

TEMPLATE_NAMES = ("commit_title.j2", "commit_body.j2", "pr_title.j2", "pr_description.j2")

_SYMBOLS = {Action.CREATE: "+", Action.UPDATE: "~", Action.DELETE: "-", Action.NOOP: " "}


class TemplateRenderError(HfevalError):
    """A commit or pull request template failed to render."""


@dataclass(frozen=True)
class ChangeLine:
    """One changed metric as the templates see it; values are already formatted as text."""

    symbol: str  # "+", "~" or "-"
    action: str  # "create" | "update" | "delete"
    category: str  # "value" | "metadata"
    file: str
    metric: str
    name: str | None
    task: str
    dataset: str
    config: str | None
    split: str | None
    source: str
    before: str | None
    after: str | None
    provenance: str | None  # e.g. README table 2, column "OLMo 3-32B", line 57
    link: str | None


@dataclass(frozen=True)
class FileLine:
    path: str
    action: str  # "create" | "update" | "delete"


@dataclass(frozen=True)
class ChangeCounts:
    added: int
    changed: int
    removed: int
    metadata: int

    @property
    def total(self) -> int:
        return self.added + self.changed + self.removed + self.metadata


@dataclass(frozen=True)
class MessageContext:
    """Everything a template may use: the contract an overriding template relies on."""

    repo_id: str
    model_name: str
    spec_path: str
    revision: str
    base_commit: str
    base_short: str
    delivery: str  # "commit" | "new-pr" | "update-pr"
    pr_num: int | None
    files: tuple[FileLine, ...]
    changes: tuple[ChangeLine, ...]
    counts: ChangeCounts
    fingerprint: str


@dataclass(frozen=True)
class Messages:
    """The texts sent with one repo's write."""

    commit_title: str
    commit_body: str
    pr_title: str
    pr_description: str


class MessageRenderer:
    """Renders the four templates; a file of the same name in `override_dir` wins."""

    def __init__(self, override_dir: Path | None = None) -> None:
        loaders: list[FileSystemLoader | PackageLoader] = []
        if override_dir is not None:
            loaders.append(FileSystemLoader(str(override_dir)))
        loaders.append(PackageLoader("hfeval", "templates"))
        self._env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=False,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self._env.filters["cell"] = markdown_cell
        self._env.filters["plural"] = plural
        self._override_dir = override_dir

    def render(self, repo: RepoPlan, *, fingerprint: str) -> Messages:
        context = message_context(repo, fingerprint=fingerprint)
        description = self._render("pr_description.j2", context).rstrip()
        trailer = f"<!-- hfeval:plan fingerprint={fingerprint} -->\n{PR_MARKER}"
        return Messages(  # what goes to the Hub never carries a token
            commit_title=redact(_one_line(self._render("commit_title.j2", context))),
            commit_body=redact(self._render("commit_body.j2", context).strip() + "\n"),
            pr_title=redact(_one_line(self._render("pr_title.j2", context))),
            pr_description=redact(f"{description}\n\n{trailer}\n"),
        )

    def _render(self, name: str, context: MessageContext) -> str:
        try:
            return self._env.get_template(name).render(vars(context))
        except TemplateError as error:
            where = name
            if self._override_dir is not None and (self._override_dir / name).is_file():
                where = str(self._override_dir / name)
            raise TemplateRenderError(
                f"template failed to render: {error}",
                where=where,
                hint="templates may use: " + ", ".join(MessageContext.__dataclass_fields__),
            ) from error


def message_context(repo: RepoPlan, *, fingerprint: str) -> MessageContext:
    """The template context for one repo: changed metrics sorted by identity, values as text."""
    changed = sorted(repo.changed_metrics, key=_metric_sort_key)
    base = repo.base_commit or ""
    return MessageContext(
        repo_id=repo.repo_id,
        model_name=repo.model_name,
        spec_path=repo.spec_path,
        revision=repo.revision,
        base_commit=base,
        base_short=base[:7],
        delivery=repo.delivery.value,
        pr_num=repo.pr_num,
        files=tuple(FileLine(f.path, f.action.value) for f in repo.files),
        changes=tuple(_change_line(m) for m in changed),
        counts=_counts(changed),
        fingerprint=fingerprint,
    )


def format_value(value: float | str | None) -> str | None:
    """Numbers as the shortest repr that reads back the same (68.3, 86.0); text unchanged."""
    if value is None:
        return None
    if isinstance(value, float):
        return repr(value)
    return str(value)


def markdown_cell(text: object) -> str:
    """Text safe inside a markdown table cell: pipes escaped, line breaks flattened."""
    if text is None:
        return ""
    return " ".join(str(text).split()).replace("|", "\\|")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`3 metrics`, `1 metric`."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def _change_line(metric: MetricChange) -> ChangeLine:
    provenance = metric.provenance
    return ChangeLine(
        symbol=_SYMBOLS[metric.action],
        action=metric.action.value,
        category=metric.category,
        file=metric.file,
        metric=metric.key.metric,
        name=metric.name,
        task=metric.key.task,
        dataset=metric.key.dataset,
        config=metric.key.config,
        split=metric.key.split,
        source=metric.source,
        before=format_value(metric.before),
        after=format_value(metric.after),
        provenance=provenance.description if provenance else None,
        link=provenance.url if provenance else None,
    )


def _counts(changed: Sequence[MetricChange]) -> ChangeCounts:
    values = [m for m in changed if m.category == "value"]
    return ChangeCounts(
        added=sum(1 for m in values if m.action is Action.CREATE),
        changed=sum(1 for m in values if m.action is Action.UPDATE),
        removed=sum(1 for m in values if m.action is Action.DELETE),
        metadata=len(changed) - len(values),
    )


def _metric_sort_key(metric: MetricChange) -> tuple[str, ...]:
    key = metric.key
    return (
        metric.file,
        key.model,
        key.task,
        key.dataset.casefold(),
        key.config or "",
        key.split or "",
        metric.source,
        key.metric,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())
