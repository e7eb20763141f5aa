"""Metric rows of a plan body: labels, column alignment of `=` signs and provenance comments,
the value text of each action, reason lines and `-v` provenance. Pure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hfeval.plan import Action, MetricChange, RepoPlan
from hfeval.render.common import format_value, short_sha
from hfeval.render.lines import ACTION_STYLES, BodyOptions, Line, Style

# Spaces between the widest metric line and the aligned provenance comments.
_COMMENT_GAP = 4

# Display text for `MetricChange.reason` hints; `{spec}` is the spec path.
_REASONS = {
    "pruned_not_in_spec": "because {spec} no longer produces it and sets prune: true",
}


def metric_label(metric: MetricChange) -> str:
    """A model-index metric is named by its metric type."""
    return metric.key.metric


def entry_label(metric: MetricChange) -> str:
    """An .eval_results entry is named by its dataset id and task id."""
    return f"{metric.key.dataset} {metric.key.metric}"


@dataclass(frozen=True)
class Columns:
    """Alignment within one section, so `=` signs and provenance comments line up.

    `label` is the width labels are padded to; `comment` the column where comments start.
    """

    label: int
    comment: int

    @staticmethod
    def fit(metrics: Sequence[MetricChange], label: Callable[[MetricChange], str]) -> Columns:
        width = max((len(label(m)) for m in metrics), default=0)
        widest = max((len(_assignment(label(m), width, m)) for m in metrics), default=0)
        return Columns(width, widest + _COMMENT_GAP)


def _assignment(label: str, width: int, metric: MetricChange) -> str:
    return f"{label:<{width}} = {_value_text(metric)}"


def metric_rows(
    repo: RepoPlan,
    metrics: Sequence[MetricChange],
    label: Callable[[MetricChange], str],
    columns: Columns,
    indent: int,
    options: BodyOptions,
) -> list[Line]:
    """Metric lines with their provenance comments aligned, then any reason lines."""
    lines = []
    for metric in metrics:
        text = _assignment(label(metric), columns.label, metric)
        if metric.provenance is not None and metric.provenance.description:
            text = f"{text:<{columns.comment}}# {metric.provenance.description}"
        lines.append(Line(indent, ACTION_STYLES[metric.action], text))
        if options.verbose and metric.provenance is not None:
            lines += _verbose_provenance(metric, indent)
        if metric.reason:
            reason = _REASONS.get(metric.reason, metric.reason).format(spec=repo.spec_path)
            lines.append(Line(indent, Style.COMMENT, f"({reason})"))
    return lines


def _verbose_provenance(metric: MetricChange, indent: int) -> list[Line]:
    """`-v`: the URL and revision a value was read from."""
    assert metric.provenance is not None
    details = metric.provenance.details
    revision = details.get("revision") or details.get("sha")
    parts = []
    if metric.provenance.url:
        parts.append(metric.provenance.url)
    if isinstance(revision, str):
        parts.append(f"@ {short_sha(revision) if len(revision) == 40 else revision}")
    return [Line(indent + 2, Style.COMMENT, f"from {' '.join(parts)}")] if parts else []


def _value_text(metric: MetricChange) -> str:
    if metric.action is Action.DELETE:
        return format_value(metric.before)
    if metric.action is Action.UPDATE and metric.category == "metadata":
        if metric.before_name is not None and metric.name:
            name = f': name "{metric.before_name}" -> "{metric.name}"'
        else:
            name = f': name "{metric.name}"' if metric.name else ""
        return f"{format_value(metric.after)} (metadata only{name})"
    if metric.action is Action.UPDATE:
        return f"{format_value(metric.before)} -> {format_value(metric.after)}"
    return format_value(metric.after)
