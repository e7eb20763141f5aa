"""Hub-style metadata validation: exact messages for model-index, base_model and .eval_results."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from ruamel.yaml import YAML

from hfeval.validation import (
    validate_card_metadata,
    validate_eval_result_entry,
    validate_eval_results,
    validate_model_index,
)


def _valid_result() -> dict[str, Any]:
    return {
        "task": {"type": "text-generation", "name": "Text Generation"},
        "dataset": {"type": "cais/mmlu", "name": "MMLU", "config": "all", "split": "test"},
        "metrics": [{"type": "acc", "value": 71.2, "name": "5-shot accuracy"}],
        "source": {"name": "Model README", "url": "https://huggingface.co/org/model"},
    }


def _model_index(**result_overrides: Any) -> list[dict[str, Any]]:
    result = _valid_result()
    result.update(result_overrides)
    return [{"name": "org/model", "results": [result]}]


def test_a_complete_model_index_is_valid() -> None:
    assert validate_model_index(_model_index()) == []


def test_string_metric_values_and_unknown_keys_are_accepted() -> None:
    index = _model_index(
        metrics=[{"type": "acc", "value": "20.0 ± 1.2", "args": {"anything": 1}, "extra": True}]
    )
    index[0]["unknown"] = "kept"
    assert validate_model_index(index) == []


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda r: r["dataset"].pop("name"),
            ['"model-index[0].results[0].dataset.name" is required'],
        ),
        (
            lambda r: r["dataset"].update(config=5),
            ['"model-index[0].results[0].dataset.config" must be a string'],
        ),
        (
            lambda r: r["dataset"].update(revision=20240101),
            ['"model-index[0].results[0].dataset.revision" must be a string'],
        ),
        (
            lambda r: r.update(metrics={"type": "acc", "value": 1}),
            ['"model-index[0].results[0].metrics" must be an array'],
        ),
        (
            lambda r: r["metrics"].append({"type": "f1", "value": 1, "config": 3}),
            ['"model-index[0].results[0].metrics[1].config" must be a string'],
        ),
        (
            lambda r: r["metrics"][0].pop("value"),
            ['"model-index[0].results[0].metrics[0].value" is required'],
        ),
        (
            lambda r: r["metrics"][0].update(value=None),
            ['"model-index[0].results[0].metrics[0].value" must be one of [number, string]'],
        ),
        (
            lambda r: r["metrics"][0].update(value=True),
            ['"model-index[0].results[0].metrics[0].value" must be one of [number, string]'],
        ),
        (
            lambda r: r["metrics"][0].update(value=float("nan")),
            ['"model-index[0].results[0].metrics[0].value" must be one of [number, string]'],
        ),
        (
            lambda r: r["metrics"][0].update(verified="yes"),
            ['"model-index[0].results[0].metrics[0].verified" must be a boolean'],
        ),
        (
            lambda r: r["source"].pop("url"),
            ['"model-index[0].results[0].source.url" is required'],
        ),
        (
            lambda r: r.update(source="https://example.org"),
            ['"model-index[0].results[0].source" must be of type object'],
        ),
        (
            lambda r: r.pop("task"),
            ['"model-index[0].results[0].task" is required'],
        ),
        (
            lambda r: r["task"].update(type=""),
            ['"model-index[0].results[0].task.type" is not allowed to be empty'],
        ),
        (
            lambda r: r.pop("metrics"),
            ['"model-index[0].results[0].metrics" is required'],
        ),
    ],
)
def test_result_messages(mutate: Any, expected: list[str]) -> None:
    index = _model_index()
    mutate(index[0]["results"][0])
    assert validate_model_index(index) == expected


def test_every_problem_is_reported_in_document_order() -> None:
    index = [
        {"results": [{"task": {}, "dataset": {"type": "x"}, "metrics": [{"value": 1}]}]},
        "not an entry",
    ]
    assert validate_model_index(index) == [
        '"model-index[0].name" is required',
        '"model-index[0].results[0].task.type" is required',
        '"model-index[0].results[0].dataset.name" is required',
        '"model-index[0].results[0].metrics[0].type" is required',
        '"model-index[1]" must be of type object',
    ]


def test_model_index_shape_messages() -> None:
    assert validate_model_index({"name": "x"}) == ['"model-index" must be an array']
    assert validate_model_index([{"name": "x"}]) == ['"model-index[0].results" is required']
    assert validate_model_index([{"name": "x", "results": {}}]) == [
        '"model-index[0].results" must be an array'
    ]


def test_card_metadata_checks_base_model_and_model_index() -> None:
    assert validate_card_metadata({"license": "not-a-licence", "anything": [1, 2]}) == []
    assert validate_card_metadata({"base_model": ""}) == ['"base_model" is not allowed to be empty']
    assert validate_card_metadata({"base_model": "/home/me/checkpoints/run-3"}) == [
        "base_model with value '/home/me/checkpoints/run-3' is not valid"
    ]
    assert validate_card_metadata({"base_model": ["org/base", ""]}) == [
        '"base_model[1]" is not allowed to be empty'
    ]
    assert validate_card_metadata({"base_model": 3}) == [
        '"base_model" must be one of [string, array]'
    ]
    assert validate_card_metadata({"base_model": "Qwen/Qwen3-8B", "model-index": "x"}) == [
        '"model-index" must be an array'
    ]
    assert validate_card_metadata(["not", "a", "mapping"]) == ['"metadata" must be of type object']


def test_minimal_eval_results_entry_is_valid() -> None:
    entries = [{"dataset": {"id": "cais/hle", "task_id": "hle"}, "value": 20.9}]
    assert validate_eval_results(entries) == []


def test_eval_results_messages() -> None:
    entries = [
        {"dataset": {"id": "cais/hle"}, "value": "20.9"},
        {"dataset": {"id": "cais/hle", "task_id": "hle"}, "source": {"name": "traces"}},
        {
            "dataset": {"id": "cais/hle", "task_id": "hle"},
            "value": 1,
            "date": datetime.date(2025, 1, 15),
        },
        "oops",
    ]
    assert validate_eval_results(entries) == [
        '"[0].dataset.task_id" is required',
        '"[0].value" must be a number',
        '"[1].value" is required',
        '"[1].source.url" is required',
        '"[2].date" must be a string',
        '"[3]" must be of type object',
    ]
    assert validate_eval_results({"dataset": {}}) == ['"value" must be an array']


def test_a_single_entry_reads_relative_paths() -> None:
    assert validate_eval_result_entry({"dataset": {"id": "a/b", "task_id": "t"}}) == [
        '"value" is required'
    ]
    assert validate_eval_result_entry({"value": 1}) == ['"dataset" is required']


def test_round_trip_loaded_cards_validate_like_plain_ones() -> None:
    loader = YAML()
    card = loader.load(
        "model-index:\n- name: m\n  results:\n  - task: {type: text-generation}\n"
        "    dataset: {type: cais/mmlu, name: MMLU, config: 2024}\n"
        "    metrics: [{type: acc, value: 71.2, verified: &flag true}, {type: b, value: *flag}]\n"
    )
    assert validate_card_metadata(card) == [
        '"model-index[0].results[0].dataset.config" must be a string',
        '"model-index[0].results[0].metrics[1].value" must be one of [number, string]',
    ]
