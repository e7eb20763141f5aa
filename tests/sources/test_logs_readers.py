"""lm-evaluation-harness and lighteval results JSON -> task runs (hand-written fixture files)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from logs_helpers import LIGHTEVAL_FILE, LM_EVAL_FILE

from hfeval.sources.logs_lighteval import is_lighteval_results, read_lighteval_results
from hfeval.sources.logs_lm_eval import is_lm_eval_results, read_lm_eval_results
from hfeval.sources.logs_records import LIGHTEVAL, LM_EVAL, canonical_model, same_model


def lm_eval() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LM_EVAL_FILE.read_text())
    return data


def test_lm_eval_tasks_metrics_stderr_and_settings() -> None:
    runs = {run.task: run for run in read_lm_eval_results(lm_eval(), "logs/results.json")}
    assert list(runs) == [
        "arc_challenge",
        "gsm8k",
        "mmlu",
        "mmlu_humanities",
        "mmlu_formal_logic",
        "mmlu_world_religions",
        "acme_support_tickets",
    ]
    gsm8k = runs["gsm8k"]
    assert gsm8k.harness == LM_EVAL
    assert gsm8k.model == "acme/aurora-7b-instruct"
    assert gsm8k.metrics == {
        "exact_match,strict-match": 0.5792266868840031,
        "exact_match,flexible-extract": 0.5943896891584534,
    }
    assert gsm8k.stderr["exact_match,strict-match"] == 0.013598024124587
    assert (gsm8k.samples, gsm8k.dataset_samples, gsm8k.shots) == (1319, 1319, 5)
    assert gsm8k.run_date == "2026-01-04"
    assert gsm8k.partial is None
    assert runs["acme_support_tickets"].stderr == {}  # "N/A" is not a number
    assert runs["mmlu_formal_logic"].groups == ("mmlu_humanities", "mmlu")
    assert runs["mmlu"].groups == ()


def test_lm_eval_model_from_model_args_when_model_name_is_absent() -> None:
    data = lm_eval()
    del data["model_name"]
    (run, *_) = read_lm_eval_results(data, "r.json")
    assert run.model == "acme/aurora-7b-instruct"
    data["config"]["model_args"] = {"model": "acme/aurora-7b-instruct", "base_url": "http://x"}
    (run, *_) = read_lm_eval_results(data, "r.json")
    assert run.model == "acme/aurora-7b-instruct"


def test_lm_eval_limit_and_effective_samples_make_a_partial_run() -> None:
    data = lm_eval()
    data["config"]["limit"] = 100
    data["n-samples"]["gsm8k"]["effective"] = 100
    runs = {run.task: run for run in read_lm_eval_results(data, "r.json")}
    assert runs["gsm8k"].partial == "100 of 1,319 samples"
    assert runs["acme_support_tickets"].partial == "500 of 500 samples"  # limit above its size


def test_lighteval_tasks_skip_the_average_and_read_shots() -> None:
    data = json.loads(LIGHTEVAL_FILE.read_text())
    runs = read_lighteval_results(data, LIGHTEVAL_FILE.name)
    assert [run.task for run in runs] == [
        "leaderboard|arc:challenge|25",
        "leaderboard|hellaswag|10",
        "lighteval|acme_tickets|0",
    ]
    arc = runs[0]
    assert arc.harness == LIGHTEVAL
    assert arc.model == "acme/aurora-7b-instruct"
    assert arc.metrics == {"acc": 0.5349829351535836, "acc_norm": 0.5639931740614335}
    assert arc.stderr["acc_norm"] == 0.014491225699230916
    assert arc.shots == 25
    assert arc.run_date == "2026-02-01"  # from the file name lighteval stamps
    assert arc.partial is None


def test_lighteval_max_samples_is_partial() -> None:
    data = json.loads(LIGHTEVAL_FILE.read_text())
    data["config_general"]["max_samples"] = 50
    (arc, *_) = read_lighteval_results(data, "results.json")
    assert arc.partial == "50 samples (limit 50)"


def test_formats_are_told_apart() -> None:
    lighteval = json.loads(LIGHTEVAL_FILE.read_text())
    assert is_lm_eval_results(lm_eval()) and not is_lighteval_results(lm_eval())
    assert is_lighteval_results(lighteval) and not is_lm_eval_results(lighteval)
    assert not is_lm_eval_results({"results": {}})  # no lm-eval bookkeeping keys


@pytest.mark.parametrize(
    "logged",
    [
        "acme/aurora-7b-instruct",
        "hf/acme/aurora-7b-instruct",
        "hf-inference-providers/acme/aurora-7b-instruct:fastest",
        "vllm/acme/aurora-7b-instruct",
        "openai-api/lab/acme/aurora-7b-instruct",
        "mockllm/ACME/Aurora-7B-Instruct",
    ],
)
def test_provider_decoration_is_not_another_model(logged: str) -> None:
    assert same_model(logged, "acme/aurora-7b-instruct")


@pytest.mark.parametrize(
    "logged",
    ["acme/aurora-7b", "hf/acme/other", "/data/ckpt/acme/aurora-7b-instruct", "mockllm/model"],
)
def test_other_models_do_not_match(logged: str) -> None:
    assert not same_model(logged, "acme/aurora-7b-instruct")


def test_canonical_model() -> None:
    assert canonical_model("hf-inference-providers/acme/m:cheapest") == "acme/m"


def test_lm_eval_group_without_its_own_score_is_not_a_task() -> None:
    data = lm_eval()
    data["results"]["leaderboard"] = {"alias": "leaderboard"}
    data["group_subtasks"]["leaderboard"] = ["gsm8k"]
    data["results"]["acme_empty"] = {"alias": "acme_empty"}  # a task, even without scores
    tasks = [run.task for run in read_lm_eval_results(data, "r.json")]
    assert "leaderboard" not in tasks and "acme_empty" in tasks
