"""How closely a table's model label names the card's own model: name parts, compared by kind.

A label and a name are cut into parts (`Qwen2-VL-7B-Instruct` -> qwen, 2, vl, 7b, instruct) and
each part has a kind: a size (`7b`, `1.5b`, `111m`), a number or version (`2`, `3.1`, `v0.1`,
`0106`, `r1`), a variant word (`base`, `instruct`, `chat`, `dpo`), or an ordinary word (the family
name). A part the label has and the name lacks is a conflict when it is a size, a number or a
variant (`Orion-70b` is not `Orion-7b`, `Orion-7B-Chinese` adds a word, `-Base` is a sibling of
`-Instruct`); a number the name has and the label lacks is one too (`Baichuan-7B` is not
`Baichuan2-7B`). Pure functions over strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Literal

PartKind = Literal["size", "number", "variant", "word", "noise"]

_PART = re.compile(
    r"(?:bf|fp|int|nf)\d+|w\d+a\d+"  # a number format: bf16, int8, w4a16
    r"|\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)?[bm](?![a-z])"  # a size: 7b, 1.5b, 8x7b, 111m
    r"|(?<![a-z])[vr]\d+(?:\.\d+)*"  # a version: v2, v0.1, r1
    r"|\d+(?:\.\d+)*[a-z]*"  # a number, maybe with a unit: 3.1, 0106, 128k, 4e1t
    r"|[^\W\d_]+"  # a word
)
_SIZE = re.compile(r"^\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)?[bm]$")
# Written forms that mean the same variant or letter.
_SYNONYMS = {
    "β": "beta",
    "α": "alpha",
    "ins": "instruct",
    "inst": "instruct",
    "instruction": "instruct",
    "instructed": "instruct",
    "it": "instruct",
    "sft": "sft",
    "pretrained": "base",
    "pretrain": "base",
    "foundation": "base",
}
VARIANTS = frozenset(
    {
        "base",
        "instruct",
        "chat",
        "sft",
        "dpo",
        "rl",
        "rlhf",
        "orpo",
        "kto",
        "alpha",
        "beta",
        "gamma",
        "preview",
        "lite",
        "mini",
        "small",
        "medium",
        "large",
        "xl",
        "xxl",
        "tiny",
        "nano",
        "pro",
        "plus",
        "max",
        "ultra",
        "turbo",
        "coder",
        "code",
        "math",
        "vision",
        "vl",
        "audio",
        "awq",
        "ggml",
        "quantized",
        "gptq",
        "gguf",
        "int4",
        "int8",
        "fp8",
        "distill",
        "ft",
        "finetuned",
        "chinese",
        "english",
        "multilingual",
        "twin",
        "nve",
        "python",
        "reasoning",
        "think",
        "thinking",
        "zero",
    }
)
# Formats of a quantised copy: a label without them names the original model.
QUANTISED = frozenset(
    {"gguf", "ggml", "awq", "gptq", "int4", "int8", "fp8", "w8a8", "w4a16", "quantized"}
)
# Parts that say nothing about which model a label is.
NOISE = frozenset(
    {
        "model",
        "models",
        "params",
        "param",
        "parameters",
        "ours",
        "our",
        "this",
        "the",
        "hf",
        "version",
        "ver",
        "llm",
        "lm",
        "v",
        "w",
        "o",
        "with",
        "and",
        "of",
        "a",
        "by",
        "tuned",
        "we",
        "card",
        "for",
        "series",
        "bf16",
        "fp16",
        "fp32",
    }
)
_WEIGHTS: dict[PartKind, float] = {
    "size": 3.0,
    "number": 2.5,
    "variant": 1.5,
    "word": 2.0,
    "noise": 0.0,
}


def kind_of(part: str) -> PartKind:
    if _SIZE.match(part):
        return "size"
    if part in NOISE:
        return "noise"
    if part in VARIANTS:
        return "variant"
    if any(char.isdigit() for char in part):
        return "number"
    return "word"


def _plain_letters(text: str) -> str:
    """Lower case without accents (`Tülu` ~ `tulu`); Greek letters stay for the synonyms."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# A release tag closing a name (`-2503`, `-0106`): tables often leave it off.
_RELEASE_TAG = re.compile(r"^\d{4}$")


def v_versions(text: str) -> set[str]:
    """Numbers written as a `v` version (`mdeberta-v3`): tables often leave them out."""
    return {_version(m) for m in re.findall(r"(?<![a-z])v\d+(?:\.\d+)*", _plain_letters(text))}


def _version(part: str) -> str:
    """`v2`, `2` and `2.0` are the same version; `r1` stays a name (DeepSeek-R1)."""
    if part.startswith("v") and part[1:2].isdigit():
        part = part[1:]
    return re.sub(r"^(\d+)(?:\.0)+$", r"\1", part)


def parts(text: str) -> tuple[str, ...]:
    """The name parts of a label or name, lower case, synonyms folded, in order."""
    folded = _plain_letters(text).replace("_", " ")
    found = []
    for part in _PART.findall(folded):
        part = _SYNONYMS.get(part, part)
        found.append(_version(part))
    return tuple(found)


@dataclass(frozen=True)
class NameMatch:
    """How a label compares with one name: shared parts, conflicts, a score (higher is closer)."""

    label: str
    name: str
    shared: tuple[str, ...]
    extra: tuple[str, ...]
    missing: tuple[str, ...]
    conflicts: tuple[str, ...]
    score: float

    @property
    def exact(self) -> bool:
        return not self.extra and not self.missing and bool(self.shared)

    @property
    def names_family(self) -> bool:
        """Whether the label names the name's family: a shared ordinary word, or a shared size and
        version with no word of another family (`Small 3.1 24B Instruct` for
        `Mistral-Small-3.1-24B-Instruct`, but not `Llama 3.1 8B` for `Nova-3.1-8B`)."""
        kinds = {kind_of(part) for part in self.shared}
        if "word" in kinds:
            return True
        foreign = any(kind_of(part) == "word" for part in self.extra)
        return {"size", "number"} <= kinds and not foreign


def _joined(mine: list[str], theirs: list[str]) -> list[str]:
    """`mine` with a part written as two of `theirs` run together split back (falconmamba)."""
    out: list[str] = []
    for part in mine:
        split = None
        if part not in theirs:
            for i in range(len(theirs) - 1):
                if theirs[i] + theirs[i + 1] == part:
                    split = [theirs[i], theirs[i + 1]]
        out.extend(split or [part])
    return out


def compare(label: str, name: str, *, ignorable: frozenset[str] = frozenset()) -> NameMatch:
    """Compare a table label with one of the card's names.

    `ignorable` are parts that may appear or be absent without meaning anything (the repo's
    namespace, `meta` in `Meta-Llama-3`): neither shared nor missing nor extra.
    """
    label_parts = [p for p in parts(label) if kind_of(p) != "noise" and p not in ignorable]
    name_parts = [p for p in parts(name) if kind_of(p) != "noise" and p not in ignorable]
    if loose(label) == loose(name) or "".join(label_parts) == "".join(name_parts):
        label_parts = name_parts
    label_parts = _joined(label_parts, name_parts)
    name_parts = _joined(name_parts, label_parts)
    label_count, name_count = Counter(label_parts), Counter(name_parts)
    label_set = set(label_parts)
    shared = tuple((label_count & name_count).elements())
    extra = tuple((label_count - name_count).elements())
    missing = tuple((name_count - label_count).elements())
    name_has_size = any(kind_of(p) == "size" for p in name_parts)
    conflicts = (
        tuple(
            p
            for p in extra
            if kind_of(p) in ("number", "variant") or (kind_of(p) == "size" and name_has_size)
        )
        + tuple(
            # A quantised repo (`-GGUF`, `-AWQ`) is not the model its label leaves the format off.
            p
            for p in missing
            if p in QUANTISED
        )
        + tuple(
            dict.fromkeys(
                p
                for i, p in enumerate(name_parts)
                # A version number belongs to the part before it (`Baichuan2`); when that part is
                # shared and the number is not, the label is another generation.
                if p in missing
                and kind_of(p) == "number"
                and p not in v_versions(name)
                and not (i == len(name_parts) - 1 and _RELEASE_TAG.match(p))
                and (i == 0 or name_parts[i - 1] in label_set)
            )
        )
    )
    # A size the name does not state (`BLOOM-176B` for `bloom`) only describes the model.
    score = (
        sum(_WEIGHTS[kind_of(p)] for p in shared)
        - sum(
            0.5 if kind_of(p) == "size" and p not in conflicts else _WEIGHTS[kind_of(p)]
            for p in extra
        )
        - 0.5 * sum(_WEIGHTS[kind_of(p)] for p in missing)
    )
    return NameMatch(label, name, shared, extra, missing, conflicts, score)


def loose(text: str) -> str:
    """A name without case, spaces, dashes, dots or underscores (`Qwen2.5 7B` ~ `qwen2-5-7b`)."""
    text = re.sub(r"(?<=\d)[._](?=\d)", "p", _plain_letters(text))
    return re.sub(r"[\W_]+", "", text)
