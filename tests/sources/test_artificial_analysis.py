"""The artificial_analysis source: mapping AA keys to registry types, scale, notes, attribution.

Catalogues come from the sandbox endpoint's fixture (both API shapes) or are written inline when
a test needs an odd value; the registry is the real default one.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from pytest_regressions.data_regression import DataRegressionFixture

from hfeval.errors import ArtificialAnalysisError
from hfeval.observations import SourceResult
from hfeval.registry import Registry, default_registry
from hfeval.sandbox import aa_api
from hfeval.sources.aa_catalogue import AAModel, Catalogue, parse_page
from hfeval.sources.artificial_analysis import SOURCE_NAME, resolve_artificial_analysis
from hfeval.spec import ArtificialAnalysisSource

GOLDEN = Path(__file__).parents[2] / "golden" / "sources"
CIRRUS_PAGE = "https://artificialanalysis.ai/models/cirrus-2-mini"
CIRRUS: dict[str, Any] = {"creator": "acme", "model": "cirrus-2-mini"}


def sandbox_catalogue(flavor: str) -> Catalogue:
    """Every model the sandbox serves in this shape, fetched page by page through `handle`."""
    path = "/api/v2/data/llms/models" if flavor == "classic" else "/api/v2/language/models"
    models: list[AAModel] = []
    page_number = 1
    while True:
        status, _, body = aa_api.handle(
            "GET", path, {"page": [str(page_number)]}, {"x-api-key": "k"}
        )
        assert status == 200
        page = parse_page(json.loads(body), what=path)
        models.extend(page.models)
        if not page.has_more:
            return Catalogue("http://sandbox/aa/api/v2", flavor, 0.0, tuple(models))
        page_number += 1


def inline_catalogue(evaluations: Mapping[str, object], **more: Mapping[str, object]) -> Catalogue:
    """A catalogue with acme/cirrus-2-mini reporting `evaluations` (+ other acme models)."""
    entries = [
        {
            "id": slug,
            "name": slug,
            "slug": slug,
            "model_creator": {"slug": "acme"},
            "evaluations": ev,
        }
        for slug, ev in {"cirrus-2-mini": evaluations, **more}.items()
    ]
    page = parse_page({"data": entries}, what="test")
    return Catalogue("http://test", "classic", 0.0, page.models)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return default_registry()


@pytest.fixture(scope="module")
def classic() -> Catalogue:
    return sandbox_catalogue("classic")


@pytest.fixture(scope="module")
def language() -> Catalogue:
    return sandbox_catalogue("language")


def resolve(catalogue: Catalogue, registry: Registry, **config: Any) -> SourceResult:
    source = ArtificialAnalysisSource(**{**CIRRUS, **config})
    return resolve_artificial_analysis(source, catalogue, registry=registry)


def by_key(result: SourceResult) -> dict[str, Any]:
    return {observation.benchmark: observation for observation in result.observations}


def test_default_keeps_values_as_aa_reports_them(classic: Catalogue, registry: Registry) -> None:
    result = resolve(classic, registry)
    assert (result.source_name, result.source_url) == (SOURCE_NAME, CIRRUS_PAGE)
    assert result.source_name == "Artificial Analysis"
    gpqa = by_key(result)["gpqa"]
    assert (gpqa.metric, gpqa.value, gpqa.benchmark_type) == (None, 0.652, "gpqa_diamond")
    assert gpqa.provenance.kind == "artificial_analysis"
    assert gpqa.provenance.description == "Artificial Analysis cirrus-2-mini, gpqa 0.652"
    assert gpqa.provenance.url == CIRRUS_PAGE
    assert dict(gpqa.provenance.details) == {
        "source": "artificial_analysis",
        "creator": "acme",
        "model": "cirrus-2-mini",
        "key": "gpqa",
        "raw": 0.652,
        "scale": "fraction",
    }
    index = by_key(result)["artificial_analysis_intelligence_index"]
    assert (index.value, index.benchmark_type) == (41.3, "artificial_analysis_intelligence_index")


def test_every_fixture_key_maps_to_its_registry_id(classic: Catalogue, registry: Registry) -> None:
    types = {o.benchmark: o.benchmark_type for o in resolve(classic, registry).observations}
    assert types == {
        "artificial_analysis_intelligence_index": "artificial_analysis_intelligence_index",
        "artificial_analysis_coding_index": "artificial_analysis_coding_index",
        "artificial_analysis_math_index": "artificial_analysis_math_index",
        "mmlu_pro": "mmlu_pro",
        "gpqa": "gpqa_diamond",
        "hle": "hle",
        "livecodebench": "livecodebench",
        "scicode": "scicode",
        "math_500": "math_500",
        "aime": "aime_2024",
        "aime_25": "aime_2025",
        "ifbench": "ifbench",
        "tau2": "tau2_bench",
        "terminalbench_hard": "terminal_bench_hard",
    }


def test_null_value_is_skipped_with_a_note(classic: Catalogue, registry: Registry) -> None:
    result = resolve(classic, registry)
    assert "lcr" not in by_key(result)
    assert result.notes == (
        "lcr: Artificial Analysis has no value for cirrus-2-mini (null); skipped",
    )


def test_both_api_shapes_give_the_same_scores(
    classic: Catalogue, language: Catalogue, registry: Registry
) -> None:
    def scores(catalogue: Catalogue) -> dict[str | None, float]:
        result = resolve(catalogue, registry, scale="percent")
        return {o.benchmark_type: o.value for o in result.observations}

    assert scores(classic) == scores(language)
    renamed = by_key(resolve(language, registry))["gpqa_diamond"]
    assert renamed.benchmark_type == "gpqa_diamond"
    assert renamed.provenance.details["key"] == "gpqa_diamond"


def test_percent_scales_benchmarks_but_not_indices(classic: Catalogue, registry: Registry) -> None:
    result = resolve(classic, registry, scale="percent")
    observations = by_key(result)
    assert observations["gpqa"].value == 65.2
    assert observations["gpqa"].provenance.description == (
        "Artificial Analysis cirrus-2-mini, gpqa 0.652 ×100"
    )
    assert observations["gpqa"].provenance.details["raw"] == 0.652
    assert observations["gpqa"].provenance.details["scale"] == "percent"
    assert observations["hle"].value == 7.1
    index = observations["artificial_analysis_coding_index"]
    assert index.value == 33.8
    assert index.provenance.description == (
        "Artificial Analysis cirrus-2-mini, artificial_analysis_coding_index 33.8"
    )
    assert result.notes[-1] == (
        "scale percent: 0–1 benchmark scores multiplied by 100; indices unchanged"
    )


def test_percent_leaves_a_value_above_one_alone(registry: Registry) -> None:
    result = resolve(inline_catalogue({"gpqa": 65.2}), registry, scale="percent")
    assert by_key(result)["gpqa"].value == 65.2
    assert result.notes == ("gpqa: 65.2 is above 1, not a 0–1 fraction; not scaled",)


def test_metrics_selects_in_the_order_given(classic: Catalogue, registry: Registry) -> None:
    result = resolve(classic, registry, metrics=["hle", "mmlu_pro", "gpqa", "hle"])
    assert [o.benchmark for o in result.observations] == ["hle", "mmlu_pro", "gpqa"]
    assert result.notes == ()


@pytest.mark.parametrize("name", ["gpqa", "gpqa_diamond", "GPQA Diamond"])
def test_metric_names_work_across_api_shapes(
    name: str, classic: Catalogue, language: Catalogue, registry: Registry
) -> None:
    for catalogue in (classic, language):
        (observation,) = resolve(catalogue, registry, metrics=[name]).observations
        assert (observation.benchmark_type, observation.value) == ("gpqa_diamond", 0.652)


def test_selected_null_metric_is_a_note_not_an_error(
    classic: Catalogue, registry: Registry
) -> None:
    result = resolve(classic, registry, metrics=["lcr", "hle"])
    assert [o.benchmark for o in result.observations] == ["hle"]
    assert result.notes == (
        "lcr: Artificial Analysis has no value for cirrus-2-mini (null); skipped",
    )


def test_metric_other_models_report_is_a_note(registry: Registry) -> None:
    catalogue = inline_catalogue({"gpqa": 0.6}, **{"cirrus-2": {"hle": 0.1}})
    result = resolve(catalogue, registry, metrics=["gpqa", "hle"])
    assert [o.benchmark for o in result.observations] == ["gpqa"]
    assert result.notes == ("hle: Artificial Analysis reports no hle for cirrus-2-mini; skipped",)


def test_unknown_metric_names_the_closest_keys(classic: Catalogue, registry: Registry) -> None:
    with pytest.raises(ArtificialAnalysisError) as caught:
        resolve(classic, registry, metrics=["livecodebnch"])
    assert caught.value.message == (
        'metrics: "livecodebnch" is not an Artificial Analysis evaluation key'
    )
    assert caught.value.hint == "closest: livecodebench"


def test_unknown_key_is_kept_under_a_slug_with_a_note(registry: Registry) -> None:
    result = resolve(inline_catalogue({"gpqa": 0.6, "Acme Eval-v2": 0.31}), registry)
    unknown = by_key(result)["Acme Eval-v2"]
    assert (unknown.benchmark_type, unknown.value) == ("acme_eval_v2", 0.31)
    assert result.notes == (
        'Acme Eval-v2: not in the benchmark registry; kept as metric type "acme_eval_v2"',
    )


@pytest.mark.parametrize("value", ["0.5", True, float("nan"), {"score": 1}])
def test_a_value_that_is_not_a_number_is_skipped(value: object, registry: Registry) -> None:
    result = resolve(inline_catalogue({"gpqa": value, "hle": 0.1}), registry)
    assert [o.benchmark for o in result.observations] == ["hle"]
    assert result.notes == (f"gpqa: {value!r} is not a number; skipped",)


def test_model_without_evaluations_says_so(registry: Registry) -> None:
    result = resolve(inline_catalogue({}), registry)
    assert result.observations == ()
    assert result.notes == ("Artificial Analysis lists no evaluations for cirrus-2-mini",)


def test_lookup_by_aa_id(classic: Catalogue, registry: Registry) -> None:
    model_id = classic.find(creator="allenai", model="olmo-3-32b-think").id
    source = ArtificialAnalysisSource(id=model_id, metrics=["hle"])
    result = resolve_artificial_analysis(source, classic, registry=registry)
    assert result.source_url == "https://artificialanalysis.ai/models/olmo-3-32b-think"
    assert result.observations[0].provenance.details["creator"] == "allenai"


def test_model_not_found_is_an_error(classic: Catalogue, registry: Registry) -> None:
    with pytest.raises(ArtificialAnalysisError, match='no model "cirrus-3" by creator "acme"'):
        resolve(classic, registry, model="cirrus-3")


def test_an_unknown_scale_is_an_error(classic: Catalogue, registry: Registry) -> None:
    source = ArtificialAnalysisSource(**CIRRUS).model_copy(update={"scale": "per_mille"})
    with pytest.raises(ArtificialAnalysisError, match='unknown scale "per_mille"'):
        resolve_artificial_analysis(source, classic, registry=registry)


def test_cirrus_percent_golden(
    classic: Catalogue, registry: Registry, data_regression: DataRegressionFixture
) -> None:
    result = resolve(classic, registry, scale="percent")
    data = dataclasses.asdict(result)
    data_regression.check(data, fullpath=GOLDEN / "aa_cirrus_2_mini_percent.yml")


def test_sandbox_catalogue_helper_reads_every_page() -> None:
    assert (
        len(sandbox_catalogue("language").models) == len(sandbox_catalogue("classic").models) == 9
    )
