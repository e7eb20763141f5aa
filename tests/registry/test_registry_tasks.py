"""Eval-harness task names (inspect_evals, lm-eval, lighteval) resolve to registry benchmarks."""

from __future__ import annotations

import pytest

from hfeval.errors import SpecError
from hfeval.registry import Registry
from hfeval.registry.tasks import task_name_forms


@pytest.mark.parametrize(
    ("task", "benchmark_id"),
    [
        # inspect_evals
        ("inspect_evals/gsm8k", "gsm8k"),
        ("inspect_evals/mmlu_0_shot", "mmlu"),
        ("inspect_evals/mmlu_5_shot", "mmlu"),
        ("inspect_evals/mmlu_pro", "mmlu_pro"),
        ("inspect_evals/gpqa_diamond", "gpqa_diamond"),
        ("inspect_evals/ifeval", "ifeval"),
        ("inspect_evals/hle", "hle"),
        ("inspect_evals/aime2024", "aime_2024"),
        ("inspect_evals/aime2025", "aime_2025"),
        ("inspect_evals/arc_challenge", "arc_challenge"),
        ("inspect_evals/arc_easy", "arc_easy"),
        ("inspect_evals/hellaswag", "hellaswag"),
        ("inspect_evals/winogrande", "winogrande"),
        ("inspect_evals/truthfulqa", "truthfulqa"),
        ("inspect_evals/bbh", "bbh"),
        ("inspect_evals/drop", "drop"),
        ("inspect_evals/math", "math"),
        ("inspect_evals/mbpp", "mbpp"),
        ("inspect_evals/humaneval", "humaneval"),
        ("inspect_evals/musr", "musr"),
        ("inspect_evals/simpleqa", "simpleqa"),
        # lm-evaluation-harness
        ("gsm8k", "gsm8k"),
        ("gsm8k_cot", "gsm8k"),
        ("mmlu", "mmlu"),
        ("arc_challenge", "arc_challenge"),
        ("hellaswag", "hellaswag"),
        ("truthfulqa_mc2", "truthfulqa"),
        ("winogrande", "winogrande"),
        ("minerva_math", "math"),
        ("leaderboard_ifeval", "ifeval"),
        ("leaderboard_bbh", "bbh"),
        ("leaderboard_gpqa", "gpqa"),
        ("leaderboard_math_hard", "math_lvl5"),
        ("leaderboard_musr", "musr"),
        ("leaderboard_mmlu_pro", "mmlu_pro"),
        ("gpqa_diamond_zeroshot", "gpqa_diamond"),
        ("nq_open", "natural_questions"),
        ("lambada_openai", "lambada"),
        # lighteval suite|task|shots
        ("leaderboard|arc:challenge|25", "arc_challenge"),
        ("leaderboard|hellaswag|10", "hellaswag"),
        ("leaderboard|truthfulqa:mc|0", "truthfulqa"),
        ("leaderboard|winogrande|5", "winogrande"),
        ("lighteval|gsm8k|5", "gsm8k"),
        ("lighteval|gpqa:diamond|0", "gpqa_diamond"),
        ("lighteval|aime24|0", "aime_2024"),
        ("lighteval|aime25|0", "aime_2025"),
        ("lighteval|math_500|0", "math_500"),
        ("extended|ifeval|0", "ifeval"),
        ("extended|lcb:codegeneration|0", "livecodebench"),
        ("gsm8k|5", "gsm8k"),
    ],
)
def test_task_name_resolves(registry: Registry, task: str, benchmark_id: str) -> None:
    benchmark = registry.resolve_task_name(task)
    assert benchmark is not None, task
    assert benchmark.id == benchmark_id


@pytest.mark.parametrize(
    "task",
    [
        "arith",  # a local task
        "evals/arith.py@arith",
        "mytasks/gsm8k",  # another package's task of that name is not assumed to be GSM8K
        "mmlu_abstract_algebra",  # one MMLU subject is not MMLU
        "leaderboard|mmlu:abstract_algebra|5",
        "truthfulqa_mc1",
        "gpqa_main_zeroshot",
        "lighteval|aime|0",  # ambiguous: which year
        "inspect_evals/swe_bench",
    ],
)
def test_unknown_or_ambiguous_task_is_not_guessed(registry: Registry, task: str) -> None:
    assert registry.resolve_task_name(task) is None


def test_task_name_forms_strip_harness_decoration() -> None:
    assert task_name_forms(" leaderboard|arc:challenge|25 ") == [
        "leaderboard|arc:challenge|25",
        "leaderboard|arc:challenge",
        "arc:challenge",
    ]
    assert task_name_forms("inspect_evals/gsm8k") == ["inspect_evals/gsm8k", "gsm8k"]
    assert task_name_forms("evals/arith.py@arith") == ["evals/arith.py@arith", "arith"]
    assert task_name_forms("gsm8k") == ["gsm8k"]


def test_task_names_extend_from_hfeval_yaml(registry: Registry) -> None:
    extended = registry.extend([{"id": "gsm8k", "tasks": ["acme/gsm8k_chat"]}])
    benchmark = extended.resolve_task_name("acme/gsm8k_chat")
    assert benchmark is not None and benchmark.id == "gsm8k"
    assert "gsm8k_cot" in benchmark.tasks  # the shipped names are kept


def test_a_task_name_claimed_by_two_benchmarks_is_an_error(registry: Registry) -> None:
    with pytest.raises(SpecError, match="task name 'gsm8k_cot' is claimed by both"):
        registry.extend([{"id": "math", "tasks": ["gsm8k_cot"]}])
