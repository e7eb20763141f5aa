"""Who a model card says it is: the repo id, front-matter names, the H1 title.

These names are what the chooser compares table labels with. The repo name is the strongest
(the card is published under it); `model-index` / `model_name` names come next; the first H1
title is weaker (cards often title a family); `base_model` is the model this one was made from,
so a label matching it better than the repo name is the base model, not this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from hfeval.choose.names import parts
from hfeval.tables.find import find_headings, line_starts, visible_text


@dataclass(frozen=True)
class Name:
    """One name the card gives itself, where it came from and how much it counts."""

    text: str
    source: str
    weight: float


@dataclass(frozen=True)
class Identity:
    """The card's own names, its base models, and parts that never tell models apart."""

    repo_id: str | None
    names: tuple[Name, ...]
    base_models: tuple[str, ...]
    ignorable: frozenset[str]

    @property
    def primary(self) -> str | None:
        return self.names[0].text if self.names else None


def _front_matter(markdown: str) -> dict[str, Any]:
    text = markdown.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        return {}
    try:
        data = YAML(typ="safe", pure=True).load(text[4:end])
    except (YAMLError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _index_names(front: dict[str, Any]) -> list[str]:
    entries = front.get("model-index")
    if not isinstance(entries, list):
        return []
    return [e["name"] for e in entries if isinstance(e, dict) and isinstance(e.get("name"), str)]


def _title(markdown: str) -> str | None:
    text = visible_text(markdown)
    for heading in find_headings(text, line_starts(text)):
        if heading.level == 1 and heading.text.strip():
            return heading.text.strip()
    return None


def card_identity(markdown: str, repo_id: str | None) -> Identity:
    """The names a card gives itself (see the module docstring for their order and weight)."""
    front = _front_matter(markdown)
    names: list[Name] = []
    if repo_id:
        names.append(Name(repo_id.split("/")[-1], "repo id", 1.0))
    for value in _strings(front.get("model_name")):
        names.append(Name(value.split("/")[-1], "front matter model_name", 0.9))
    for value in _index_names(front):
        names.append(Name(value.split("/")[-1], "front matter model-index name", 0.9))
    title = _title(markdown)
    if title and len(title) <= 80:
        names.append(Name(title, "H1 title", 0.7))
    seen: set[str] = set()
    unique = []
    for name in names:
        if name.text.casefold() not in seen:
            seen.add(name.text.casefold())
            unique.append(name)
    bases = tuple(value.split("/")[-1] for value in _strings(front.get("base_model")))
    ignorable = set(parts(repo_id.split("/")[0])) if repo_id and "/" in repo_id else set()
    # A namespace part that is also in the model's own name is its family (Qwen/Qwen2).
    ignorable -= set(parts(unique[0].text)) if unique else set()
    # `Meta-Llama-3-8B`: the maker's name before the family is often dropped in tables.
    ignorable |= {"meta", "microsoft", "google", "nvidia", "ibm", "apple", "mistralai", "openai"}
    return Identity(repo_id, tuple(unique), bases, frozenset(ignorable))
