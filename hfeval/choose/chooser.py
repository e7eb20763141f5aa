"""Deciding which tables of a card hold the card's own model's scores, and which label is it.

For every table: tables without a model axis (one row, `Metric | Value`, lm-eval dumps) are the
card's own unless their heading names another model or describes the model instead of scoring
it; tables with a model axis are the card's own when one label names the card's model more
closely than every other label (see `names.py`), or carries an `(ours)` / `this model` mark.
Every choice is checked by running the extractor on it, so a chosen table always yields scores.
Nothing here reads files or the network.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from hfeval.choose.candidates import Offered, offered_labels
from hfeval.choose.identity import Identity, card_identity
from hfeval.choose.names import NameMatch, compare, kind_of, loose, parts
from hfeval.errors import HfevalError
from hfeval.tables.cells import match_key
from hfeval.tables.extract import extract_from_grid
from hfeval.tables.find import find_headings, find_tables, line_starts, visible_text
from hfeval.tables.layout import Grid, analyse
from hfeval.tables.model import Axis, Extraction

Verdict = Literal["own", "repeat", "sibling", "others", "ambiguous", "no-scores"]

_NO_AXIS = ("single-row", "metric-value", "lm-eval-harness")
# Headings of sections that describe or serve a model rather than score it.
_NOT_SCORES = frozenset(
    {
        "hyperparameter",
        "hyperparameters",
        "architecture",
        "structure",
        "tokenizer",
        "memory",
        "speed",
        "latency",
        "throughput",
        "download",
        "downloads",
        "hardware",
        "environmental",
        "usage",
        "inference",
        "quickstart",
        "requirements",
        "carbon",
        "emissions",
        "license",
        "data",
        "dataset",
        "zoo",
        "index",
        "introduction",
        "prompt",
        "template",
        "md5",
        "training",
        "procedure",
        "details",
        "information",
        "sizes",
        "quantization",
        "quantized",
    }
)
_SCORE_WORDS = frozenset(
    {"result", "results", "evaluation", "evaluations", "benchmark", "benchmarks", "performance"}
)
_STAGES = frozenset({"base", "instruct", "chat"})
# A label scores this much more than the next before it is chosen over it.
_MARGIN = 0.75


@dataclass(frozen=True)
class Candidate:
    """One label of a table, how well it names the card's model, and why."""

    label: str
    axis: Axis
    score: float
    reason: str
    viable: bool


@dataclass(frozen=True)
class TableChoice:
    """The verdict on one table: whether it is chosen, which label, and the reason."""

    table: int
    line: int
    heading: str | None
    layout: str
    verdict: Verdict
    model: str | None
    axis: Axis | None
    reason: str
    candidates: tuple[Candidate, ...] = ()
    # (benchmark key, metric key, value) of every score the chosen label yields.
    found: tuple[tuple[str, str, float], ...] = ()

    @property
    def scores(self) -> int:
        return len(self.found)

    @property
    def chosen(self) -> bool:
        return self.verdict == "own"

    def as_dict(self) -> dict[str, object]:
        return {
            "table": self.table,
            "line": self.line,
            "heading": self.heading,
            "layout": self.layout,
            "verdict": self.verdict,
            "model": self.model,
            "axis": self.axis,
            "reason": self.reason,
            "scores": self.scores,
            "candidates": [
                {"label": c.label, "axis": c.axis, "score": round(c.score, 2), "reason": c.reason}
                for c in self.candidates
            ],
        }


@dataclass(frozen=True)
class Decision:
    """Every table's verdict for one card, and the names the card was judged by."""

    identity: Identity
    tables: tuple[TableChoice, ...]

    @property
    def chosen(self) -> tuple[TableChoice, ...]:
        return tuple(table for table in self.tables if table.chosen)

    def verdict_of(self, number: int) -> TableChoice | None:
        return next((table for table in self.tables if table.table == number), None)


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
    chains = heading_chains(readme_text)
    stage = frozenset(own_stages(readme_text, identity))
    judged = [
        judge_table(analyse(table), identity, chains.get(table.line, ()), stage)
        for table in find_tables(readme_text)
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


def heading_chains(markdown: str) -> dict[int, tuple[str, ...]]:
    """For each table's first line, the headings it sits under, innermost first.

    `### Base Model` over `#### Standard Benchmarks` tells a reader which model the table is
    about although the nearest heading does not.
    """
    text = visible_text(markdown)
    headings = [h for h in find_headings(text, line_starts(text)) if h.text]
    chains: dict[int, tuple[str, ...]] = {}
    for table in find_tables(markdown):
        chain: list[str] = []
        level = 7
        for heading in reversed([h for h in headings if h.line < table.line]):
            if heading.level < level:
                chain.append(heading.text)
                level = heading.level
        chains[table.line] = tuple(chain)
    return chains


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
    described = _describes(table.heading)
    if grid.layout in _NO_AXIS:
        if described:
            return replace(base, reason=f'heading "{table.heading}" describes the model')
        extraction = _try_extract(grid, None)
        if extraction is None or not extraction.scores:
            return replace(base, reason=f"{_layout_words(grid)}, but no cell is a score")
        other = _heading_names_other(table.heading, identity)
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
    ranked = _rank(offered, identity, grid)
    viable = [c for c in ranked if c.viable]
    if not viable:
        flipped = _rank(offered_labels(grid, other_axis=True), identity, grid)
        if any(c.viable for c in flipped):
            ranked, viable = flipped, [c for c in flipped if c.viable]
    axis = ranked[0].axis
    with_axis = replace(base, axis=axis, candidates=tuple(ranked[:6]))
    if not viable:
        sibling = _closest_sibling(ranked, identity)
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
    stage = _stage_conflict(headings or ((table.heading,) if table.heading else ()), own_stage)
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


def _describes(heading: str | None) -> bool:
    words = {word.casefold() for word in parts(heading or "")}
    return bool(words & _NOT_SCORES) and not words & _SCORE_WORDS


def _best_match(label: str, identity: Identity) -> tuple[NameMatch, float] | None:
    best: tuple[NameMatch, float] | None = None
    for name in identity.names:
        match = compare(label, name.text, ignorable=identity.ignorable)
        weighted = match.score * name.weight
        if best is None or (not match.conflicts, weighted) > (not best[0].conflicts, best[1]):
            best = (match, weighted)
    return best


def _rank(offered: list[Offered], identity: Identity, grid: Grid) -> list[Candidate]:
    """Every label scored against the card's names, best first."""
    family_free = all(
        not any(kind_of(p) == "word" for p in parts(item.label) if p not in identity.ignorable)
        for item in offered
    )
    ranked: list[Candidate] = []
    for item in offered:
        found = _best_match(item.label, identity)
        if found is None:
            ranked.append(Candidate(item.label, item.axis, 0.0, "no name to compare", False))
            continue
        match, score = found
        marks = []
        if item.ours:
            marks.append("marked as the card's own")
            score += 3.0
        if item.bold:
            marks.append("bold")
            score += 0.5
        base = _base_model_match(item.label, identity, match)
        # Labels that are all sizes or formats (`7B Params`, `INT8`) need only share one part.
        viable = (
            not match.conflicts
            and not base
            and ((match.names_family and score > 0) or (family_free and bool(match.shared)))
        ) or (item.ours and not match.conflicts)
        ranked.append(Candidate(item.label, item.axis, score, _why(match, marks, base), viable))
    ranked.sort(key=lambda c: (c.viable, c.score), reverse=True)
    return ranked


def _base_model_match(label: str, identity: Identity, own: NameMatch) -> bool:
    """Whether the label names the card's base model better than the card itself."""
    for base in identity.base_models:
        match = compare(label, base, ignorable=identity.ignorable)
        if match.exact and not own.exact:
            return True
    return False


def _why(match: NameMatch, marks: list[str], base: bool) -> str:
    if base:
        return "names the base model in the front matter"
    if match.exact:
        said = f"matches {match.name!r}"
    elif match.conflicts:
        said = f"differs from {match.name!r} in " + ", ".join(repr(p) for p in match.conflicts)
    else:
        said = f"shares {', '.join(match.shared) or 'nothing'} with {match.name!r}"
        if match.missing:
            said += f" (lacks {', '.join(match.missing)})"
    return "; ".join([said, *marks])


def _closest_sibling(ranked: list[Candidate], identity: Identity) -> Candidate | None:
    """The label sharing the family name that comes closest, when none is the card's model."""
    for candidate in ranked:
        found = _best_match(candidate.label, identity)
        if found and found[0].names_family and found[0].conflicts:
            return candidate
    return None


def _heading_names_other(heading: str | None, identity: Identity) -> str | None:
    """Why a heading over a table without a model axis names another model, else None."""
    if not heading or not identity.names:
        return None
    found = _best_match(heading, identity)
    if found is None:
        return None
    match = found[0]
    if match.names_family and match.conflicts:
        return f'heading "{heading}" names another model ({", ".join(match.conflicts)})'
    return None


def stages(text: str) -> set[str]:
    """The training stages a heading or name speaks of: base, instruct, chat."""
    said = set(parts(text)) & _STAGES
    flat = loose(text)
    if "pretrain" in flat:
        said.add("base")
    if "instruct" in flat:
        said.add("instruct")
    return said


def own_stages(markdown: str, identity: Identity) -> set[str]:
    """The card model's stage: named (`-Instruct`), or implied by a sibling the card names.

    `DeepSeek-V3` beside a `DeepSeek-V3-Base` is the chat model; `Meta-Llama-3-8B` beside a
    `Meta-Llama-3-8B-Instruct` is the base model; a name alone says nothing.
    """
    if not identity.names:
        return set()
    name = identity.names[0].text
    said = stages(name)
    if said:
        return said
    flat = loose(markdown)
    base_named = loose(name + "base") in flat
    tuned_named = loose(name + "instruct") in flat or loose(name + "chat") in flat
    if base_named and not tuned_named:
        return {"instruct", "chat"}
    if tuned_named and not base_named:
        return {"base"}
    return set()


def _stage_conflict(headings: tuple[str, ...], own: frozenset[str]) -> str | None:
    """The nearest heading saying base, instruct or chat models when this card is another stage."""
    for heading in headings:
        said = stages(heading)
        if not said:
            continue
        if said & own:
            return None
        if own or said <= {"instruct", "chat"}:
            stage = "/".join(sorted(said))
            return f'heading "{heading}" is about {stage} models; this card is not one'
        return None
    return None
