"""What the headings around a table say: the stage they speak of, a sibling they name, or that
the section describes the model (hyperparameters, downloads) instead of scoring it."""

from __future__ import annotations

from hfeval.choose.identity import Identity
from hfeval.choose.names import loose, parts
from hfeval.choose.ranking import best_match
from hfeval.tables.find import find_headings, line_starts, visible_text
from hfeval.tables.model import Table

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
        "quantization",
        "quantized",
    }
)
_SCORE_WORDS = frozenset(
    {"result", "results", "evaluation", "evaluations", "benchmark", "benchmarks", "performance"}
)
_STAGES = frozenset({"base", "instruct", "chat"})


def heading_chains(markdown: str, tables: list[Table]) -> dict[int, tuple[str, ...]]:
    """For each table's first line, the headings it sits under, innermost first.

    `### Base Model` over `#### Standard Benchmarks` tells a reader which model the table is
    about although the nearest heading does not.
    """
    text = visible_text(markdown)
    headings = [h for h in find_headings(text, line_starts(text)) if h.text]
    chains: dict[int, tuple[str, ...]] = {}
    for table in tables:
        chain: list[str] = []
        level = 7
        above = [h for h in headings if h.line < table.line]
        for heading in reversed(above):
            if heading.level < level:
                chain.append(heading.text)
                level = heading.level
        # `# Original model card: X` is often followed by the quoted card's own `# X` title at
        # the same level: the quote still covers everything after it.
        quoted = [h for h in above if quoted_card((h.text,)) and h.level <= level]
        if quoted and quoted[-1].text not in chain:
            chain.append(quoted[-1].text)
        chains[table.line] = tuple(chain)
    return chains


def quoted_card(headings: tuple[str, ...]) -> str | None:
    """The heading of a section quoting another model's card (`Original model card: …`)."""
    for heading in headings:
        if "originalmodelcard" in loose(heading) or "originalcard" in loose(heading):
            return heading
    return None


def describes(heading: str | None) -> bool:
    words = {word.casefold() for word in parts(heading or "")}
    return bool(words & _NOT_SCORES) and not words & _SCORE_WORDS


def heading_names_other(heading: str | None, identity: Identity) -> str | None:
    """Why a heading over a table without a model axis names another model, else None."""
    if not heading or not identity.names:
        return None
    found = best_match(heading, identity)
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


def stage_conflict(headings: tuple[str, ...], own: frozenset[str]) -> str | None:
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
