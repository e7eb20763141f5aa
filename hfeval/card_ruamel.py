"""The ruamel.yaml round-trip side of `card.py`: loading a front matter with its line marks,
the representer that writes scalars YAML 1.1 and 1.2 read alike, dumping one key, re-dumping a
whole front matter with one key changed, and turning round-trip nodes into plain Python.

`card.py` takes the libyaml paths (`card_yaml.py`) first and comes here when they cannot
answer; `card.py` owns the splice and its checks.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarbool import ScalarBoolean

from hfeval.card_yaml import dump_key, dump_key_checked, same_value as _same
from hfeval.errors import CardError

_YAML_11 = VersionedResolver(version=(1, 1))


def round_trip_yaml() -> YAML:
    """A ruamel.yaml round-trip instance laid out as the Hub writes cards."""
    yaml = YAML(typ="rt")
    yaml.Representer = _CardRepresenter
    yaml.width = 4096  # long strings stay on one line instead of being folded
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=2, offset=0)  # the Hub's style: "- name:" under "key:"
    # A redefined anchor is valid YAML; ruamel would warn about it on stderr (found by fuzzing).
    yaml.composer.warn_double_anchors = False
    return yaml


def load_round_trip(front_matter: str, *, where: str, first_line: int) -> Any:
    """The front matter as round-trip nodes; CardError at `where`:line for invalid YAML."""
    try:
        return round_trip_yaml().load(front_matter)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark is not None else 0)
        raise CardError(
            f"invalid YAML in the front matter: {error.problem or error.context}",
            where=f"{where}:{line}",
            hint="fix the YAML between the --- lines at the top of the README",
        ) from error
    except YAMLError as error:
        raise CardError(f"invalid YAML in the front matter: {error}", where=where) from error


_UNICODE_LINE_BREAKS = frozenset("\x85\u2028\u2029")


class _CardRepresenter(RoundTripRepresenter):
    """Writes scalars that YAML 1.2 (the Hub) and YAML 1.1 (PyYAML in huggingface_hub) both
    read back with the same type."""

    def represent_str(self, data: str) -> Any:
        if any(char in _UNICODE_LINE_BREAKS for char in data):
            # Plain or single-quoted, NEL/LS/PS would be read back as line folds (found by
            # fuzzing); double quotes escape them.
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        if _YAML_11.resolve(ScalarNode, data, (True, False)) != "tag:yaml.org,2002:str":
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="'")
        return super().represent_str(data)

    def represent_float(self, data: float) -> Any:
        mantissa, _, exponent = repr(data).partition("e")
        if exponent and "." not in mantissa:  # YAML 1.1 reads "1e-05" as a string
            return self.represent_scalar("tag:yaml.org,2002:float", f"{mantissa}.0e{exponent}")
        return super().represent_float(data)


_CardRepresenter.add_representer(str, _CardRepresenter.represent_str)
_CardRepresenter.add_representer(float, _CardRepresenter.represent_float)


def dump_block_key(key: str, value: Any, newline: str) -> str:
    """`key: value` in block style, without a final line break."""
    return dump_block_key_checked(key, value, newline)[0]


def dump_block_key_checked(key: str, value: Any, newline: str) -> tuple[str, bool]:
    """`dump_block_key`, and whether every scalar of the text was already read back and checked."""
    plain = to_yaml_input(value)
    text = dump_key_checked(key, plain)  # line by line, each scalar checked once per run
    checked = text is not None
    if text is None:
        text = dump_key(key, plain)  # libyaml, for the values it emits exactly as ruamel does
    if text is None:
        stream = io.StringIO()
        round_trip_yaml().dump({key: plain}, stream)
        text = stream.getvalue()
    return text.removesuffix("\n").replace("\n", newline), checked


def to_yaml_input(value: Any) -> Any:
    """`value` with string keys and tuples as lists, as the dumpers take it."""
    if isinstance(value, dict):
        return {str(k): to_yaml_input(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_yaml_input(v) for v in value]
    return value


def key_lines(data: CommentedMap) -> tuple[int, ...] | None:
    """Where each top-level key starts, if every key sits alone at column 0 of its own line."""
    if data.fa.flow_style() or data.merge:
        return None
    positions = [data.lc.key(k) for k in data]
    lines = tuple(line for line, _ in positions)
    spliceable = (
        all(isinstance(k, str) for k in data)
        and all(column == 0 for _, column in positions)
        and list(lines) == sorted(set(lines))
    )
    return lines if spliceable else None


def redump(front_matter: str, key: str, value: Any | None, newline: str) -> str | None:
    """Round-trip the whole front matter through ruamel.yaml with `key` changed."""
    yaml = round_trip_yaml()
    yaml.preserve_quotes = True
    data = yaml.load(front_matter)
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        return None
    data.fa.set_block_style()
    if value is None:
        data.pop(key, None)
    else:
        data[key] = to_yaml_input(value)
    if not data:
        return ""
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue().removesuffix("\n").replace("\n", newline)


def loads_as(front_matter: str, expected: list[tuple[str, Any]]) -> bool:
    """Does the round-trip loader read `front_matter` as exactly the `expected` pairs?"""
    try:
        data = round_trip_yaml().load(front_matter)
    except YAMLError:
        return False
    if data is None:
        return not expected
    return isinstance(data, CommentedMap) and _same(list(plain(data).items()), expected)


def plain(node: Any) -> Any:
    """ruamel's round-trip types (CommentedMap, ScalarFloat, TimeStamp...) as plain Python."""
    if isinstance(node, dict):
        return {plain(k): plain(v) for k, v in node.items()}
    if isinstance(node, list | CommentedSeq):
        return [plain(v) for v in node]
    if isinstance(node, ScalarBoolean):  # an anchored boolean; it subclasses int, not bool
        return bool(node)
    for plain_type in (bool, int, float, str):
        if isinstance(node, plain_type):
            return plain_type(node)
    if isinstance(node, datetime.datetime):
        return datetime.datetime.fromisoformat(node.isoformat())
    return node
