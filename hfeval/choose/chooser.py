"""Deciding which tables of a card hold the card's own model's scores, and which label is it.

For every table: tables without a model axis (one row, `Metric | Value`, lm-eval dumps) are the
card's own unless their heading names another model or describes the model instead of scoring
it; tables with a model axis are the card's own when one label names the card's model more
closely than every other label (`ranking.py`, `names.py`), or carries an `(ours)` mark.
Every choice is checked by running the extractor on it, so a chosen table always yields scores.
Nothing here reads files or the network.
"""

from __future__ import annotations

from dataclasses import replace

from hfeval.choose.candidates import offered_labels
from hfeval.choose.context import (
    describes,
    heading_chains,
    heading_names_other,
    own_stages,
    quoted_card,
    stage_conflict,
    stages,
)
from hfeval.choose.identity import Identity, card_identity
from hfeval.choose.ranking import closest_sibling, rank
from hfeval.choose.verdicts import Decision, TableChoice
from hfeval.errors import HfevalError
from hfeval.tables.cells import match_key
from hfeval.tables.extract import extract_from_grid
from hfeval.tables.find import find_tables
from hfeval.tables.layout import Grid, analyse
from hfeval.tables.model import Extraction

_NO_AXIS = ("single-row", "metric-value", "lm-eval-harness")
# A label scores this much more than the next before it is chosen over it.
_MARGIN = 0.75


def own_score_tables(readme_text: str, repo_id: str | None) -> list[TableChoice]:
    """The tables holding this card's own model's scores, each with its model label and reason.

    The one-call entry point for other features (`hfeval discover` lists Hub models that have
    any): an empty list means the card has no table of its own scores that hfeval can read.
    """
    return list(choose(readme_text, repo_id).chosen)


def choose(readme_text: str, repo_id: str | None, *, keep_repeats: bool = False) -> Decision:
    """The verdict on every table of a card; see the module docstring.

    A table whose scores repeat those of a table chosen before it (the same benchmarks again in
    a translated half of the card) is a `repeat`, unless `keep_repeats`.
    """
    identity = card_identity(readme_text, repo_id)
    tables = find_tables(readme_text)
    chains = heading_chains(readme_text, tables)
    stage = frozenset(own_stages(readme_text, identity))
    judged = [
        judge_table(analyse(table), identity, chains.get(table.line, ()), stage) for table in tables
    ]
    judged = _without_stage_less(judged, identity)
    verdicts: list[TableChoice] = []
    taken: dict[tuple[str, str], tuple[float, int]] = {}
    for verdict in judged:
        if verdict.chosen and not keep_repeats:
            verdict = _unless_repeat(verdict, taken)
        verdicts.append(verdict)
    return Decision(identity, tuple(verdicts))


def _without_stage_less(judged: list[TableChoice], identity: Identity) -> list[TableChoice]:
    """Drop labels lacking the card's stage word when another table has the label with it.

    On a `Heron-2-7B-Chat` card whose chat table says `Heron-2-7B-Chat`, a `Heron-2-7B` column
    in another table is the base model, not a shorter name for this one.
    """
    if not identity.names:
        return judged
    name = identity.names[0].text
    wanted = stages(name)
    if not wanted:
        return judged

    def has_stage(table: TableChoice) -> bool:
        return table.model is not None and wanted <= stages(table.model)

    full = [t for t in judged if t.chosen and has_stage(t)]
    if not full:
        return judged
    reference = f'table {full[0].table} names it "{full[0].model}"'
    return [
        replace(
            t,
            verdict="sibling",
            reason=f'"{t.model}" lacks "{"/".join(sorted(wanted))}" and {reference}',
        )
        if t.chosen and t.model is not None and not has_stage(t)
        else t
        for t in judged
    ]


def _found(extraction: Extraction) -> tuple[tuple[str, str, float], ...]:
    return tuple(
        (match_key(score.benchmark), match_key(score.metric or ""), score.value)
        for score in extraction.scores
    )


def _unless_repeat(
    verdict: TableChoice, taken: dict[tuple[str, str], tuple[float, int]]
) -> TableChoice:
    keys = {(benchmark, metric): value for benchmark, metric, value in verdict.found}
    overlap = [key for key in keys if key in taken]
    differing = [key for key in overlap if taken[key][0] != keys[key]]
    if overlap and (differing or len(overlap) == len(keys)):
        earlier = sorted({taken[key][1] for key in overlap})
        what = "gives other values for" if differing else "repeats"
        tables = ", ".join(map(str, earlier))
        reason = f"{what} {len(differing or overlap)} score(s) of table {tables}"
        return replace(verdict, verdict="repeat", reason=reason)
    for key, value in keys.items():
        taken.setdefault(key, (value, verdict.table))
    return verdict


def judge_table(
    grid: Grid,
    identity: Identity,
    headings: tuple[str, ...] = (),
    own_stage: frozenset[str] = frozenset(),
) -> TableChoice:
    """The verdict on one analysed table.

    `headings` are the headings it sits under, innermost first; `own_stage` the card model's
    training stage (see `own_stages`).
    """
    table = grid.table
    base = TableChoice(
        table.number, table.line, table.heading, grid.layout, "no-scores", None, None, ""
    )
    described = describes(table.heading)
    quoted = quoted_card(headings)
    if quoted:
        return replace(base, verdict="others", reason=f'under "{quoted}": another model\'s card')
    if grid.layout in _NO_AXIS:
        if described:
            return replace(base, reason=f'heading "{table.heading}" describes the model')
        extraction = _try_extract(grid, None)
        if extraction is None or not extraction.scores:
            return replace(base, reason=f"{_layout_words(grid)}, but no cell is a score")
        other = heading_names_other(table.heading, identity)
        if other:
            return replace(base, verdict="sibling", reason=other, found=_found(extraction))
        where = f' under "{table.heading}"' if table.heading else ""
        reason = f"{_layout_words(grid)}{where}: the card's own scores"
        return replace(base, verdict="own", reason=reason, found=_found(extraction))
    offered = offered_labels(grid)
    if not offered:
        return replace(base, reason="no model labels")
    if described:
        return replace(base, reason=f'heading "{table.heading}" describes the model')
    ranked = rank(offered, identity, grid)
    viable = [c for c in ranked if c.viable]
    if not viable:
        flipped = rank(offered_labels(grid, other_axis=True), identity, grid)
        if any(c.viable for c in flipped):
            ranked, viable = flipped, [c for c in flipped if c.viable]
    axis = ranked[0].axis
    with_axis = replace(base, axis=axis, candidates=tuple(ranked[:6]))
    if not viable:
        sibling = closest_sibling(ranked, identity)
        if sibling is not None:
            reason = f'scores for "{sibling.label}" ({sibling.reason}), not this model'
            extraction = _try_extract(grid, sibling.label)
            found = _found(extraction) if extraction is not None else ()
            return replace(
                with_axis, verdict="sibling", model=sibling.label, reason=reason, found=found
            )
        shown = ", ".join(f'"{c.label}"' for c in ranked[:4])
        return replace(with_axis, verdict="others", reason=f"only other models: {shown}")
    best = viable[0]
    if len(viable) > 1 and viable[1].score > best.score - _MARGIN:
        shown = ", ".join(f'"{c.label}"' for c in viable[:4])
        return replace(
            with_axis, verdict="ambiguous", reason=f"several labels fit equally: {shown}"
        )
    stage = stage_conflict(headings or ((table.heading,) if table.heading else ()), own_stage)
    extraction = _try_extract(grid, best.label)
    if extraction is None or not extraction.scores:
        return replace(with_axis, model=best.label, reason=f'"{best.label}" has no score cells')
    if stage:
        return replace(
            with_axis, verdict="sibling", model=best.label, reason=stage, found=_found(extraction)
        )
    return replace(
        with_axis,
        verdict="own",
        model=best.label,
        reason=best.reason,
        found=_found(extraction),
    )


def _try_extract(grid: Grid, model: str | None) -> Extraction | None:
    try:
        return extract_from_grid(grid, model)
    except HfevalError:
        return None


def _layout_words(grid: Grid) -> str:
    return {
        "single-row": "one row, no model column",
        "metric-value": "a Metric | Value list",
        "lm-eval-harness": "an lm-eval results table",
    }.get(grid.layout, grid.layout.replace("-", " "))
