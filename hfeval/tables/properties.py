"""Headers that name a property of the model or a difference between models, never a score.

Embedding, speech and vision cards put the model's make-up beside its results: embedding
dimension, vocabulary size, parameter count in millions, input resolution, memory needed, and
fine-tune cards add the gain over the base model. These columns hold plain numbers, so only the
header tells them from scores. Keys are `cells.match_key` forms (lower case, no spaces).
"""

from __future__ import annotations

import re

PROPERTY_HEADERS = frozenset(
    {
        "dimension",
        "dimensions",
        "dim",
        "dims",
        "embeddingdimension",
        "embeddingdimensions",
        "embeddingdim",
        "embeddingsize",
        "hiddensize",
        "vocabulary",
        "vocab",
        "vocabularysize",
        "vocabsize",
        "tokenizer",
        "img_size",
        "imgsize",
        "imagesize",
        "inputsize",
        "inputresolution",
        "resolution",
        "crop_pct",
        "croppct",
        "interpolation",
        "seqlen",
        "maxseqlen",
        "maxlen",
        "maxlength",
        "maxtokens",
        "contextsize",
        "layers",
        "#layers",
        "numlayers",
        "heads",
        "#heads",
        "attentionheads",
        "numheads",
        "kvheads",
        "experts",
        "#experts",
        "architecture",
        "bits",
        "bpw",
        "bitsperweight",
        "quantmethod",
        "quanttype",
        "trainflops",
        "traincompute",
        "trainingcompute",
    }
)
# A short unit after a property name: `Params / M`, `Vocabulary(K)`, `Size (GB)`. Digits are not
# units, so a model column such as `Base (7B)` keeps its whole name.
_UNIT_SUFFIX = re.compile(r"(?:\((?:[a-z%]{1,3})\)|/[a-z]{1,3})$")
_PARAMETER_COUNT = re.compile(
    r"^(?:backbone|total|active|activated|embedding|non-?embedding|model)?#?"
    r"(?:params?|parameters|param_?count)$"
)
# Memory and storage a model needs: `Min GPU RAM required (GB)`, `VRAM`, `GPU Memory Usage`,
# `Model size (PTE file size in MB)`.
_MEMORY = re.compile(
    r"\((?:gb|mb|gib|mib|tb|kb)\)$|vram|gpuram|memory|^(?:model|file|disk|checkpoint)size\("
)
# A difference from or ratio to another model (`Δ Avg.`, `Recovery (%)`), not a score of its own.
_DIFFERENCE = re.compile(r"^(?:δ|∆|delta|diff|difference|improvement|gain|recovery)")
# When and at what price and speed a model is served: `Released`, `Price ($/1M tokens)`,
# `Output speed (tok/s)`, `Latency (s)`, `Docs / Sec`. These depend on the provider and the
# hardware, not on an evaluation.
_SERVING = re.compile(
    r"^(?:released?|releasedate|cutoff|knowledgecutoff|cutoffdate)$|price|cost|\$|"
    r"latency|throughput|speed|tok(?:en)?s?/s|/s(?:ec)?\)?$|persec|ttft|time-?to-?first|^downloads$|^likes$"
)


# Architecture rows: `Number of layers`, `Num. attention heads`, `Hidden dimension`,
# `Embedding size`, `MLP hidden size`, `MoE TopK`.
_ARCHITECTURE = re.compile(
    r"^(?:numberof|num[._]|n_)|size$|^(?:mlp|moe|ffn)(?:hidden|activation|topk|intermediate)|"
    r"^initialization|(?:attentionheads|heads|layers|hiddendim(?:ension)?s?)$"
)


# Training hyperparameters: `Peak LR`, `warmup steps`, `Weight Decay`, `beta2`, `Epsilon`.
_TRAINING = re.compile(
    r"^(?:peak|min(?:imum)?|max(?:imum)?)?(?:lr|learningrate)|warmup|weightdecay|dropout|"
    r"^betas?\d?$|^eps(?:ilon)?$|^gradient(?:clip|norm)|^(?:lr|learningrate)schedule|"
    r"^optimi[sz]er|^epochs?$|^(?:training|train)?steps$|^momentum$|^seed$"
)


def without_unit(key: str) -> str:
    """A header key without a short unit suffix (`params/m` -> `params`)."""
    return _UNIT_SUFFIX.sub("", key)


def is_property_header(key: str) -> bool:
    """Whether a header names a property of the model or a difference, so never holds a score."""
    base = without_unit(key)
    return (
        base in PROPERTY_HEADERS
        or bool(_PARAMETER_COUNT.match(base))
        or bool(_MEMORY.search(key))
        or bool(_DIFFERENCE.match(key))
        or bool(_SERVING.search(key) or _SERVING.search(base))
        or bool(_ARCHITECTURE.search(base))
        or bool(_TRAINING.search(base))
    )
