"""Model card front matter: split a README, read its keys, and rewrite one key byte-stably.

`set_key` rewrites only the lines of the one top-level key it changes. Everything else in the
README (the body, other keys, comments, key order, quoting, blank lines, line endings) stays
byte-for-byte as it was. A key's span runs from its own line to the next top-level key, minus
the blank lines and column-0 comments just above that key (they introduce the next key).

When the front matter cannot be spliced line-wise (flow style such as `{a: 1}`, merge keys,
indented or multi-line keys, or a splice that would change another key's value, for instance by
cutting an anchor that another key aliases), the front matter alone is re-dumped by ruamel.yaml
in round-trip mode: comments and key order survive, exact formatting may not, the body is never
touched. Every rewrite is parsed back and checked before it is returned: for the usual card
(read by the C safe loader, no anchors) the new key's scalars are each read back by libyaml as
`card_yaml` lays them out and the other lines are untouched bytes; otherwise the whole front
matter is loaded again and compared key by key.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from hfeval.card_ruamel import (
    dump_block_key as _dump_key,
    dump_block_key_checked as _dump_key_checked,
    key_lines as _key_lines,
    load_round_trip as _load,
    loads_as as _loads_as,
    plain as _plain,
    redump as _redump,
    to_yaml_input as _to_yaml_input,
)
from hfeval.card_yaml import (
    READ_BACK_ERRORS,
    load_front_matter,
    read_back,
    safe_load,
    same_value as _same,
)
from hfeval.errors import CardError

# The Hub's own split (huggingface_hub REGEX_YAML_BLOCK); body bytes after group 3 are never read.
_FRONT_MATTER = re.compile(r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))")
# "---\n---\n" has no room for the Hub regex's two newlines; treat it as an empty front matter.
# A block scalar header (`key: |`, `- >-`, `|2+ # note`) ending a line.
_BLOCK_SCALAR_HEADER = re.compile(r"[:\-]\s+[|>][0-9+\-]*[ \t]*(?:#.*)?$", re.MULTILINE)
# A line that starts a top-level entry of the front matter's mapping.
_TOP_LEVEL_LINE = re.compile(r"^[^\s#]", re.MULTILINE)
_EMPTY_FRONT_MATTER = re.compile(r"^(\s*---)(\r\n|\r|\n)(---[ \t]*(?:\r\n|\n|$))")
# The line breaks ruamel.yaml counts when it reports line numbers.
_LINE = re.compile(r"[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029]|$)")
_FINAL_BREAK = re.compile(r"(?:\r\n|[\r\n\x85\u2028\u2029])\Z")
_TRAILING_BLANK = re.compile(r"(?:[ \t]*(?:\r\n|\r|\n))*[ \t]*\Z")


@dataclass(frozen=True)
class _Parts:
    head: str
    front_matter: str
    tail: str
    body: str


@dataclass(frozen=True)
class Card:
    """A README as text, with its front matter parsed once."""

    text: str
    """The full original README text."""
    has_front_matter: bool
    where: str = "README.md"
    """Where the README came from (repo id or file), for error messages."""
    _data: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # 0-based line of each top-level key, in order; None when the layout cannot be spliced.
    _key_lines: tuple[int, ...] | None = field(default=(), repr=False, compare=False)
    # True when `_data` is exactly what the safe loader reads, so a rewrite's check can reuse it.
    _safe_data: bool = field(default=False, repr=False, compare=False)

    def get(self, key: str) -> Any:
        """A top-level front matter value as plain Python (dict/list/scalars), or None."""
        return copy.deepcopy(self._data.get(key))

    def metadata(self) -> dict[str, Any]:
        """A plain Python copy of the whole front matter."""
        return copy.deepcopy(self._data)


def parse_card(text: str, *, where: str) -> Card:
    """Split and parse a README; raise CardError for invalid YAML or a non-mapping front matter."""
    parts = _split(text)
    if parts is None:
        return Card(text=text, has_front_matter=False, where=where)
    fast = load_front_matter(parts.front_matter)
    if fast is not None:
        return Card(text, True, where, fast.data, fast.key_lines, _safe_data=True)
    data = _load(parts.front_matter, where=where, first_line=_line_count(parts.head) + 1)
    if data is None:
        return Card(text=text, has_front_matter=True, where=where)
    if not isinstance(data, CommentedMap):
        raise CardError(
            "the front matter is not a mapping of keys to values",
            where=f"{where}:{_line_count(parts.head) + 1}",
            hint="fix the YAML between the --- lines at the top of the README",
        )
    return Card(
        text=text,
        has_front_matter=True,
        where=where,
        _data=_plain(data),
        _key_lines=_key_lines(data),
    )


def set_key(card: Card, key: str, value: Any | None) -> str:
    """The README text with top-level `key` set to `value` (None removes the key)."""
    parts = _split(card.text)
    if parts is None:
        if value is None:
            return card.text
        # The Hub's closing fence must end in LF or CRLF: a lone-CR text gets an LF header
        # (found by fuzzing).
        newline = _newline_of(card.text)
        newline = "\n" if newline == "\r" else newline
        return f"---{newline}{_dump_key(key, value, newline)}{newline}---{newline}{card.text}"
    if value is None and key not in card._data:
        return card.text
    newline = _newline_of(parts.head)
    dumped, checked = (None, False) if value is None else _dump_key_checked(key, value, newline)
    spliced = _splice(parts.front_matter, card, key, dumped, newline)
    if spliced is not None and _splice_reads_back(
        card, parts.front_matter, key, value, dumped, checked=checked
    ):
        return parts.head + spliced + parts.tail + parts.body
    expected = _expected(card, key, value)
    known = card._data if card._safe_data else None
    if spliced is not None and _splice_verified(
        parts.front_matter, spliced, key, value, expected, before=known
    ):
        return parts.head + spliced + parts.tail + parts.body
    redumped = _redump(parts.front_matter, key, value, newline)
    if redumped is not None and _loads_as(redumped, expected):
        return parts.head + redumped + parts.tail + parts.body
    raise CardError(
        f'cannot rewrite "{key}" in the front matter without changing other keys',
        where=card.where,
        hint="simplify the README's YAML front matter (anchors, merge keys) and retry",
    )


def _split(text: str) -> _Parts | None:
    match = _FRONT_MATTER.match(text)
    # On "---\r\n---\r\n" the Hub regex matches by splitting the CRLF in two; read it as empty.
    split_crlf = match is not None and match[1].endswith("\r") and match[3].startswith("\n")
    if match is not None and not split_crlf:
        return _Parts(match[1], match[2], match[3], text[match.end() :])
    empty = _EMPTY_FRONT_MATTER.match(text)
    if empty is not None:
        return _Parts(empty[1] + empty[2], "", empty[2] + empty[3], text[empty.end() :])
    return None


def _newline_of(text: str) -> str:
    match = re.search(r"\r\n|\r|\n", text)
    return match.group() if match else "\n"


def _line_count(text: str) -> int:
    return len(re.findall(r"\r\n|\r|\n", text))


def _lines(text: str) -> list[str]:
    lines = _LINE.findall(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def _splice(
    front_matter: str, card: Card, key: str, dumped: str | None, newline: str
) -> str | None:
    """Put `dumped` (None: nothing) in place of `key`'s lines; None when the layout does not
    allow it."""
    if not front_matter.strip():
        return dumped if dumped is not None else front_matter
    if card._key_lines is None:
        return None
    lines = _lines(front_matter)
    keys = list(card._data)
    if key not in card._data:
        if dumped is None:
            return front_matter
        trailing = _TRAILING_BLANK.search(front_matter)
        cut = trailing.start() if trailing else len(front_matter)
        core = front_matter[:cut]
        return f"{core}{newline if core else ''}{dumped}{front_matter[cut:]}"
    index = keys.index(key)
    start = card._key_lines[index]
    end = card._key_lines[index + 1] if index + 1 < len(keys) else len(lines)
    while end > start + 1 and _introduces_next_key(lines[end - 1]):
        end -= 1
    before, after = "".join(lines[:start]), "".join(lines[end:])
    ending = lines[end - 1][len(lines[end - 1].rstrip("\r\n\x85\u2028\u2029")) :]
    if dumped is None:
        if not after:  # the key was last: its line break must not dangle before the fence
            before = _FINAL_BREAK.sub("", before)
        return before + after
    return before + dumped + ending + after


def _introduces_next_key(line: str) -> bool:
    return not line.strip() or line.startswith("#")


def _expected(card: Card, key: str, value: Any | None) -> list[tuple[str, Any]]:
    """The (key, plain value) pairs, in order, that the rewritten front matter must hold."""
    items = list(card._data.items())
    if value is None:
        return [(k, v) for k, v in items if k != key]
    plain_value = _plain(_to_yaml_input(value))
    if key in card._data:
        return [(k, plain_value if k == key else v) for k, v in items]
    return [*items, (key, plain_value)]


def _splice_reads_back(
    card: Card,
    original: str,
    key: str,
    value: Any | None,
    dumped: str | None,
    *,
    checked: bool = False,
) -> bool:
    """The cheap check of a splice: the new lines alone read back as `value`.

    That is enough when the card was read by the safe loader (block mapping, plain keys at
    column 0, no merge keys) and holds no anchor or alias: the other keys' lines are then kept
    byte for byte and cannot change meaning. Anything else takes `_splice_verified`. `checked`
    says the new lines were laid out from scalars each already read back (`dump_key_checked`).
    """
    if dumped is None or not card._safe_data or "&" in original or "*" in original:
        return False
    if _ends_in_block_scalar(original) or _DOCUMENT_MARKER.search(original):
        return False
    if checked:
        return True
    try:
        read = read_back(dumped)
    except READ_BACK_ERRORS:
        return False
    return isinstance(read, dict) and _same(read, {key: _plain(_to_yaml_input(value))})


# A document end (`...`) or start (`---`) inside the front matter: a key spliced in after it
# would start a second document (found by fuzzing), so such cards take the full comparison.
_DOCUMENT_MARKER = re.compile(r"^(?:\.\.\.|---)(?:[ \t]|$)", re.MULTILINE)


def _ends_in_block_scalar(front_matter: str) -> bool:
    """Does the last top-level entry hold a block scalar (`k: |`)?

    The front matter ends without a line break, so such a scalar's value has no final newline;
    a key spliced in after it adds one and changes the value (`"a"` becomes `"a\\n"`, found by
    fuzzing). The cheap check cannot see that, so these cards take the full comparison.
    """
    starts = [match.start() for match in _TOP_LEVEL_LINE.finditer(front_matter)]
    last_entry = front_matter[starts[-1] :] if starts else front_matter
    return _BLOCK_SCALAR_HEADER.search(last_entry) is not None


def _splice_verified(
    original: str,
    spliced: str,
    key: str,
    value: Any | None,
    expected: list[tuple[str, Any]],
    *,
    before: dict[str, Any] | None = None,
) -> bool:
    """Does `spliced` hold exactly the original keys with `key` set to `value`?

    Both texts are read by the same safe loader (libyaml's C parser with YAML 1.2 resolution
    when ruamel.yaml.clib is installed, several times faster than a round-trip load), so every
    untouched key compares equal by construction and only the new value needs checking. A front
    matter the safe loader refuses (custom tags) is checked by the round-trip loader instead.
    `before` is the original as the safe loader read it, when the caller has it already.
    """
    if before is None:
        try:
            before = safe_load(original) if original.strip() else {}
        except YAMLError:
            return _loads_as(spliced, expected)
    try:
        after = safe_load(spliced) if spliced.strip() else {}
    except YAMLError:
        return False
    if not isinstance(before, dict) or not isinstance(after, dict):
        return _loads_as(spliced, expected)
    wanted = dict(before)
    if value is None:
        wanted.pop(key, None)
    else:
        wanted[key] = _plain(_to_yaml_input(value))
    return _same(list(after.items()), list(wanted.items()))
