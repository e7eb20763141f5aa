"""The C-backed YAML paths for model cards: read a front matter with its key lines, emit one key.

`card.py` owns the semantics (what a splice may touch, how every rewrite is verified) and keeps
ruamel.yaml's pure-Python round-trip loader and dumper as the reference. Those cost 5-30 ms per
card, most of a plan's CPU. The two functions here do the same work through libyaml (ruamel's
C parser for reading, PyYAML's C emitter for writing), about ten times faster, and answer None
for any input where they cannot promise the reference's exact result; the caller then takes
the reference path. Results are the same either way; the test suite checks the two paths agree.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from hfeval.fast_yaml import read_document

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_YAML_11 = VersionedResolver(version=(1, 1))
_YAML_12 = VersionedResolver(version=(1, 2))
_PYYAML_RESOLVER = yaml.resolver.Resolver()
_PLAIN_TYPES = (str, int, float, type(None), datetime.date)
# Longer strings, or ones with line breaks, tabs or other unprintable characters, are left to the
# reference dumper: folding and escaping are where libyaml's emitter and ruamel's may differ.
_MAX_FAST_STRING = 1000
# Characters both emitters print as they are: libyaml escapes everything beyond the BMP, and the
# round-trip dumper double-quotes strings with an apostrophe where libyaml doubles it.
_UNSAFE_CHAR = re.compile("[^\x20-\x26\x28-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]")


class _Resolver(VersionedResolver):
    """ruamel's YAML 1.2 resolver, asking which YAML version applies once per loader.

    `processing_version` is asked for every scalar; with the C parser it finds no scanner and
    no serializer, and the two exceptions it catches cost more than typing the scalar (most of
    the time spent reading a front matter). One loader reads one document, so the answer
    cannot change after the first ask.
    """

    _asked: Any = None

    @property
    def processing_version(self) -> Any:
        if self._asked is None:
            self._asked = super().processing_version
        return self._asked


def _safe_yaml() -> YAML:
    """ruamel's C-backed safe loader with the resolver above (a new one per call: loaders keep
    state, and plans run on threads)."""
    loader = YAML(typ="safe")
    loader.Resolver = _Resolver
    return loader


@dataclass(frozen=True)
class FrontMatter:
    """A front matter read by the safe loader: plain data and the 0-based line of each key."""

    data: dict[str, Any]
    key_lines: tuple[int, ...]


def load_front_matter(front_matter: str) -> FrontMatter | None:
    """Parse a block mapping whose keys sit alone at column 0, or None (use the reference).

    None also covers flow style, merge keys, tags or values the safe loader does not turn into
    plain data, and YAML errors: the reference loader reports those with its own messages.
    PyYAML's loader (`fast_yaml`) reads it when it types every scalar as ruamel would; both use
    libyaml's parser, so the nodes, their positions and the values are the same.
    """
    if "<<" in front_matter:  # merge keys: the loaders order merged keys differently
        return None
    fast = read_document(front_matter)
    if fast is not None:
        return _front_matter(fast.root, lambda _node: fast.data)
    loader = _safe_yaml()
    try:
        return _front_matter(loader.compose(front_matter), loader.constructor.construct_document)
    except (YAMLError, ValueError, TypeError):
        return None


def _front_matter(node: Any, construct: Callable[[Any], Any]) -> FrontMatter | None:
    """The checks of `load_front_matter` on a composed node (ruamel's or PyYAML's)."""
    if getattr(node, "id", None) != "mapping" or node.flow_style:
        return None
    keys = [key for key, _ in node.value]
    if not all(
        key.id == "scalar" and key.tag == _STR and key.start_mark.column == 0 for key in keys
    ):
        return None
    lines = tuple(key.start_mark.line for key in keys)
    if list(lines) != sorted(set(lines)):
        return None
    data = construct(node)
    if not isinstance(data, dict) or len(data) != len(keys) or not _is_plain(data):
        return None
    return FrontMatter(data, lines)


def _is_plain(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_is_plain(k) and _is_plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_is_plain(v) for v in value)
    # datetime.datetime subclasses date; the two loaders differ on time zones, so leave it.
    return isinstance(value, _PLAIN_TYPES) and not isinstance(value, datetime.datetime)


def safe_load(text: str) -> Any:
    """The C-backed YAML 1.2 safe load the verification of a rewrite compares with."""
    fast = read_document(text)
    return fast.data if fast is not None else _safe_yaml().load(text)


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
READ_BACK_ERRORS = (yaml.YAMLError, ValueError)


def read_back(text: str) -> Any:
    """Read text this module (or the reference dumper) wrote, with libyaml through PyYAML.

    The dumpers quote every string YAML 1.1 or 1.2 would read as another type, so this YAML 1.1
    loader, the one huggingface_hub uses, reads their output as the Hub does.
    """
    return yaml.load(text, Loader=_Loader)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's libyaml emitter with the card dumper's quoting rules (see `dump_key`)."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Quote what YAML 1.1 (PyYAML in huggingface_hub) or 1.2 (the Hub) would read as non-string.
    style = None if _reads_as_str(data) else "'"
    return dumper.represent_scalar(_STR, data, style=style)


def _represent_none(dumper: yaml.SafeDumper, data: None) -> yaml.ScalarNode:
    return dumper.represent_scalar(_NULL, "")  # the round-trip dumper leaves null values empty


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(type(None), _represent_none)


@functools.lru_cache(maxsize=16384)
def _reads_as_str(text: str) -> bool:
    return bool(
        _YAML_11.resolve(ScalarNode, text, (True, False)) == _STR
        and _YAML_12.resolve(ScalarNode, text, (True, False)) == _STR
    )


@functools.lru_cache(maxsize=16384)
def _fast_string(text: str) -> bool:
    """Can libyaml emit this string exactly as the reference dumper does?"""
    if len(text) > _MAX_FAST_STRING or text != text.strip() or not text.isprintable():
        return False
    if _UNSAFE_CHAR.search(text):
        return False
    # PyYAML's own 1.1 resolver decides plain vs quoted inside the emitter; it must agree.
    resolved = _PYYAML_RESOLVER.resolve(  # type: ignore[no-untyped-call]
        yaml.ScalarNode, text, (True, False)
    )
    pyyaml_str = resolved == _STR
    return pyyaml_str or not _reads_as_str(text)


def _fast_value(value: Any) -> bool:
    if isinstance(value, dict):
        return all(
            isinstance(k, str) and _fast_string(k) and _fast_value(v) for k, v in value.items()
        )
    if isinstance(value, list):  # a null item is "- " in one emitter and "-" in the other
        return all(v is not None and _fast_value(v) for v in value)
    if isinstance(value, str):
        return _fast_string(value)
    if isinstance(value, float):
        return value == value and abs(value) != float("inf")  # .nan/.inf spellings differ
    return value is None or isinstance(value, bool | int)


def dump_key(key: str, value: Any) -> str | None:
    """`key: value` in block style with "\\n" breaks and a final one, or None (use the reference).

    Block style, two-space mappings, `- ` items flush with their parent key, no line folding
    below 4096 characters, unicode kept as is: the layout of the round-trip dumper in card.py.
    """
    document = {key: value}
    if not _fast_value(document):
        return None
    return _libyaml_dump(document)


def dump_key_checked(key: str, value: Any) -> str | None:
    """Like `dump_key`, but every scalar's text has been parsed back and found equal.

    The usual model-index (mappings and lists of mappings, no empty containers) is laid out
    line by line here, with each distinct scalar written by libyaml once in its context (key,
    mapping value, list item), read back by libyaml, and cached: a plan emits the same metric
    names and dataset ids thousands of times. None for any other shape: use `dump_key` and read
    the whole text back.
    """
    document = {key: value}
    if not _fast_value(document):
        return None
    lines: list[str] = []
    if not _emit_mapping(document, 0, lines):
        return None
    return "\n".join(lines) + "\n"


def _emit_mapping(mapping: dict[str, Any], indent: int, lines: list[str]) -> bool:
    pad = " " * indent
    for key, value in mapping.items():
        key_text = _scalar_text("key", key)
        if key_text is None:
            return False
        if isinstance(value, dict | list):
            if not value:
                return False  # `{}` / `[]`: left to libyaml's own layout
            lines.append(f"{pad}{key_text}:")
            nested = indent + 2 if isinstance(value, dict) else indent  # `- ` flush with the key
            if not _emit(value, nested, lines):
                return False
            continue
        text = _scalar_text("value", value)
        if text is None:
            return False
        lines.append(f"{pad}{key_text}: {text}" if text else f"{pad}{key_text}:")
    return True


def _emit(value: dict[str, Any] | list[Any], indent: int, lines: list[str]) -> bool:
    if isinstance(value, dict):
        return _emit_mapping(value, indent, lines)
    pad = " " * indent
    for item in value:
        if isinstance(item, dict) and item:
            start = len(lines)
            if not _emit_mapping(item, indent + 2, lines):
                return False
            lines[start] = f"{pad}- {lines[start][indent + 2 :]}"
        elif isinstance(item, dict | list):
            return False  # lists of lists and empty items: libyaml's layout
        else:
            text = _scalar_text("item", item)
            if text is None:
                return False
            lines.append(f"{pad}- {text}")
    return True


_SCALARS: dict[tuple[str, type, str], str | None] = {}
_CONTEXTS: dict[str, tuple[Callable[[Any], Any], str, str]] = {
    "key": (lambda v: {v: 1}, "", ": 1\n"),
    "value": (lambda v: {"k": v}, "k:", "\n"),
    "item": (lambda v: [v], "-", "\n"),
}


def _scalar_text(context: str, scalar: Any) -> str | None:
    """How libyaml writes `scalar` as a key, mapping value or list item, checked by reading it
    back; None when the text is not one line or does not read back as the same value."""
    cache_key = (context, type(scalar), repr(scalar))  # repr tells 0.0 from -0.0
    if cache_key in _SCALARS:
        return _SCALARS[cache_key]
    wrap, prefix, suffix = _CONTEXTS[context]
    document = wrap(scalar)
    text = _libyaml_dump(document)
    found: str | None = None
    if text.startswith(prefix) and text.endswith(suffix) and text.count("\n") == 1:
        found = text[len(prefix) : len(text) - len(suffix)]
        if context != "key":
            found = found.removeprefix(" ")
        try:
            if not same_value(read_back(text), document):
                found = None
        except READ_BACK_ERRORS:
            found = None
    if len(_SCALARS) > 100_000:  # bound the memory of a very long run
        _SCALARS.clear()
    _SCALARS[cache_key] = found
    return found


def same_value(left: Any, right: Any) -> bool:
    """Equality that also holds for NaN and tells 1 from 1.0 from True, and 0.0 from -0.0."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(same_value(left[k], right[k]) for k in left)
    if isinstance(left, list | tuple):
        return len(left) == len(right) and all(map(same_value, left, right))
    if isinstance(left, float):
        return math.isnan(right) if math.isnan(left) else repr(left) == repr(right)
    return bool(left == right)


def _libyaml_dump(document: Any) -> str:
    text: str = yaml.dump(
        document,
        Dumper=_Dumper,
        allow_unicode=True,
        width=4096,
        sort_keys=False,
        default_flow_style=False,
    )
    return text
