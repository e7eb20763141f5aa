"""Label normalisation: turn a benchmark label as printed in a card into comparable keys.

Three steps, all pure: `clean_label` removes markup and footnote marks but keeps the words;
`strip_qualifier` removes one trailing setting such as "(5-shot)" or "pass@1"; `normalise_label`
reduces a label to a key that ignores case, spacing and punctuation. "+" survives as "plus"
because it names a different benchmark (HumanEval+ is not HumanEval).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

# Footnote marks and arrows that cards attach to names; they never belong to the name.
_MARKERS = "✱✲✳*†‡§¶▲▼△▽⬆⬇↑↓^~#"
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_FOOTNOTE_REF = re.compile(r"\[\^?\d+\]")
# <sup>1</sup> after a name is a footnote; <sup>2</sup> inside a name (τ<sup>2</sup>-Bench) is not.
_TRAILING_SUP = re.compile(r"<sup>[^<]*</sup>(?=\s|\(|$)", re.IGNORECASE)
_TRAILING_SUPERSCRIPT = re.compile(rf"[{_SUPERSCRIPT_DIGITS}]+(?=\s|\(|$)")
_HTML_TAG = re.compile(r"<[^>]*>")
_MARKER_CHARS = re.compile(f"[{re.escape(_MARKERS)}\ufe0f]")
_WHITESPACE = re.compile(r"\s+")

# One setting word inside a trailing qualifier. Versions, years, subsets and languages are not
# here on purpose: they change which benchmark (or which scores) a label means.
_SETTING = (
    r"\d+\s*(?:-|to|~)\s*\d+\s*-?\s*shots?"  # 3-5 shot
    r"|\d+\s*-?\s*shots?(?:\s*@\s*\d+)?"  # 5-shot, 5shot, 3-shot@1
    r"|\d+\s*-?\s*s"  # 5-s
    r"|(?:zero|one|few)\s*-?\s*shots?"
    r"|cott?|pot|mc[12]?|em|exact\s*match|acc\.?|accuracy|acc_norm|acc_char|norm(?:alized)?"
    r"|(?:pass|cons|maj)\s*[@^]\s*\d+|maj\d+@\d+|em_maj\d+@\d+|final_em|top\s*-?\s*1"
    r"|f1|correct|resolved|percentile|rating|score|ssr|avg\.?|average|mean|overall"
    r"|%|(?:lc\s*-?\s*)?win\s*-?\s*rate|prompt|strict|loose|inst(?:ruction)?(?:\s*level)?"
    r"|macro_avg|micro_avg|macro|micro|partial\s+score"
    r"|test|val|validation|dev|devtest|testmini|unseen|mixed\s+eval\.?"
    r"|(?:lower|higher)\s+is\s+better|\d+\s*langs?|\d+\s*opts?|options"
    r"|ppl|perplexity|bpb|xent"
)
# Judge models and date windows only appear inside brackets: "(GPT-4-1106)", "(0901-0401)".
_BRACKET_ONLY = r"|gpt\s*-?\s*[\d.]+o?(?:\s*-\s*[a-z0-9.]+)*|\d+(?:\s*[/-]\s*\d+)+"
_SEPARATOR = r"[\s,/;:&+-]+"
_BRACKET_CONTENT = re.compile(
    rf"^\s*(?:(?:{_SETTING}{_BRACKET_ONLY})(?:{_SEPARATOR}(?:{_SETTING}{_BRACKET_ONLY}))*)?\s*$",
    re.IGNORECASE,
)
_TRAILING_BRACKET = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")
_TRAILING_SETTING = re.compile(rf"(?:^|[\s,]+)(?:{_SETTING})\s*$", re.IGNORECASE)
_ALNUM = re.compile(r"\w")
# Labels made only of these characters carry no markup, so their key is just the letters/digits.
_PLAIN = re.compile(r"[A-Za-z0-9 ._/,:;()-]*")
_NOT_ALNUM_ASCII = re.compile(r"[^a-z0-9]+")


def clean_label(label: str) -> str:
    """`label` without markup, footnote marks and surplus spaces; words and case are kept."""
    text = html.unescape(label)
    text = _MARKDOWN_IMAGE.sub(" ", text)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub(" ", text)
    text = _TRAILING_SUP.sub(" ", text)
    text = _HTML_TAG.sub(" ", text)
    text = _TRAILING_SUPERSCRIPT.sub(" ", text)
    text = text.replace("`", " ").replace("\\", " ")
    text = _MARKER_CHARS.sub(" ", text)
    text = _strip_emphasis_underscores(text)
    return _WHITESPACE.sub(" ", text).strip(" ,:;-")


def normalise_label(label: str) -> str:
    """The comparison key of a label: lowercase letters and digits only, markup removed.

    `"**HellaSwag**"`, `"Hella<br>Swag"` and `"hella_swag"` share the key `"hellaswag"`;
    `"HumanEval+"` becomes `"humanevalplus"`, `"τ²-Bench"` `"tau2bench"`.
    """
    if _PLAIN.fullmatch(label):  # most aliases and labels: skip the markup passes
        return _NOT_ALNUM_ASCII.sub("", label.lower())
    return _normalise_marked(label)


def _normalise_marked(label: str) -> str:
    text = unicodedata.normalize("NFKC", clean_label(label)).casefold()
    text = text.replace("+", " plus ").replace("τ", " tau").replace("&", " and ")
    return "".join(char for char in text if char.isalnum())


def strip_qualifier(label: str) -> str | None:
    """`label` (already cleaned) without its last trailing setting, or None when it has none.

    Never strips the whole label: "(5-shot)" alone has nothing left to name a benchmark.
    """
    bracket = _TRAILING_BRACKET.search(label)
    if bracket and _BRACKET_CONTENT.match(bracket.group(1)):
        rest = label[: bracket.start()]
    else:
        setting = _TRAILING_SETTING.search(label)
        if not setting:
            return None
        rest = label[: setting.start()]
    rest = rest.rstrip(" ,:;-")
    return rest if _ALNUM.search(rest) else None


def label_forms(label: str) -> Iterator[str]:
    """The cleaned label, then the label with each trailing setting removed in turn."""
    form: str | None = clean_label(label)
    while form:
        yield form
        form = strip_qualifier(form)


def slugify(label: str) -> str:
    """A metric-type slug for a label the registry does not know ("Arena Hard" -> "arena_hard").

    Settings in the label are kept ("Foo (5-shot)" -> "foo_5_shot") so that two rows of one
    table never collapse into the same type.
    """
    text = unicodedata.normalize("NFKC", clean_label(label)).casefold()
    text = text.replace("+", " plus ").replace("τ", " tau").replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "unknown"


def _strip_emphasis_underscores(text: str) -> str:
    # Markdown emphasis (_x_, __x__) wraps whole words; snake_case underscores sit inside them.
    return re.sub(r"(?<!\w)_{1,2}|_{1,2}(?!\w)", " ", text)
