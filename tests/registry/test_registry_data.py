"""The packaged data file: valid against BenchmarkEntry, complete, and free of placeholders."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped, unused-ignore]

from hfeval.errors import SpecError
from hfeval.registry import BenchmarkEntry, Registry, default_registry, normalise_label
from hfeval.registry.data import read_registry_data

from .registry_facts import FACT_SHEET, SHEET_AMBIGUOUS

# Hub datasets with public evidence of Benchmark registration (fact sheet `registered_benchmarks`).
REGISTERED_BENCHMARK_DATASETS = {
    "cais/hle",
    "Idavidrein/gpqa",
    "TIGER-Lab/MMLU-Pro",
    "openai/gsm8k",
    "SWE-bench/SWE-bench_Verified",
    "terminal-bench/terminal-bench-2.0",
    "MathArena/aime_2026",
}


def _raw_data() -> dict[str, Any]:
    text = resources.files("hfeval.registry").joinpath("benchmarks.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def test_every_entry_of_the_data_file_validates_as_a_benchmark_entry() -> None:
    entries = _raw_data()["benchmarks"]
    validated = [BenchmarkEntry.model_validate(entry) for entry in entries]
    assert len(validated) == len(entries)
    assert all(entry.name for entry in validated), "every shipped entry has a display name"


def test_registry_holds_every_fact_sheet_benchmark_and_more_than_a_hundred(
    registry: Registry,
) -> None:
    assert len(registry) >= 100
    missing = set(FACT_SHEET["labels"]) - {benchmark.id for benchmark in registry}
    assert not missing


def test_ids_are_unique_snake_case(registry: Registry) -> None:
    ids = [benchmark.id for benchmark in registry]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9_]*", benchmark_id) for benchmark_id in ids)


def test_dataset_fields_hold_real_hub_values_only(registry: Registry) -> None:
    for benchmark in registry:
        values = (benchmark.dataset_id, benchmark.dataset_config, benchmark.dataset_split)
        for value in values:
            assert value is None or re.fullmatch(r"[\w.\-/]+", value), (benchmark.id, value)
        if benchmark.dataset_id is None:
            assert benchmark.dataset_config is None and benchmark.dataset_split is None
        else:
            assert re.fullmatch(r"[\w.\-]+/[\w.\-]+", benchmark.dataset_id), benchmark.dataset_id


def test_eval_results_only_for_registered_hub_benchmarks(registry: Registry) -> None:
    with_eval_results = {
        benchmark.id: benchmark.eval_results_dataset
        for benchmark in registry
        if benchmark.eval_results_dataset
    }
    assert set(with_eval_results.values()) == REGISTERED_BENCHMARK_DATASETS
    assert with_eval_results["gpqa_diamond"] == "Idavidrein/gpqa"
    assert registry.get("gpqa") is not None
    assert registry.get("gpqa").eval_results_dataset is None  # type: ignore[union-attr]
    for benchmark in registry:
        if benchmark.eval_results_task is not None:
            assert benchmark.eval_results_dataset is not None


@pytest.mark.parametrize(
    ("benchmark_id", "dataset", "config", "split", "task"),
    [
        ("mmlu", "cais/mmlu", "all", "test", None),
        ("mmlu_pro", "TIGER-Lab/MMLU-Pro", "default", "test", "mmlu_pro"),
        ("gpqa_diamond", "Idavidrein/gpqa", "gpqa_diamond", "train", "diamond"),
        ("hle", "cais/hle", "default", "test", "hle"),
        ("gsm8k", "openai/gsm8k", "main", "test", "gsm8k"),
        ("arc_challenge", "allenai/ai2_arc", "ARC-Challenge", "test", None),
        ("hellaswag", "Rowan/hellaswag", None, "validation", None),
        ("humaneval", "openai/openai_humaneval", None, "test", None),
        ("math_500", "HuggingFaceH4/MATH-500", "default", "test", None),
        ("ifeval", "google/IFEval", None, "train", None),
        ("agieval", None, None, None, None),
    ],
)
def test_hub_facts_of_common_benchmarks(
    registry: Registry,
    benchmark_id: str,
    dataset: str | None,
    config: str | None,
    split: str | None,
    task: str | None,
) -> None:
    benchmark = registry.get(benchmark_id)
    assert benchmark is not None
    assert (benchmark.dataset_id, benchmark.dataset_config, benchmark.dataset_split) == (
        dataset,
        config,
        split,
    )
    assert benchmark.eval_results_task == task


def test_scales_follow_the_benchmark(registry: Registry) -> None:
    scales = {benchmark.id: benchmark.scale for benchmark in registry}
    assert scales["mmlu"] == "percent"
    assert scales["mt_bench"] == "score_0_10"
    assert scales["codeforces"] == "elo"
    assert scales["artificial_analysis_intelligence_index"] == "other"
    assert registry.get("realtoxicityprompts").higher_is_better is False  # type: ignore[union-attr]


def test_no_alias_is_hidden_behind_an_ambiguous_label(registry: Registry) -> None:
    ambiguous_keys = {
        normalise_label(item.label) for item in registry.ambiguous_labels if not item.case_sensitive
    }
    for benchmark in registry:
        for alias in (benchmark.name, *benchmark.aliases):
            assert normalise_label(alias) not in ambiguous_keys, (benchmark.id, alias)


def test_default_registry_is_built_once() -> None:
    assert default_registry() is default_registry()


def test_an_invalid_data_file_is_reported_with_its_location() -> None:
    with pytest.raises(SpecError, match=r"benchmarks\.yaml") as raised:
        read_registry_data("schema_version: 1\nbenchmarks:\n  - {id: x, colour: red}\n")
    assert "colour" in str(raised.value)


def test_a_data_file_with_a_duplicate_alias_is_refused() -> None:
    data = read_registry_data(
        "schema_version: 1\nbenchmarks:\n"
        "  - {id: one, aliases: [Shared Name]}\n"
        "  - {id: two, aliases: [shared-name]}\n"
    )
    with pytest.raises(SpecError, match="'one'") as raised:
        Registry(entry.to_benchmark() for entry in data.benchmarks)
    assert "'two'" in str(raised.value)


FACT_SHEET_FILE = Path(__file__).parents[3] / "shared" / "docs" / "benchmark-facts.yaml"


@pytest.mark.skipif(
    not FACT_SHEET_FILE.exists(), reason="the shared fact sheet is not beside the repo"
)
def test_label_fixture_is_in_step_with_the_shared_fact_sheet() -> None:
    # The fixture above is the test input; this only checks it was not left behind.
    sheet = yaml.safe_load(FACT_SHEET_FILE.read_text("utf-8"))
    for benchmark in sheet["benchmarks"]:
        listed = set(FACT_SHEET["labels"][benchmark["id"]]) | set(SHEET_AMBIGUOUS) | {"SWE-bench"}
        for label in (*benchmark.get("aliases", []), *(benchmark.get("labels_seen") or [])):
            assert label in listed, (benchmark["id"], label)
