"""The body of one repo's plan as styled lines: target sections, result blocks, metrics, comments.

Pure. Text and markdown both draw a repo from these lines (text indents them, markdown moves the
symbol to the first column of a ```diff block), so the wording of a metric line exists once.
The line vocabulary is in `lines.py`, metric rows in `metric_rows.py`, grouping in `grouping.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hfeval.plan import Action, Conflict, MetricChange, RepoPlan
from hfeval.render.common import count, format_value, repo_header
from hfeval.render.evaluations import evaluation_texts
from hfeval.render.grouping import ambiguous_blocks, block_key, block_title, group, key_order
from hfeval.render.lines import ACTION_STYLES, SYMBOLS, BodyOptions, Line, Style, combined_style
from hfeval.render.metric_rows import Columns, entry_label, metric_label, metric_rows

__all__ = [
    "EVAL_RESULTS",
    "MODEL_INDEX",
    "SYMBOLS",
    "BodyOptions",
    "Line",
    "Style",
    "conflict_text",
    "repo_lines",
]

MODEL_INDEX = "model-index"
EVAL_RESULTS = "eval-results"


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
    by_file = group(repo.metrics, lambda m: m.file)
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
            for model, model_metrics in group(metrics, lambda m: m.key.model).items():
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
    return [Line(2, ACTION_STYLES[action], path), Line(6, Style.COMMENT, f"({what})")]


def _model_index_section(
    repo: RepoPlan, model: str, metrics: Sequence[MetricChange], options: BodyOptions
) -> list[Line]:
    show_all = options.show_unchanged or options.verbose
    blocks = group(metrics, block_key)
    style = combined_style(metrics)
    if style is Style.ADD and repo.unmanaged:
        style = Style.CHANGE  # the model-index already exists: it holds results kept as they are
    visible = {
        key: [m for m in block if show_all or m.action is not Action.NOOP]
        for key, block in sorted(blocks.items())
    }
    columns = Columns.fit([m for shown in visible.values() for m in shown], metric_label)
    ambiguous = ambiguous_blocks(blocks)
    lines = [Line(2, style, f'model-index "{model}"')]
    hidden_results = 0
    for key, shown in visible.items():
        if not shown:
            hidden_results += 1
            continue
        lines.append(Line(4, combined_style(blocks[key]), block_title(key, ambiguous)))
        lines += metric_rows(repo, shown, metric_label, columns, 8, options)
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
    style = ACTION_STYLES[action] if action is not None else combined_style(metrics)
    shown = sorted(
        (m for m in metrics if show_all or m.action is not Action.NOOP),
        key=lambda m: (m.key.dataset, m.key.metric),
    )
    columns = Columns.fit(shown, entry_label)
    lines = [Line(2, style, path), *metric_rows(repo, shown, entry_label, columns, 6, options)]
    if len(shown) < len(metrics):
        noun = count(len(metrics) - len(shown), "unchanged entry", "unchanged entries")
        lines.append(Line(6, Style.COMMENT, f"({noun} hidden)"))
    return lines


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
        for c in sorted(conflicts, key=lambda c: key_order(c.key))
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
