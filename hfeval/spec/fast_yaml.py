"""Reading a spec file with libyaml's C parser, when that is sure to agree with ruamel.

ruamel.yaml's round-trip loader (pure Python) is what spec loading has always used: YAML 1.2
typing, duplicate keys rejected, and a position for every key, which error messages need. It costs
about 1.2 ms per small spec file; libyaml through PyYAML's `CSafeLoader` about 0.06 ms. PyYAML
types plain scalars by YAML 1.1 rules, though (`yes` is true, `0o17` a string, `1e3` a string),
so this reader only answers when both rule sets give the same value:

- plain scalars typed alike in 1.1 and 1.2 (true/false, null, `42`, `-1.5`) get that type;
- any other plain scalar that either library would type as non-string (numbers with
  exponents, underscores or leading zeros, dates, `yes`/`no`/`on`/`off`, `<<`, `=`) declines;
- tags, anchors, aliases and directives decline, and so does a mapping with a repeated key
  (which ruamel rejects and PyYAML lets the last one win).

Declining returns None; the caller then reads the file with ruamel as before, so every message
about a bad spec, and every spec libyaml might read differently, goes through the old path.
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


def _typing_patterns() -> tuple[re.Pattern[str], ...]:
    """Every implicit-typing pattern of PyYAML (1.1) and of ruamel for YAML 1.2."""
    pyyaml = [
        regexp for resolvers in yaml.SafeLoader.yaml_implicit_resolvers.values()
        for _tag, regexp in resolvers
    ]  # fmt: skip
    ruamel = [regexp for versions, _tag, regexp, _first in _ruamel_resolvers if (1, 2) in versions]
    return tuple(dict.fromkeys([*pyyaml, *ruamel]))


_TYPED = _typing_patterns()


class _Declined(Exception):
    """The file uses something this reader does not type exactly as ruamel does."""


class _AgreeingResolver(yaml.resolver.BaseResolver):
    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:  # a plain scalar: typed by its text
            for pattern, tag in _AGREED:
                if pattern.match(value):
                    return tag
            if any(pattern.match(value) for pattern in _TYPED):
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


def read_mapping(text: str) -> FastDocument | None:
    """The document when it is a mapping libyaml reads exactly as ruamel would, else None."""
    if _Parser is None or _UNSUPPORTED.search(text):
        return None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if not isinstance(root, yaml.MappingNode):
            return None
        return FastDocument(loader.construct_document(root), root)
    except (_Declined, yaml.YAMLError, TypeError, ValueError, RecursionError):
        return None
    finally:
        loader.dispose()
