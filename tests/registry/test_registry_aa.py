"""Artificial Analysis evaluation keys map onto registry ids, in both API spellings."""

from __future__ import annotations

import pytest

from hfeval.registry import Registry


@pytest.mark.parametrize(
    ("aa_key", "benchmark_id"),
    [
        ("artificial_analysis_intelligence_index", "artificial_analysis_intelligence_index"),
        ("artificial_analysis_coding_index", "artificial_analysis_coding_index"),
        ("artificial_analysis_math_index", "artificial_analysis_math_index"),
        ("mmlu_pro", "mmlu_pro"),
        ("gpqa", "gpqa_diamond"),
        ("gpqa_diamond", "gpqa_diamond"),
        ("hle", "hle"),
        ("livecodebench", "livecodebench"),
        ("scicode", "scicode"),
        ("math_500", "math_500"),
        ("aime", "aime_2024"),
        ("aime_25", "aime_2025"),
        ("ifbench", "ifbench"),
        ("lcr", "aa_lcr"),
        ("aa_lcr", "aa_lcr"),
        ("tau2", "tau2_bench"),
        ("terminalbench_hard", "terminal_bench_hard"),
    ],
)
def test_aa_keys_map_to_registry_ids(registry: Registry, aa_key: str, benchmark_id: str) -> None:
    found = registry.by_aa_key(aa_key)
    assert found is not None
    assert found.id == benchmark_id
    assert registry.get(benchmark_id) is found


def test_aa_keys_ignore_case_spaces_and_dashes(registry: Registry) -> None:
    assert registry.by_aa_key(" GPQA ") is registry.get("gpqa_diamond")
    assert registry.by_aa_key("Terminalbench-Hard") is registry.get("terminal_bench_hard")


@pytest.mark.parametrize("aa_key", ["median_output_tokens_per_second", "", "mmlu", "gpqa_main"])
def test_keys_that_are_not_aa_benchmarks_give_none(registry: Registry, aa_key: str) -> None:
    assert registry.by_aa_key(aa_key) is None


def test_aa_keys_do_not_leak_into_card_label_lookup(registry: Registry) -> None:
    # AA's "gpqa" means GPQA Diamond, but a card's bare "GPQA" does not say which subset.
    assert registry.lookup("gpqa").id == "gpqa"  # type: ignore[union-attr]
    assert registry.lookup("aime") is None


def test_aa_only_benchmarks_are_named_for_cards_too(registry: Registry) -> None:
    expectations = {
        "AA-LCR": "aa_lcr",
        "SciCode": "scicode",
        "IFBench": "ifbench",
        "τ²-Bench Telecom": "tau2_bench",
        "Tau2-Bench": "tau2_bench",
        "TerminalBench Hard": "terminal_bench_hard",
        "Artificial Analysis Intelligence Index": "artificial_analysis_intelligence_index",
    }
    for label, benchmark_id in expectations.items():
        found = registry.lookup(label)
        assert found is not None and found.id == benchmark_id, label


def test_indices_are_marked_as_aggregates_not_percentages(registry: Registry) -> None:
    indices = [b for b in registry if b.id.startswith("artificial_analysis_")]
    assert len(indices) >= 3
    assert all(b.category == "aggregate" and b.scale == "other" for b in indices)
