"""Synthetic model repos and specs for the performance benchmarks.

Each repo's README looks like a real model card: YAML front matter (license, languages, tags,
datasets, base model; a third of them also carry an Open LLM Leaderboard `model-index`), prose,
a hyper-parameter table, a benchmark table with the models as columns, a chat table with the
models as rows, a usage snippet and a citation. Everything is derived from the repo number, so
the same N gives the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

ORG = "bench-org"
BENCHMARKS = [
    "MMLU", "MMLU-Pro", "GSM8K", "MATH", "HumanEval", "MBPP", "ARC-Challenge", "HellaSwag",
    "Winogrande", "TruthfulQA", "GPQA Diamond", "IFEval", "BBH", "DROP", "AGIEval", "MuSR",
]  # fmt: skip
CHAT_BENCHMARKS = ["MT-Bench", "AlpacaEval 2.0", "Arena-Hard"]
LEADERBOARD = [
    ("AI2 Reasoning Challenge (25-Shot)", "ai2_arc", "ARC-Challenge", "acc_norm", 25),
    ("HellaSwag (10-Shot)", "hellaswag", None, "acc_norm", 10),
    ("MMLU (5-Shot)", "cais/mmlu", "all", "acc", 5),
    ("TruthfulQA (0-shot)", "truthful_qa", "multiple_choice", "mc2", 0),
    ("Winogrande (5-shot)", "winogrande", "winogrande_xl", "acc", 5),
    ("GSM8k (5-shot)", "gsm8k", "main", "acc", 5),
]
PROSE = (
    "This model is a decoder-only transformer trained on a mixture of web text, code and "
    "curated instruction data. It was fine-tuned with supervised learning and preference "
    "optimisation to follow instructions, answer questions and write code. The weights are "
    "released for research and commercial use under the licence above; please read the "
    "limitations section before deploying it. "
)


def repo_name(index: int) -> str:
    return f"model-{index:05d}"


def repo_id(index: int) -> str:
    return f"{ORG}/{repo_name(index)}"


def readme(index: int) -> str:
    """One model card: front matter, 3 tables (2 with scores), prose, code and citation."""
    rnd = random.Random(index)
    name = repo_name(index)
    peers = [f"peer-{rnd.randint(1, 99)}-7B", f"base-{index % 13}", "Llama-3-8B", "Qwen2-7B"]
    peers = peers[: rnd.randint(2, 4)]
    benchmarks = BENCHMARKS[: rnd.randint(10, 16)]
    lines = ["---", "license: apache-2.0", "language:", "- en", "- zh", "- fr"]
    lines += ["library_name: transformers", "pipeline_tag: text-generation"]
    lines += [f"base_model: {ORG}/base-{index % 13}", "tags:", "- chat", f"- family-{index % 7}"]
    lines += ["datasets:", "- HuggingFaceH4/ultrachat_200k", "- openbmb/UltraFeedback"]
    if index % 3 == 0:
        lines += leaderboard_model_index(name, rnd)
    lines += ["---", f"# {name}", "", PROSE * 3, "", "## Model details", ""]
    lines += ["| Parameter | Value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in hyper_parameters(rnd)]
    lines += ["", PROSE * 2, "", "## Evaluation", "", "### Base model comparison", ""]
    lines += [f"| Benchmark | **{name}** | " + " | ".join(peers) + " |"]
    lines += ["|---" * (len(peers) + 2) + "|"]
    for bench in benchmarks:
        cells = [score(rnd) for _ in range(len(peers) + 1)]
        cells[0] = f"**{cells[0]}**" if rnd.random() < 0.5 else cells[0]
        lines.append(f"| {bench} | " + " | ".join(cells) + " |")
    lines += ["", "Scores are accuracies in percent unless stated.", "", "### Chat", ""]
    lines += ["| Model | " + " | ".join(CHAT_BENCHMARKS) + " |", "|---" * 4 + "|"]
    for model in [name, *peers]:
        lines.append(
            f"| {model} | {rnd.uniform(5, 9):.2f} | {rnd.uniform(10, 50):.1f} | "
            f"{rnd.uniform(10, 80):.1f} |"
        )
    lines += ["", "## Usage", "", "```python", "from transformers import pipeline"]
    lines += [f'pipe = pipeline("text-generation", model="{repo_id(index)}")', "```", ""]
    for section in ("Training data", "Training procedure", "Intended use", "Limitations"):
        lines += [f"## {section}", "", PROSE * rnd.randint(2, 5), ""]
    lines += ["## Citation", "", "```bibtex"]
    lines += [f"@misc{{{name.replace('-', '')},", f"  title={{{name}}},", "  year={2026}", "}"]
    lines += ["```", ""]
    return "\n".join(lines)


def leaderboard_model_index(name: str, rnd: random.Random) -> list[str]:
    lines = ["model-index:", f"- name: {name}", "  results:"]
    for title, dataset, config, metric, shots in LEADERBOARD[: rnd.randint(3, 6)]:
        lines += ["  - task:", "      type: text-generation", "      name: Text Generation"]
        lines += ["    dataset:", f"      name: {title}", f"      type: {dataset}"]
        if config:
            lines.append(f"      config: {config}")
        lines += ["      split: test", "      args:", f"        num_few_shot: {shots}"]
        lines += ["    metrics:", f"    - type: {metric}"]
        lines += [f"      value: {rnd.uniform(20, 90):.2f}"]
        lines += ["    source:", "      url: https://huggingface.co/spaces/open-llm-leaderboard"]
        lines += ["      name: Open LLM Leaderboard"]
    return lines


def hyper_parameters(rnd: random.Random) -> list[tuple[str, str]]:
    return [
        ("Layers", str(rnd.choice([28, 32, 40]))),
        ("Hidden size", str(rnd.choice([3584, 4096, 5120]))),
        ("Attention heads", "32"),
        ("Context length", rnd.choice(["8K", "32K", "128K"])),
        ("Vocabulary", "151,936"),
        ("Training tokens", f"{rnd.randint(2, 18)}T"),
    ]


def score(rnd: random.Random) -> str:
    return "-" if rnd.random() < 0.04 else f"{rnd.uniform(20, 90):.1f}"


def spec(index: int, mode: str) -> str:
    """A spec taking the base-model table (by heading) and, for half the repos, the chat table."""
    name = repo_name(index)
    text = f"model: {repo_id(index)}\napply: {mode}\nsources:\n"
    text += f"  - readme: {{table: Base model comparison, model: {name}}}\n"
    if index % 2:
        text += f"  - readme: {{table: 3, model: {name}}}\n"
    return text


def write_seed(seed_dir: Path, count: int) -> None:
    """`seed_dir/<org>/<name>/README.md` for repos 0..count-1 (the sandbox's --seed layout)."""
    for index in range(count):
        folder = seed_dir / ORG / repo_name(index)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "README.md").write_text(readme(index), encoding="utf-8")


def write_specs(spec_dir: Path, count: int, mode: str = "pr") -> None:
    spec_dir.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (spec_dir / f"{repo_name(index)}.yaml").write_text(spec(index, mode), encoding="utf-8")
