"""Scoring a table's labels against the card's names: best first, each with why."""

from __future__ import annotations

from hfeval.choose.candidates import Offered
from hfeval.choose.identity import Identity
from hfeval.choose.names import NameMatch, compare, kind_of, parts
from hfeval.choose.verdicts import Candidate
from hfeval.tables.layout import Grid


def best_match(label: str, identity: Identity) -> tuple[NameMatch, float] | None:
    best: tuple[NameMatch, float] | None = None
    for name in identity.names:
        match = compare(label, name.text, ignorable=identity.ignorable)
        weighted = match.score * name.weight
        if best is None or (not match.conflicts, weighted) > (not best[0].conflicts, best[1]):
            best = (match, weighted)
    return best


def rank(offered: list[Offered], identity: Identity, grid: Grid) -> list[Candidate]:
    """Every label scored against the card's names, best first."""
    family_free = all(
        not any(kind_of(p) == "word" for p in parts(item.label) if p not in identity.ignorable)
        for item in offered
    )
    ranked: list[Candidate] = []
    for item in offered:
        found = best_match(item.label, identity)
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


def closest_sibling(ranked: list[Candidate], identity: Identity) -> Candidate | None:
    """The label sharing the family name that comes closest, when none is the card's model."""
    for candidate in ranked:
        found = best_match(candidate.label, identity)
        if found and found[0].names_family and found[0].conflicts:
            return candidate
    return None
