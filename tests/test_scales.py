"""One scale per benchmark: conversion, range errors, disagreements, task ids from eval.yaml."""

from __future__ import annotations

from datetime import date

import pytest
from builders import README_URL, observation

from hfeval.benchmark_catalog import BenchmarkCatalog, eval_yaml_tasks, resolve_task
from hfeval.compile import compile_repo
from hfeval.observations import Observation, Provenance, SourceResult
from hfeval.registry import default_registry
from hfeval.scales import ScaleError, to_benchmark_scale

REGISTRY = default_registry()
TODAY = date(2026, 12, 7)
GPQA = REGISTRY.get("gpqa_diamond")
AA_URL = "https://artificialanalysis.ai/models/m"


def aa(key: str, value: float, *, publish: str | None = None) -> Observation:
    return Observation(
        benchmark=key,
        metric=None,
        value=value,
        provenance=Provenance("artificial_analysis", f"Artificial Analysis m, {key} {value}"),
        benchmark_type=REGISTRY.by_aa_key(key).id,  # type: ignore[union-attr]
        scale=publish or "fraction",
        publish_scale=publish,
    )


def compiled(*results: SourceResult, catalog: BenchmarkCatalog | None = None):
    return compile_repo(
        repo_id="acme/m",
        spec_path="specs/acme/m.yaml",
        model_name="m",
        targets=["model-index", "eval-results"],
        prune=False,
        replace_invalid=False,
        results=list(results),
        registry=REGISTRY,
        catalog=catalog,
    )


def readme(**values: float) -> SourceResult:
    labels = {"gpqa": "GPQA Diamond", "hle": "HLE", "gsm8k": "GSM8K"}
    return SourceResult(
        "Model README", README_URL, tuple(observation(labels[k], v) for k, v in values.items())
    )


def test_the_conversion_api_converts_and_says_so() -> None:
    assert to_benchmark_scale(0.652, "fraction", GPQA) == (65.2, "×100")
    assert to_benchmark_scale(41.7, None, GPQA) == (41.7, None)
    assert to_benchmark_scale(65.2, "percent", GPQA, override="fraction") == (0.652, "÷100")


@pytest.mark.parametrize(
    ("value", "scale", "message"),
    [
        (0.652, None, "looks like a 0–1 fraction"),
        (120.0, None, "out of range for a percent benchmark"),
        (120.0, "percent", "out of range"),
        (1.5, "fraction", "out of range"),
    ],
)
def test_impossible_values_raise(value: float, scale: str | None, message: str) -> None:
    with pytest.raises(ScaleError, match=message):
        to_benchmark_scale(value, scale, GPQA)


def test_a_stated_percentage_below_one_is_believed() -> None:
    assert to_benchmark_scale(0.8, "percent", GPQA) == (0.8, None)


def test_artificial_analysis_fractions_are_published_in_percent_with_provenance() -> None:
    want = compiled(SourceResult("Artificial Analysis", AA_URL, (aa("gpqa", 0.652),)))
    (result,) = want.results
    (metric,) = result.metrics
    assert metric.value == 65.2
    assert metric.provenance.description == "Artificial Analysis m, gpqa 0.652 ×100"
    assert metric.provenance.details["scale_conversion"] == "0.652 ×100"
    assert [e.value for e in want.eval_entries] == [65.2]


def test_an_explicit_scale_stays_an_override_and_is_noted() -> None:
    want = compiled(
        SourceResult("Artificial Analysis", AA_URL, (aa("gpqa", 0.652, publish="fraction"),))
    )
    assert want.results[0].metrics[0].value == 0.652
    assert any("published as a 0–1 fraction (the spec's `scale:`)" in n for n in want.notes)


def test_an_out_of_range_value_is_a_plan_error_and_not_published() -> None:
    want = compiled(readme(gpqa=0.652, hle=120.0, gsm8k=57.9))
    assert [(f.kind, f.severity, f.benchmark) for f in want.findings] == [
        ("out_of_range", "error", "GPQA Diamond"),
        ("out_of_range", "error", "HLE"),
    ]
    assert [e.task_id for e in want.eval_entries] == ["gsm8k"]
    assert [r.dataset_type for r in want.results] == ["openai/gsm8k"]


def test_sources_that_disagree_are_a_warning_beside_both_values() -> None:
    want = compiled(
        readme(gpqa=41.7), SourceResult("Artificial Analysis", AA_URL, (aa("gpqa", 0.652),))
    )
    (finding,) = want.findings
    assert (finding.kind, finding.severity) == ("disagreement", "warning")
    assert [(s, v) for s, v, _ in finding.values] == [
        ("Model README", 41.7),
        ("Artificial Analysis", 65.2),
    ]
    assert "Model README says 41.7" in finding.message
    assert "Artificial Analysis says 65.2" in finding.message
    # One score per identity: the first source in the spec is published, the other is noted.
    assert [(e.source_name, e.value) for e in want.eval_entries] == [("Model README", 41.7)]
    assert any("comes from Model README (41.7)" in n for n in want.notes)


def test_sources_within_tolerance_agree() -> None:
    want = compiled(
        readme(gpqa=65.0), SourceResult("Artificial Analysis", AA_URL, (aa("gpqa", 0.652),))
    )
    assert want.findings == ()


CATALOG = BenchmarkCatalog(
    official=frozenset({"idavidrein/gpqa", "openai/gsm8k", "cais/hle"}),
    tasks={"idavidrein/gpqa": ("diamond", "main"), "openai/gsm8k": ("main",), "cais/hle": None},
)


def test_task_ids_are_checked_against_eval_yaml_and_notes_say_the_true_reason() -> None:
    assert resolve_task("Idavidrein/gpqa", "diamond", CATALOG).task_id == "diamond"
    wrong = resolve_task("Idavidrein/gpqa", "gpqa_diamond", CATALOG)
    assert wrong.task_id is None
    assert (
        wrong.reason
        == "task id 'gpqa_diamond' is not a task of Idavidrein/gpqa's eval.yaml (diamond, main)"
    )
    single = resolve_task("openai/gsm8k", "gsm8k", CATALOG)
    assert single.task_id == "main" and "read from its eval.yaml" in (single.note or "")
    assert "no eval.yaml with tasks" in (resolve_task("cais/hle", "hle", CATALOG).reason or "")
    off = resolve_task("TIGER-Lab/MMLU-Pro", "mmlu_pro", CATALOG).reason or ""
    assert "not an official Hub benchmark" in off


def test_compile_uses_the_catalogue() -> None:
    want = compiled(readme(gpqa=41.7, hle=9.0, gsm8k=57.9), catalog=CATALOG)
    assert [(e.dataset_id, e.task_id) for e in want.eval_entries] == [
        ("Idavidrein/gpqa", "diamond"),
        ("openai/gsm8k", "main"),
    ]
    assert any('"HLE" (cais/hle has no eval.yaml with tasks' in n for n in want.notes)


def test_eval_yaml_tasks_reads_task_ids() -> None:
    assert eval_yaml_tasks("name: X\ntasks:\n  - id: a\n  - id: b\n    split: test\n") == ("a", "b")
    assert eval_yaml_tasks("name: X\n") is None
    assert eval_yaml_tasks("{broken") is None


def test_a_table_of_fractions_is_read_as_fractions_but_a_stray_one_is_an_error() -> None:
    dump = compiled(readme(gpqa=0.417, hle=0.09))
    assert [e.value for e in dump.eval_entries] == [41.7, 9.0]
    assert dump.findings == ()
    assert any("the table prints fractions" in n for n in dump.notes)
    stray = compiled(readme(gpqa=0.417, gsm8k=57.9))
    assert [f.benchmark for f in stray.findings] == ["GPQA Diamond"]


def test_findings_are_shown_in_text_markdown_and_json() -> None:
    import json

    from hfeval.diff import ObservedRepo, plan_repo
    from hfeval.plan import Plan
    from hfeval.render import render_json, render_markdown, render_text

    want = compiled(
        readme(gpqa=41.7), SourceResult("Artificial Analysis", AA_URL, (aa("gpqa", 0.652),))
    )
    repo = plan_repo(want, ObservedRepo("main", "0" * 40, {}), mode="commit", today=TODAY)
    plan = Plan(repos=(repo,))
    message = want.findings[0].message
    assert f"# warning: {message}" in render_text(plan)
    assert message in render_markdown(plan)
    (finding,) = json.loads(render_json(plan))["changes"][0]["findings"]
    assert finding["kind"] == "disagreement" and len(finding["values"]) == 2
    assert plan.disagreements and not plan.failed
    errors = compiled(readme(gpqa=120.0, hle=3.0))
    failed = Plan(
        repos=(plan_repo(errors, ObservedRepo("main", "0" * 40, {}), mode="commit", today=TODAY),)
    )
    assert failed.failed and failed.exit_code(detailed=False) == 1


def test_findings_survive_the_saved_plan_file() -> None:
    from hfeval.diff import ObservedRepo, plan_repo
    from hfeval.plan import Plan, plan_from_dict, plan_to_dict

    want = compiled(
        readme(gpqa=41.7), SourceResult("Artificial Analysis", AA_URL, (aa("gpqa", 0.652),))
    )
    repo = plan_repo(want, ObservedRepo("main", "0" * 40, {}), mode="commit", today=TODAY)
    plan = Plan(repos=(repo,))
    assert plan_from_dict(plan_to_dict(plan)).repos[0].findings == repo.findings


def test_for_model_index_alone_a_fraction_looking_value_is_a_warning_and_kept() -> None:
    want = compile_repo(
        repo_id="acme/m",
        spec_path="specs/acme/m.yaml",
        model_name="m",
        targets=["model-index"],
        prune=False,
        replace_invalid=False,
        results=[readme(gpqa=0.652, gsm8k=57.9, hle=120.0)],
        registry=REGISTRY,
    )
    assert [(f.benchmark, f.severity) for f in want.findings] == [
        ("GPQA Diamond", "warning"),
        ("HLE", "error"),  # out of range is an error whatever the target
    ]
    assert sorted(r.dataset_type for r in want.results) == ["Idavidrein/gpqa", "openai/gsm8k"]
