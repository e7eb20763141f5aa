"""Cell text: removing markdown/HTML markup, normalising labels, and reading score values."""

from __future__ import annotations

import functools
import html
import math
import re
import unicodedata
from dataclasses import dataclass

_BR = re.compile(r"<br\s*/?>|</?nobr>|</p>|<p\b[^>]*>", re.IGNORECASE)
_SUP = re.compile(r"<sup\b[^>]*>(.*?)</sup>", re.IGNORECASE | re.DOTALL)
_SUB = re.compile(r"<sub\b[^>]*>(.*?)</sub>", re.IGNORECASE | re.DOTALL)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~^&])")
_STRONG = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(
    r"~~(.+?)~~|<(?:s|del|strike)\b[^>]*>(.*?)</(?:s|del|strike)>", re.IGNORECASE | re.DOTALL
)
_SPACES = re.compile(r"\s+")
# Marks authors hang on names and values to point at a footnote, and the notes that single out
# the card's own model (`(ours)`, `(this model)`).
_FOOTNOTE_TAIL = re.compile(
    r"(?:\s*(?:[*†‡§^✱▲¹²³⁴⁵⁶⁷⁸⁹⁰]+|\((?:ours|this\s+model|our\s+model|[*†‡§✱▲]+)\)|\[\d+\]))+$",
    re.IGNORECASE,
)
# Superscript digits after `·10` or `×10` are an exponent (`1.8·10²³` FLOPs), not a footnote.
_EXPONENT = re.compile(r"\d\s*[·×xX*]\s*10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$")
# The same marks inside a label, just before a closing bracket or a space: `acc. (std*)`.
_FOOTNOTE_INNER = re.compile(r"(?<=[\w.])[*†‡]+(?=[)\],]|\s)")
# Private stand-ins for escaped characters, so emphasis stripping leaves them alone.
_ESCAPE_BASE = 0xE000


# Characters that can start markup, an entity, an escape or a footnote mark; a cell without any
# of them only needs its spacing normalised, which keeps huge documents fast.
_MARKUP_HINT = re.compile(r"[*_\[\]<>&`\\~!^†‡§✱▲¹²³⁴⁵⁶⁷⁸⁹⁰(\u00a0]")


@functools.lru_cache(maxsize=65536)
def clean_cell(raw: str) -> str:
    """The readable text of a cell: markup, footnote marks and extra spacing removed."""
    if not _MARKUP_HINT.search(raw):
        return " ".join(raw.split())
    text = _COMMENT.sub("", raw)
    text = _strip_struck(text)
    text = _BR.sub(" ", text)
    text = _strip_sup(text)
    text = _SUB.sub(lambda match: " " + match.group(1), text)
    text = _IMG.sub("", text)
    text = _TAG.sub("", text)
    text = _ESCAPED.sub(lambda match: chr(_ESCAPE_BASE + ord(match.group(1))), text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(lambda match: match.group(1), text)
    text = _MD_REF_LINK.sub(lambda match: match.group(1), text)
    text = text.replace("`", "")
    text = _STRONG.sub("", text)
    text = _EM_STAR.sub(lambda match: match.group(1), text)
    text = _EM_UNDERSCORE.sub(lambda match: match.group(1), text)
    if "\\" in raw:
        text = "".join(_unescape_char(char) for char in text)
    text = html.unescape(text)
    text = _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
    text = _FOOTNOTE_INNER.sub("", text)
    if _EXPONENT.search(text):
        return text
    return _FOOTNOTE_TAIL.sub("", text).strip()


def _unescape_char(char: str) -> str:
    code = ord(char)
    return chr(code - _ESCAPE_BASE) if _ESCAPE_BASE <= code < _ESCAPE_BASE + 128 else char


def _strip_struck(text: str) -> str:
    """Drop struck-out text (a corrected value), unless it is all the cell holds."""
    if not _STRIKE.search(text):
        return text
    remaining = _STRIKE.sub("", text)
    if _TAG.sub("", remaining).strip():
        return remaining
    return _STRIKE.sub(lambda match: match.group(1) or match.group(2) or "", text)


# A `<sup>` its author never closed (`Nova-7B<sup>(🤗🤖)`): the rest of the cell is the note.
_UNCLOSED_SUP = re.compile(r"<sup\b[^>]*>(?:(?!</sup>).)*$", re.IGNORECASE | re.DOTALL)


def _strip_sup(text: str) -> str:
    """Drop `<sup>` footnotes, but keep the content when a cell is nothing but superscript."""
    unclosed = _UNCLOSED_SUP.search(text)
    if unclosed and _TAG.sub("", text[: unclosed.start()]).strip():
        text = text[: unclosed.start()]
    if not _SUP.search(text):
        return text
    outside = _TAG.sub("", _SUP.sub("", text)).strip()
    if outside:
        return _SUP.sub("", text)
    return _SUP.sub(lambda match: match.group(1), text)


def _is_decoration(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("So", "Sk", "Cf", "Mn", "Me") or char in "↑↓⬆⬇←→🔥"


def _without_emoji_group(text: str) -> str:
    """`Nova-7B (🤗🤖)` -> `Nova-7B`: a trailing bracket of nothing but emoji decorates."""
    stripped = text.rstrip()
    if not stripped.endswith(")") or "(" not in stripped:
        return text
    opening = stripped.rindex("(")
    inside = stripped[opening + 1 : -1]
    if inside.strip() and all(_is_decoration(char) or char.isspace() for char in inside):
        return stripped[:opening].rstrip()
    return text


def label_text(text: str) -> str:
    """A label without the emoji, arrows and footnote marks decorating either end."""
    text = _without_emoji_group(text)
    start, end = 0, len(text)
    while start < end and (_is_decoration(text[start]) or text[start].isspace()):
        start += 1
    while end > start and (_is_decoration(text[end - 1]) or text[end - 1].isspace()):
        end -= 1
    trimmed = text[start:end]
    stripped = _FOOTNOTE_TAIL.sub("", trimmed).strip()
    return stripped if stripped != trimmed else trimmed


@functools.lru_cache(maxsize=8192)  # pure; the same labels recur in every table and every card
def match_key(text: str) -> str:
    """The form two labels are compared in: no markup, case, spacing or decoration."""
    cleaned = label_text(clean_cell(text))
    return "".join(cleaned.casefold().split())


@dataclass(frozen=True)
class NotAScore:
    """Why a cell's text is not a score; `looked_like_score` marks numbers we chose not to take."""

    reason: str
    looked_like_score: bool = False
    placeholder: bool = False


_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"
_TAIL = r"(?:\s*(?:(?:±|\+/-|\+-)\s*(?:" + _NUMBER + r")\s*%?|\([^()]*\)|\[[^\[\]]*\]))*"
_VALUE = re.compile(r"^(" + _NUMBER + r")\s*(%?)" + _TAIL + r"$")
_COMPOSITE = re.compile(
    r"^(?:" + _NUMBER + r")\s*%?\s*/\s*(?:(?:" + _NUMBER + r")\s*%?|[-—–]+|N/?A)"
    r"(?:\s*/\s*(?:(?:" + _NUMBER + r")\s*%?|[-—–]+))*$",
    re.IGNORECASE,
)
_SIZE = re.compile(
    r"^[<>~≈]?\s*\d+(?:[.,]\d+)?\s*(?:[KMBTG]|GB|MB|TB|KB|k|m|b|million|billion|trillion)"
    r"(?![A-Za-z0-9])",
)
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")
# A year-month(-day) written with dashes or slashes; "2023.9" reads as a number and is left to
# the column header (a Date column is a setting).
_DATE = re.compile(r"^(?:19|20)\d{2}[-/](?:0?[1-9]|1[0-2])(?:[-/]\d{1,2})?$")
_APPROX = re.compile(r"^[~≈]\s*\d")
_PLACEHOLDERS = frozenset(
    {"", "n/a", "na", "n.a.", "?", "??", "???", "/", "none", "null", "nan", "inf", "-inf", "x"}
)
_DASHES = re.compile(r"^[-—–−_]+$")
_CHECK_MARKS = frozenset("✓✔✗✘✅❌☑☒✖")


@functools.lru_cache(maxsize=65536)  # pure; a cell is asked about by several readers of a table
def parse_value(text: str) -> float | NotAScore:
    """The score a cleaned cell prints (`69.7%` -> 69.7), or why it is not one."""
    stripped = text.strip()
    if stripped and (ord(stripped[-1]) > 127 or ord(stripped[0]) >= _EMOJI_START):
        # A medal, flame or arrow after the best value (`85.2 🏆`, `62.1↑`), or an emoji
        # before it, decorates it. An arrow before a number is left alone: it marks a change.
        stripped = _without_marks(stripped) or stripped
    if "\u2212" in stripped:
        stripped = _UNICODE_MINUS.sub("-", stripped)
    lowered = stripped.casefold()
    if not stripped:
        return NotAScore("empty cell", placeholder=True)
    if lowered in _PLACEHOLDERS or _DASHES.match(stripped):
        return NotAScore(f"placeholder '{stripped}'", placeholder=True)
    if _DATE.match(stripped):
        return NotAScore(f"not a score: date '{stripped}'")
    match = _VALUE.match(stripped)
    if match:
        value = float(match.group(1).replace(",", ""))
        if not math.isfinite(value):
            return NotAScore(f"not a finite number '{stripped}'")
        return value
    if _COMPOSITE.match(stripped):
        return NotAScore(f"composite value '{stripped}'", looked_like_score=True)
    if _SCIENTIFIC.match(stripped):
        return NotAScore(f"not a score: scientific notation '{stripped}'", looked_like_score=True)
    if _SIZE.match(stripped):
        return NotAScore(f"not a score: size '{stripped}'")
    if _APPROX.match(stripped):
        return NotAScore(f"not a score: approximate '{stripped}'", looked_like_score=True)
    if stripped and all(char in _CHECK_MARKS or char.isspace() for char in stripped):
        return NotAScore(f"not a score: check mark '{stripped}'")
    if re.match(r"^[+-]?\d", stripped):
        return NotAScore(f"not a score: number with text '{stripped}'", looked_like_score=True)
    return NotAScore(f"not a score: text '{stripped}'")


_UNICODE_MINUS = re.compile(r"\u2212(?=[\d.])")


_EMOJI_START = 0x1F000


def _without_marks(text: str) -> str:
    """The text without emoji and arrows at its end and emoji at its start.

    Check marks are kept: they mean yes or no, and a number beside one is not a plain score.
    """
    start, end = 0, len(text)
    while end > start and (
        text[end - 1].isspace()
        or (_is_decoration(text[end - 1]) and text[end - 1] not in _CHECK_MARKS)
    ):
        end -= 1
    while start < end and (
        text[start].isspace() or ord(text[start]) >= _EMOJI_START or text[start] == "\ufe0f"
    ):
        start += 1
    return text[start:end]


def is_number(text: str) -> bool:
    """Whether a cleaned cell reads as a score."""
    return isinstance(parse_value(text), float)


def looks_like_result(text: str) -> bool:
    """Whether a cleaned cell is a score or a result made of numbers (`54.0/56.9`, `6e-4`,
    `1.6 | 3.4`).

    Numbers run into text (`8_0`, `1.8·10²³`) are not counted: they are as often names.
    """
    parsed = parse_value(text)
    if isinstance(parsed, float) or parsed.reason.startswith(_RESULT_REASONS):
        return True
    return packed_parts(text) is not None


def packed_parts(text: str) -> list[str] | None:
    """The parts of a cell packing several results (`1.6 | 3.4`, `18.6 | - | 33.1`), else None.

    Every part is a number or a placeholder, and at least one is a number.
    """
    if "|" not in text:
        return None
    parts = [part.strip() for part in text.split("|")]
    if len(parts) < 2 or not all(is_number(part) or is_placeholder(part) for part in parts):
        return None
    return parts if any(is_number(part) for part in parts) else None


_RESULT_REASONS = ("composite value", "not a score: scientific", "not a score: approximate")


def is_placeholder(text: str) -> bool:
    """Whether a cleaned cell is an empty or 'no value' marker."""
    parsed = parse_value(text)
    return isinstance(parsed, NotAScore) and parsed.placeholder
