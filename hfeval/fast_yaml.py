"""Reading YAML with libyaml through PyYAML, when that is sure to agree with ruamel.yaml.

Spec files and card front matter are read by ruamel.yaml: YAML 1.2 typing, duplicate keys
rejected, and positions for messages. Its round-trip loader costs about 1.2 ms per small spec
file, and its C-backed safe loader still builds every value in Python (about 1.2 ms per card
front matter); PyYAML's C loader takes 0.06 ms and 0.3 ms. PyYAML types plain scalars by YAML 1.1
rules, though (`yes` is true, `0o17` a string, `1e3` a string), so this reader only answers when
both rule sets give the same value:

- plain scalars typed alike in 1.1 and 1.2 (true/false, null, `42`, `-1.5`) get that type;
- any other plain scalar that either library would type as non-string (numbers with
  exponents, underscores or leading zeros, dates, `yes`/`no`/`on`/`off`, `<<`, `=`) declines;
- tags, anchors, aliases and directives decline, and so does a mapping with a repeated key
  (which ruamel rejects and PyYAML lets the last one win).

Declining returns None; the caller then reads the text with ruamel as before, so every message
about a bad spec or card, and every text libyaml might read differently, goes through the old
path. Users: `spec/loader.py` (spec files) and `card_yaml.py` (front matter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml.resolver import implicit_resolvers as _ruamel_resolvers

_TAG = "tag:yaml.org,2002:"
_DECLINE = "tag:hfeval,2026:decline"
# Scalars typed the same way by YAML 1.1 (PyYAML) and YAML 1.2 (ruamel), with their tags.
_AGREED = (
    (re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), _TAG + "bool"),
    (re.compile(r"^(?:~|null|Null|NULL|)$"), _TAG + "null"),
    (re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), _TAG + "int"),
    (re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$"), _TAG + "float"),
)
# Indicators of tags, anchors and aliases at the start of a token, directives, and the characters
# YAML 1.1 reads as line breaks (and a byte-order mark inside the text), where 1.2 does not.
_UNSUPPORTED = re.compile(r"(?:^|[\s\[{,])[!&*]|^%|[\x85\u2028\u2029\ufeff]", re.MULTILINE)


def _typing_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Every implicit-typing pattern of PyYAML (1.1) and of ruamel for YAML 1.2, by the first
    characters they can match (a scalar starting otherwise is a string to both)."""
    by_first: dict[str, list[re.Pattern[str]]] = {}
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
        by_first.setdefault(first or "", []).extend(regexp for _tag, regexp in resolvers)
    for versions, _tag, regexp, firsts in _ruamel_resolvers:
        if (1, 2) in versions:  # ruamel's RegExp compiles lazily, behind a slow proxy
            compiled = re.compile(regexp.pattern, regexp.flags)
            for first in firsts:
                by_first.setdefault(first, []).append(compiled)
    return {first: tuple(patterns) for first, patterns in by_first.items()}


_TYPED = _typing_patterns()


class _Declined(Exception):
    """The file uses something this reader does not type exactly as ruamel does."""


class _AgreeingResolver(yaml.resolver.BaseResolver):
    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:  # a plain scalar: typed by its text
            typed = _TYPED.get(value[:1])
            if typed is None:
                return _TAG + "str"
            for pattern, tag in _AGREED:
                if pattern.match(value):
                    return tag
            if any(pattern.match(value) for pattern in typed):
                return _DECLINE
            return _TAG + "str"
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


class _AgreeingConstructor(yaml.constructor.SafeConstructor):
    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):  # a repeated key: ruamel reports it as an error
            raise _Declined
        return mapping

    def construct_undefined(self, node: Any) -> Any:
        raise _Declined


_AgreeingConstructor.add_constructor(_DECLINE, _AgreeingConstructor.construct_undefined)  # type: ignore[type-var]
_AgreeingConstructor.add_constructor(None, _AgreeingConstructor.construct_undefined)  # type: ignore[type-var]

# libyaml's parser, when PyYAML was built with it (every wheel is); without it, ruamel reads all.
_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader).__mro__[1]
_Parser = _Parser if _Parser.__name__ == "CParser" else None


@dataclass(frozen=True)
class FastDocument:
    """A YAML document read by libyaml: its data, and the composed nodes for positions."""

    data: Any
    root: Any

    def key_line(self, key: str) -> int | None:
        """1-based line of `key` in the top-level mapping."""
        for key_node, _value in self.root.value:
            if key_node.value == key:
                return int(key_node.start_mark.line) + 1
        return None

    def item_lines(self, key: str) -> tuple[int, ...]:
        """1-based line of each item of the sequence under top-level `key`."""
        for key_node, value in self.root.value:
            if key_node.value == key and isinstance(value, yaml.SequenceNode):
                return tuple(int(item.start_mark.line) + 1 for item in value.value)
        return ()


if _Parser is not None:

    class _Loader(_Parser, _AgreeingConstructor, _AgreeingResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _AgreeingConstructor.__init__(self)
            _AgreeingResolver.__init__(self)


def read_document(text: str) -> FastDocument | None:
    """The one document of `text` when libyaml reads it exactly as ruamel would, else None."""
    if _Parser is None or _UNSUPPORTED.search(text):
        return None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        return FastDocument(loader.construct_document(root), root)
    except (_Declined, yaml.YAMLError, TypeError, ValueError, RecursionError):
        return None
    finally:
        loader.dispose()


def read_mapping(text: str) -> FastDocument | None:
    """`read_document`, when the document is a mapping."""
    document = read_document(text)
    return (
        document if document is not None and isinstance(document.root, yaml.MappingNode) else None
    )
