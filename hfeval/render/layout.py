"""The body of one repo's plan as styled lines: target sections, result blocks, metrics, comments.

Pure. Text and markdown both draw a repo from these lines (text indents them, markdown moves the
symbol to the first column of a ```diff block), so the wording of a metric line exists once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from hfeval.plan import Action, Conflict, MetricChange, MetricKey, RepoPlan
from hfeval.render.common import count, format_value, repo_header, short_sha
from hfeval.render.evaluations import evaluation_texts

_K = TypeVar("_K")

MODEL_INDEX = "model-index"
EVAL_RESULTS = "eval-results"
# Spaces between the widest metric line and the aligned provenance comments.
_COMMENT_GAP = 4


class Style(StrEnum):
    """What a line means; colour is chosen from this, never from the text."""

    ADD = "add"
    CHANGE = "change"
    REMOVE = "remove"
    CONFLICT = "conflict"
    UNCHANGED = "unchanged"
    HEADER = "header"
    COMMENT = "comment"
    PENDING = "pending"  # a value known only after `hfeval eval`


SYMBOLS: dict[Style, str] = {
    Style.ADD: "+",
    Style.CHANGE: "~",
    Style.REMOVE: "-",
    Style.CONFLICT: "!",
    Style.UNCHANGED: " ",
    Style.HEADER: "#",
    Style.COMMENT: "#",
    Style.PENDING: "?",
}

_ACTION_STYLES = {
    Action.CREATE: Style.ADD,
    Action.UPDATE: Style.CHANGE,
    Action.DELETE: Style.REMOVE,
    Action.NOOP: Style.UNCHANGED,
}

# Display text for `MetricChange.reason` hints; `{spec}` is the spec path.
_REASONS = {
    "pruned_not_in_spec": "because {spec} no longer produces it and sets prune: true",
}


@dataclass(frozen=True)
class Line:
    """One line of a repo body: `indent` spaces, then the style's symbol, a space and `text`."""

    indent: int
    style: Style
    text: str

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.style]


@dataclass(frozen=True)
class BodyOptions:
    show_unchanged: bool = False
    verbose: bool = False


def repo_lines(repo: RepoPlan, options: BodyOptions) -> list[Line]:
    """Header, notes and (unless the repo failed or its PR is current) every target section."""
    lines = [Line(2, Style.HEADER, repo_header(repo))]
    quiet = not (repo.has_changes or repo.error or options.show_unchanged or options.verbose)
    # Findings are about the values themselves: shown even when nothing would be written.
    lines += [Line(2, Style.COMMENT, f"{f.severity}: {f.message}") for f in repo.findings]
    if not quiet:
        lines += [Line(2, Style.COMMENT, f"note: {note}") for note in repo.notes]
    if repo.error is not None:
        return lines
    if not repo.has_changes and not (options.show_unchanged or options.verbose):
        # An up-to-date PR or an unchanged repo is shown for its notes and conflicts only.
        if repo.conflicts:
            lines += _conflict_lines(repo.conflicts, 4)
        return lines + _evaluation_lines(repo)
    lines += _body(repo, options)
    return lines + _evaluation_lines(repo)


def _evaluation_lines(repo: RepoPlan) -> list[Line]:
    texts = evaluation_texts(repo)
    if not texts:
        return []
    header = Line(4, Style.COMMENT, "evaluations not published by this plan:")
    return [header] + [
        Line(4, Style.PENDING if pending else Style.CONFLICT, text) for pending, text in texts
    ]


def _body(repo: RepoPlan, options: BodyOptions) -> list[Line]:
    lines: list[Line] = []
    by_file = _group(repo.metrics, lambda m: m.file)
    file_actions = {f.path: f.action for f in repo.files}
    unmanaged_shown = False
    for path in sorted(set(by_file) | set(file_actions), key=lambda p: (p != "README.md", p)):
        metrics = by_file.get(path, [])
        show_all = options.show_unchanged or options.verbose
        if not any(m.action is not Action.NOOP for m in metrics) and not show_all:
            if path in file_actions:
                lines += _bare_file(path, file_actions[path])
            continue
        if metrics and metrics[0].key.target == MODEL_INDEX:
            for model, model_metrics in _group(metrics, lambda m: m.key.model).items():
                lines += _model_index_section(repo, model, model_metrics, options)
                lines += _unmanaged_and_conflicts(repo, model, unmanaged_shown)
                unmanaged_shown = True
        elif metrics:
            lines += _eval_file_section(repo, path, metrics, file_actions.get(path), options)
        else:
            lines += _bare_file(path, file_actions[path])
    if not unmanaged_shown:
        lines += _unmanaged_and_conflicts(repo, None, False)
    lines += _conflict_lines((c for c in repo.conflicts if c.key.target == EVAL_RESULTS), 2)
    return lines


def _bare_file(path: str, action: Action) -> list[Line]:
    """A file that changes without any metric change (e.g. a replaced invalid model-index)."""
    what = "deleted" if action is Action.DELETE else "rewritten; no metric values change"
    return [Line(2, _ACTION_STYLES[action], path), Line(6, Style.COMMENT, f"({what})")]


def _model_index_section(
    repo: RepoPlan, model: str, metrics: Sequence[MetricChange], options: BodyOptions
) -> list[Line]:
    show_all = options.show_unchanged or options.verbose
    blocks = _group(metrics, _block_key)
    style = _combined_style(metrics)
    if style is Style.ADD and repo.unmanaged:
        style = Style.CHANGE  # the model-index already exists: it holds results kept as they are
    visible = {
        key: [m for m in block if show_all or m.action is not Action.NOOP]
        for key, block in sorted(blocks.items())
    }
    columns = _Columns.fit([m for shown in visible.values() for m in shown], _metric_label)
    ambiguous = _ambiguous_blocks(blocks)
    lines = [Line(2, style, f'model-index "{model}"')]
    hidden_results = 0
    for key, shown in visible.items():
        if not shown:
            hidden_results += 1
            continue
        lines.append(Line(4, _combined_style(blocks[key]), _block_title(key, ambiguous)))
        lines += _metric_rows(repo, shown, _metric_label, columns, 8, options)
        if len(shown) < len(blocks[key]):
            hidden = len(blocks[key]) - len(shown)
            lines.append(Line(8, Style.COMMENT, f"({count(hidden, 'unchanged metric')} hidden)"))
    if hidden_results:
        noun = count(hidden_results, "unchanged result")
        lines.append(Line(4, Style.COMMENT, f"({noun} hidden)"))
    return lines


def _eval_file_section(
    repo: RepoPlan,
    path: str,
    metrics: Sequence[MetricChange],
    action: Action | None,
    options: BodyOptions,
) -> list[Line]:
    show_all = options.show_unchanged or options.verbose
    style = _ACTION_STYLES[action] if action is not None else _combined_style(metrics)
    shown = sorted(
        (m for m in metrics if show_all or m.action is not Action.NOOP),
        key=lambda m: (m.key.dataset, m.key.metric),
    )
    columns = _Columns.fit(shown, _entry_label)
    lines = [Line(2, style, path), *_metric_rows(repo, shown, _entry_label, columns, 6, options)]
    if len(shown) < len(metrics):
        noun = count(len(metrics) - len(shown), "unchanged entry", "unchanged entries")
        lines.append(Line(6, Style.COMMENT, f"({noun} hidden)"))
    return lines


def _metric_label(metric: MetricChange) -> str:
    return metric.key.metric


def _entry_label(metric: MetricChange) -> str:
    """An .eval_results entry is named by its dataset id and task id."""
    return f"{metric.key.dataset} {metric.key.metric}"


@dataclass(frozen=True)
class _Columns:
    """Alignment within one section, so `=` signs and provenance comments line up.

    `label` is the width labels are padded to; `comment` the column where comments start.
    """

    label: int
    comment: int

    @staticmethod
    def fit(metrics: Sequence[MetricChange], label: Callable[[MetricChange], str]) -> _Columns:
        width = max((len(label(m)) for m in metrics), default=0)
        widest = max((len(_assignment(label(m), width, m)) for m in metrics), default=0)
        return _Columns(width, widest + _COMMENT_GAP)


def _assignment(label: str, width: int, metric: MetricChange) -> str:
    return f"{label:<{width}} = {_value_text(metric)}"


def _metric_rows(
    repo: RepoPlan,
    metrics: Sequence[MetricChange],
    label: Callable[[MetricChange], str],
    columns: _Columns,
    indent: int,
    options: BodyOptions,
) -> list[Line]:
    """Metric lines with their provenance comments aligned, then any reason lines."""
    lines = []
    for metric in metrics:
        text = _assignment(label(metric), columns.label, metric)
        if metric.provenance is not None and metric.provenance.description:
            text = f"{text:<{columns.comment}}# {metric.provenance.description}"
        lines.append(Line(indent, _ACTION_STYLES[metric.action], text))
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


def _unmanaged_and_conflicts(repo: RepoPlan, model: str | None, skip_unmanaged: bool) -> list[Line]:
    lines = []
    if repo.unmanaged and not skip_unmanaged:
        total = sum(n for _, n in repo.unmanaged)
        sources = ", ".join(f'"{source}"' for source, _ in sorted(repo.unmanaged))
        noun = count(total, "unmanaged result")
        lines.append(Line(4, Style.COMMENT, f"({noun} kept: {sources})"))
    conflicts = [
        c
        for c in repo.conflicts
        if c.key.target == MODEL_INDEX and (model is None or c.key.model == model)
    ]
    lines += _conflict_lines(conflicts, 4)
    return lines


def _conflict_lines(conflicts: Iterable[Conflict], indent: int) -> list[Line]:
    return [
        Line(indent, Style.CONFLICT, conflict_text(c))
        for c in sorted(conflicts, key=lambda c: _key_order(c.key))
    ]


def conflict_text(conflict: Conflict) -> str:
    """The sentence that explains a conflict and what the user can do about it."""
    said = format_value(conflict.spec_value)
    if conflict.provenance is not None:
        said += f" ({conflict.provenance.description})"
    if conflict.key.target == EVAL_RESULTS:
        return (
            f"score conflict: {conflict.key.dataset} {conflict.key.metric} is "
            f"{format_value(conflict.hub_value)} in {conflict.hub_source}; the spec says {said}. "
            "That score is left as it is; hfeval adds no second one (resolve it with its author)."
        )
    return (
        f"{conflict.key.metric}: the Hub has {format_value(conflict.hub_value)} in a result "
        f'hfeval does not manage (source "{conflict.hub_source}"); the spec says {said}. '
        "Left as it is; change the spec or that result to resolve."
    )


# -- grouping ----------------------------------------------------------------------------------

_BlockKey = tuple[str, str, str, str, str, str]


def _block_key(metric: MetricChange) -> _BlockKey:
    key = metric.key
    return (key.model, key.task, key.dataset, key.config or "", key.split or "", metric.source)


def _block_title(key: _BlockKey, ambiguous: set[tuple[str, str, str]]) -> str:
    _, task, dataset, config, split, source = key
    where = ""
    if (task, dataset, source) in ambiguous:
        # Only when two blocks would otherwise read the same.
        where = f" [config {config or '-'}, split {split or '-'}]"
    return f"result {task} / {dataset}{where} (source: {source})"


def _ambiguous_blocks(blocks: dict[_BlockKey, list[MetricChange]]) -> set[tuple[str, str, str]]:
    seen: dict[tuple[str, str, str], int] = {}
    for _, task, dataset, _, _, source in blocks:
        seen[(task, dataset, source)] = seen.get((task, dataset, source), 0) + 1
    return {k for k, n in seen.items() if n > 1}


def _key_order(key: MetricKey) -> tuple[str, ...]:
    return (key.model, key.task, key.dataset, key.config or "", key.split or "", key.metric)


def _combined_style(metrics: Sequence[MetricChange]) -> Style:
    """`+` when every metric is added, `-` when every one is removed, blank when none changes.

    Anything else is `~`: adding a metric to a block that keeps others changes the block.
    """
    actions = {m.action for m in metrics}
    if actions == {Action.CREATE}:
        return Style.ADD
    if actions == {Action.DELETE}:
        return Style.REMOVE
    if actions == {Action.NOOP}:
        return Style.UNCHANGED
    return Style.CHANGE


def _group(
    items: Iterable[MetricChange], key: Callable[[MetricChange], _K]
) -> dict[_K, list[MetricChange]]:
    """Group in identity-key order, so every group's metrics are already sorted."""
    groups: dict[_K, list[MetricChange]] = {}
    for item in sorted(items, key=lambda m: (m.file, m.source, *_key_order(m.key))):
        groups.setdefault(key(item), []).append(item)
    return groups
