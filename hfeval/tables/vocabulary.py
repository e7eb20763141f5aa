"""Words that tell a table's structure: which headers are settings, labels, models or benchmarks.

Pure data plus tiny predicates over match keys (see `cells.match_key`), so layout detection does
not depend on the benchmark registry being filled.
"""

from __future__ import annotations

import re

from hfeval.tables.known_benchmarks import KNOWN_BENCHMARKS
from hfeval.tables.properties import is_property_header, without_unit

# Columns that describe how a row was evaluated, never a model's score.
SETTING_HEADERS = frozenset(
    {
        "#shots",
        "shots",
        "shot",
        "n-shot",
        "nshot",
        "#shot",
        "metric",
        "metrics",
        "domain",
        "category",
        "categories",
        "type",
        "language",
        "lang",
        "decoding",
        "framework",
        "version",
        "filter",
        "stderr",
        "±",
        "+/-",
        "size",
        "params",
        "parameters",
        "#params",
        "#parameters",
        "modelparameters",
        "modelparams",
        "modelsize",
        "#tp",
        "#ap",
        "#totalparams",
        "#activatedparams",
        "#activeparams",
        "date",
        "日期",
        "license",
        "licence",
        "datasize",
        "align",
        "alignment",
        "contextlength",
        "seqlength",
        "contextwindow",
        "tokens",
        "trainingtokens",
        "capability",
        "modality",
        "setting",
        "settings",
        "method",
        "prompt",
        "promptapproach",
        "public",
        "openweights",
        "trainingflops",
        "flops",
        "#tokensperimage",
        "note",
        "notes",
        "rank",
        "precision",
        "quantization",
        "split",
        "subset",
        "claimedlength",
        "effectivelength",
        "batchsize",
        "batch",
        "datasetsize(gb)",
        "base",
        "basemodel",
        "download",
    }
)
MODEL_HEADERS = frozenset(
    {"model", "models", "modelname", "name", "模型", "evaluatorlm", "system", "checkpoint"}
)
BENCHMARK_HEADERS = frozenset(
    {
        "benchmark",
        "benchmarks",
        "benchmark(metric)",
        "task",
        "tasks",
        "dataset",
        "datasets",
        "evaluation",
        "eval",
        "test",
        "testset",
        "metric",
        "metrics",
        "groups",
        "group",
        "subject",
        "category",
        "capability",
    }
)
VALUE_HEADERS = frozenset({"value", "values", "score", "scores", "result", "results", "accuracy"})
GENERIC_HEADING_WORDS = frozenset(
    {
        "result",
        "results",
        "evaluation",
        "evaluations",
        "performance",
        "benchmark",
        "benchmarks",
        "score",
        "scores",
        "comparison",
        "comparisons",
        "metric",
        "metrics",
        "leaderboard",
        "eval",
        "evals",
        "overview",
        "summary",
        "table",
        "tables",
        "model",
        "models",
        "testing",
        "test",
        "tests",
        "detailed",
        "main",
    }
)
_SHOT = re.compile(r"\d+-?\s?shots?|pass@\d+|maj@\d+|\bcot\b|\(\d+-s\)")
_MODEL_SIZE = re.compile(r"(?<![a-z])\d+(?:\.\d+)?(?:x\d+)?[bm](?![a-z])")
_MODEL_WORDS = re.compile(
    r"gpt|llama|mistral|mixtral|qwen|gemma|falcon|claude|gemini|phi-?\d|deepseek|yi-|vicuna|"
    r"baichuan|chatglm|internlm|olmo|bloom|opt-|pythia|mpt-|instruct|chat|base|-v\d|/|"
    r"\b(?:large|mini|small|medium|tiny|pro|ultra|turbo|it|sft|dpo|rlhf)\b|\bv?\d+\.\d+\b"
)


# Counts, lengths and error bars reported beside a score (`n_wins`, `avg_length`, `stderr`).
# A token count (`Average Tokens`, `Output tokens`) measures answer length, not quality; a
# confidence interval (`95% CI`) is an error bar like stderr.
_COUNT_HEADER = re.compile(
    r"^(?:n|num|number)_|^#|_count$|length$|tokens$|^(?:standard_?error|stderr|std|se)$"
    r"|^(?:\d+%)?ci(?:\(\d+%\))?$|^confidenceinterval"
)


# Column headers that name a measure rather than a model (`Accuracy`, `F1 Score`, `chr-F`).
_METRIC_NAME = re.compile(
    r"^(?:acc(?:uracy)?|f1(?:score)?|macro-?f1|micro-?f1|bleu|chr-?f\+*|ter|wer|cer|em|"
    r"exactmatch|precision|recall|rouge(?:-?[12l])?|pass@\d+|score|value|result|"
    r"perplexity|ppl|mcc|auc|spearman|pearson|comet|meteor|mse|mae|rmse|loss)"
    r"(?:\(.*\))?$"
)


def is_metric_name(key: str) -> bool:
    """Whether a header names a metric, so the table lists one model's results per benchmark."""
    return bool(_METRIC_NAME.match(key))


def is_setting_header(key: str) -> bool:
    return (
        key in SETTING_HEADERS
        or without_unit(key) in SETTING_HEADERS
        or bool(_COUNT_HEADER.search(key))
        or is_property_header(key)
    )


def is_model_header(key: str) -> bool:
    return key in MODEL_HEADERS


def is_benchmark_header(key: str) -> bool:
    return key in BENCHMARK_HEADERS or key.startswith("benchmark")


# A cell that is only a run setting (`0-shot`, `5 shots`, `maj@64`, `pass@1`, `CoT`).
_SHOT_LABEL = re.compile(r"(?:\d+-?\s?shots?|zero-?shot|few-?shot|pass@\d+|maj@\d+|cot)")


def is_shot_label(key: str) -> bool:
    return bool(key) and bool(_SHOT_LABEL.fullmatch(key))


def looks_like_benchmark(key: str) -> bool:
    """Whether a label reads as a benchmark name (by the names above or a shots qualifier)."""
    if not key:
        return False
    base = re.sub(r"\s+", "", re.split(r"[(\[]", key, maxsplit=1)[0]).strip("-_:")
    return base in KNOWN_BENCHMARKS or bool(_SHOT.search(key))


def groups_benchmarks(subs: list[str]) -> bool:
    """Whether a column group is an ability (`Math`) over benchmark names (`GSM8K`, `MATH`).

    Such a group is context, like a category row; a group over metrics or shots (`MMLU` over
    `5-shot`, `AlpacaEval 2` over `LC`) is the benchmark itself. Most sub-labels must be known
    benchmark names and none a bare metric; the group's own name does not matter (`Math` is an
    ability over `GSM8K` and `MATH` although MATH is a benchmark too).
    """
    if not subs or any(is_metric_name(sub) for sub in subs):
        return False
    return sum(map(_benchmark_name, subs)) * 2 > len(subs)


def _benchmark_name(key: str) -> bool:
    base = re.sub(r"\s+", "", re.split(r"[(\[]", key, maxsplit=1)[0]).strip("-_:")
    return base in KNOWN_BENCHMARKS and not is_metric_name(base) and base not in _AVERAGES


_AVERAGES = frozenset({"average", "avg", "avg."})


def looks_like_model(key: str) -> bool:
    """Whether a label reads as a model name (a size such as 7B, a family name, an org/repo)."""
    return bool(key) and bool(_MODEL_SIZE.search(key) or _MODEL_WORDS.search(key))


def is_generic_heading(heading: str) -> bool:
    """Whether a heading names a section (`Evaluation results`) rather than one benchmark."""
    words = re.findall(r"[a-z]+", heading.casefold())
    return not words or any(word in GENERIC_HEADING_WORDS for word in words)


def is_setting_label(key: str) -> bool:
    """Whether a row label names a property (`Model size (MB)`, `# Params`), not a benchmark."""
    base = re.split(r"[(\[]", key, maxsplit=1)[0]
    return (
        base in SETTING_HEADERS
        or base.startswith("#")
        or bool(_COUNT_HEADER.search(base))
        or is_property_header(key)
    )
