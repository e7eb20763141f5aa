"""Card labels resolve to the right benchmark: sheet coverage, settings, markup, look-alikes."""

from __future__ import annotations

import pytest

from hfeval.registry import Registry

from .registry_facts import SHEET_AMBIGUOUS, SHEET_LABELS, SHEET_RESOLVES_TO


def test_every_fact_sheet_label_resolves_to_its_id(registry: Registry) -> None:
    assert len(SHEET_LABELS) > 500
    wrong = {}
    for benchmark_id, label in SHEET_LABELS:
        found = registry.lookup(label)
        if found is None or found.id != benchmark_id:
            wrong[label] = (benchmark_id, found and found.id)
    assert wrong == {}


@pytest.mark.parametrize("label", SHEET_AMBIGUOUS)
def test_ambiguous_labels_are_not_guessed(registry: Registry, label: str) -> None:
    assert registry.lookup(label) is None
    assert registry.ambiguity(label)


@pytest.mark.parametrize(("label", "benchmark_id"), sorted(SHEET_RESOLVES_TO.items()))
def test_labels_the_sheet_explains_resolve_as_it_says(
    registry: Registry, label: str, benchmark_id: str
) -> None:
    found = registry.lookup(label)
    assert found is not None
    assert found.id == benchmark_id
    assert registry.ambiguity(label) is None


@pytest.mark.parametrize(
    ("label", "benchmark_id"),
    [
        ("MMLU-Pro", "mmlu_pro"),
        ("MMLU", "mmlu"),
        ("MMLU-Redux", "mmlu_redux"),
        ("GSM8K", "gsm8k"),
        ("GSM-Plus", None),
        ("GSM-Hard", None),
        ("HumanEval+", "humaneval_plus"),
        ("HumanEval", "humaneval"),
        ("HumanEval-Mul", "humaneval_mul"),
        ("MBPP+", "mbpp_plus"),
        ("MBPP", "mbpp"),
        ("MATH-500", "math_500"),
        ("MATH", "math"),
        ("MATH Lvl 5", "math_lvl5"),
        ("ARC-Easy", "arc_easy"),
        ("ARC-Challenge", "arc_challenge"),
        ("ARC-Easy (25-shot)", "arc_easy"),
        ("ARC-Challenge (25-shot)", "arc_challenge"),
        ("AIME 2024", "aime_2024"),
        ("AIME 2025", "aime_2025"),
        ("AIME 2026", "aime_2026"),
        ("AIME", None),
        ("GPQA Diamond", "gpqa_diamond"),
        ("GPQA", "gpqa"),
        ("SWE-bench Verified", "swe_bench_verified"),
        ("SWE-bench Verified mini", "swe_bench_verified_mini"),
        ("SWE-bench", None),
        ("BBH", "bbh"),
        ("BIG-bench", "big_bench"),
        ("SQuAD", "squad"),
        ("SQuAD 2.0", "squad_v2"),
        ("RACE-High", "race_high"),
        ("RACE-Middle", "race_middle"),
        ("AlpacaEval", "alpaca_eval"),
        ("AlpacaEval 2.0", "alpaca_eval_2"),
        ("SimpleQA", "simpleqa"),
        ("Chinese SimpleQA", "chinese_simpleqa"),
        ("CRUXEval-I", "cruxeval_i"),
        ("CRUXEval-O", "cruxeval_o"),
        ("TAU-bench", "tau_bench"),
        ("τ²-Bench", "tau2_bench"),
        ("Terminal-Bench 2.0", "terminal_bench_2"),
        ("Terminal-Bench Hard", "terminal_bench_hard"),
        ("IFEval", "ifeval"),
        ("IFBench", "ifbench"),
        ("MMMU", "mmmu"),
        ("MMMU-Pro", "mmmu_pro"),
        ("MMMLU", "mmmlu"),
        ("CMMLU", "cmmlu"),
        ("LongBench v2", "longbench_v2"),
        ("LongBench", None),
    ],
)
def test_look_alike_benchmarks_stay_apart(
    registry: Registry, label: str, benchmark_id: str | None
) -> None:
    found = registry.lookup(label)
    assert (found.id if found else None) == benchmark_id


@pytest.mark.parametrize(
    "qualifier",
    [
        "(5-shot)",
        "5-shot",
        "(5-Shot)",
        "(0-shot CoT)",
        "0-shot CoT",
        "(EM)",
        "(Acc.)",
        "pass@1",
        "(Pass@1)",
        "(test)",
        "(avg)",
        "(8-shot, CoT)",
        "(3-5 shot)",
        "(10-s)",
        "(%)",
        "(lower is better)",
        "cons@64",
        "(mixed eval.)",
        "(5 shot MC)",
        "(Prompt Strict-Acc.)",
        "(val, unseen)",
        "(GPT-4-Turbo)",
        "(0901-0401)",
        "maj@1",
        "(score)",
        "[5-shot]",
        "(4-shot) (CoT)",
    ],
)
def test_settings_after_the_name_do_not_change_the_benchmark(
    registry: Registry, qualifier: str
) -> None:
    names = {
        "MMLU": "mmlu",
        "MMLU-Pro": "mmlu_pro",
        "GSM8K": "gsm8k",
        "HumanEval+": "humaneval_plus",
        "AIME 2025": "aime_2025",
        "GPQA Diamond": "gpqa_diamond",
        "ARC-Easy": "arc_easy",
        "MATH-500": "math_500",
    }
    for name, benchmark_id in names.items():
        found = registry.lookup(f"{name} {qualifier}")
        assert found is not None, f"{name} {qualifier}"
        assert found.id == benchmark_id


@pytest.mark.parametrize(
    "label",
    [
        "**MMLU-Pro**",
        "__MMLU-Pro__",
        "*MMLU-Pro*",
        "[MMLU-Pro](https://huggingface.co/datasets/TIGER-Lab/MMLU-Pro)",
        "`MMLU-Pro`",
        "MMLU-Pro<sup>1</sup>",
        "MMLU-Pro<sup>†</sup> (5-shot)",
        "MMLU-Pro¹",
        "MMLU-Pro [2]",
        "MMLU-Pro ✱",
        "MMLU-Pro*",
        "MMLU-Pro †",
        "↑ MMLU-Pro",
        "MMLU&#8209;Pro",
        "&nbsp;MMLU-Pro&nbsp;",
        "MMLU<br>Pro",
        "<b>MMLU-Pro</b>",
        "  mmlu  pro ",
        "MMLU_PRO",
        "mmlu.pro",
        "MMLU - Pro",
        "**MMLU-Pro** (EM)",
    ],
)
def test_markup_case_spacing_and_punctuation_are_ignored(registry: Registry, label: str) -> None:
    found = registry.lookup(label)
    assert found is not None
    assert found.id == "mmlu_pro"


@pytest.mark.parametrize(
    "label",
    ["", "   ", "(5-shot)", "pass@1", "**", "Model", "Params", "FooBench", "MMLU-Ultra", "7B"],
)
def test_unknown_labels_return_none(registry: Registry, label: str) -> None:
    assert registry.lookup(label) is None


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Math", None),
        ("Math (4-shot)", None),
        ("MATH", "math"),
        ("MATH (4-shot)", "math"),
        ("math", "math"),
        ("Bigbench", None),
        ("BigBench", "big_bench"),
        ("ARC", None),
        ("ARC (10-shot)", None),
        ("ARC (25-Shot)", "arc_challenge"),
        ("arc 25-shot", "arc_challenge"),
        ("Average (5-shot)", None),
        ("swe_bench", "swe_bench"),
    ],
)
def test_ambiguity_survives_settings_and_respects_listed_spelling(
    registry: Registry, label: str, expected: str | None
) -> None:
    found = registry.lookup(label)
    assert (found.id if found else None) == expected


def test_every_benchmark_is_found_by_its_id_name_and_aliases(registry: Registry) -> None:
    for benchmark in registry:
        for label in (benchmark.id, benchmark.name, *benchmark.aliases):
            found = registry.lookup(label)
            assert found is benchmark, f"{label!r} -> {found and found.id}, not {benchmark.id}"


@pytest.mark.parametrize("qualifier", ["(5-shot)", "0-shot CoT", "(EM)", "pass@1", "(avg)"])
def test_every_alias_keeps_its_benchmark_under_a_setting(
    registry: Registry, qualifier: str
) -> None:
    listed_as_ambiguous = []
    for benchmark in registry:
        for alias in (benchmark.name, *benchmark.aliases):
            label = f"{alias} {qualifier}"
            if registry.ambiguity(label):
                listed_as_ambiguous.append(label)
                continue
            found = registry.lookup(label)
            assert found is benchmark, f"{label!r} -> {found and found.id}"
    # Only the fact sheet's "BigBench (Avg)" (an average over unstated tasks) is an exception.
    expected = (
        ["BIG-bench (avg)", "BigBench (avg)", "Big Bench (avg)"] if "avg" in qualifier else []
    )
    assert sorted(set(listed_as_ambiguous)) == sorted(expected)


def test_distinct_benchmarks_never_resolve_to_each_other(registry: Registry) -> None:
    for benchmark in registry:
        for other_id in benchmark.distinct_from:
            other = registry.get(other_id)
            assert other is not None, f"{benchmark.id}.distinct_from names unknown {other_id}"
            for alias in other.aliases:
                found = registry.lookup(alias)
                assert found is not None
                assert found.id != benchmark.id
