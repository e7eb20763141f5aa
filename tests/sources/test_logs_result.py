"""Task runs -> the logs source's observations: mapping, metric choice, scale, refusals."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import pytest
from logs_helpers import LM_EVAL_FILE

from hfeval.errors import SourceError
from hfeval.registry import Registry, default_registry
from hfeval.sources.logs_lm_eval import read_lm_eval_results
from hfeval.sources.logs_records import INSPECT, LIGHTEVAL, TaskRun
from hfeval.sources.logs_result import logs_source_result

MODEL = "acme/aurora-7b-instruct"
URL = "https://huggingface.co/acme/aurora-7b-instruct"


@dataclass(frozen=True)
class Settings:
    publish_partial: bool = False
    metrics: dict[str, str] | None = None
    scale: str | None = None


def run(**changes: object) -> TaskRun:
    base = TaskRun(
        harness=INSPECT,
        file="logs/a.eval",
        task="inspect_evals/gsm8k",
        model=f"hf/{MODEL}",
        metrics={"accuracy": 0.7103866565579985, "f1": 0.5},
        stderr={"accuracy": 0.0125},
        headline="accuracy",
        samples=1319,
        dataset_samples=1319,
        epochs=1,
        run_date="2026-01-04",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def result(runs: list[TaskRun], registry: Registry | None = None, **settings: object):
    return logs_source_result(
        runs,
        Settings(**settings),  # type: ignore[arg-type]
        registry=registry or default_registry(),
        model=MODEL,
        source_url=URL,
        task_type="text-generation",
    )


def test_headline_metric_on_the_registry_scale_with_provenance() -> None:
    out = result([run()])
    assert out.source_name == "inspect-ai"
    assert out.source_url == URL
    (obs,) = out.observations
    assert (obs.benchmark, obs.benchmark_type, obs.metric) == ("GSM8K", "gsm8k", None)
    assert obs.value == 71.04
    assert obs.date == "2026-01-04"
    assert obs.source_url is None  # a local file is never published as a URL
    assert obs.provenance.url is None
    assert obs.provenance.description == (
        "inspect-ai logs/a.eval, inspect_evals/gsm8k accuracy 0.7104 ±0.013 ×100"
    )
    details = obs.provenance.details
    assert details["stderr"] == 0.0125
    assert details["raw"] == 0.7103866565579985
    assert (details["samples"], details["epochs"], details["scale"]) == (1319, 1, "percent")
    assert out.notes == ()


def test_scale_fraction_overrides_and_metrics_pick_another_metric() -> None:
    (obs,) = result([run()], scale="fraction").observations
    assert obs.value == 0.7104
    assert obs.provenance.details["converted"] is False
    (obs,) = result([run()], metrics={"gsm8k": "f1"}).observations
    assert obs.value == 50.0
    assert obs.provenance.details["metric"] == "f1"


def test_a_metric_the_log_lacks_is_a_note_and_unused_metrics_keys_are_named() -> None:
    out = result([run()], metrics={"inspect_evals/gsm8k": "pass@1", "hle": "accuracy"})
    assert out.observations == ()
    assert out.notes == (
        'logs/a.eval: inspect_evals/gsm8k has no metric "pass@1" (it has: accuracy, f1)',
        'metrics: "hle" matches no task in these logs',
    )


def test_unknown_task_is_listed_not_guessed() -> None:
    out = result([run(task="arith"), run(task="mytasks/gsm8k")])
    assert out.observations == ()
    assert out.notes[0].startswith('logs/a.eval: task "arith" is not a known benchmark')
    assert "tasks:" in out.notes[0]
    assert 'task "mytasks/gsm8k" is not a known benchmark' in out.notes[1]


def test_registry_extension_names_a_local_task() -> None:
    registry = default_registry().extend([{"id": "gsm8k", "tasks": ["arith"]}])
    (obs,) = result([run(task="arith")], registry=registry).observations
    assert obs.benchmark_type == "gsm8k"


def test_partial_run_is_listed_and_published_only_when_asked() -> None:
    partial = run(samples=100, limit="100")
    out = result([partial])
    assert out.observations == ()
    assert out.notes == (
        "GSM8K = 71.04 not published: partial: 100 of 1,319 samples "
        "(logs/a.eval; `publish_partial: true` publishes it)",
    )
    (obs,) = result([partial], publish_partial=True).observations
    assert obs.benchmark == "GSM8K (partial: 100 of 1,319 samples)"
    assert obs.provenance.description.endswith(", partial: 100 of 1,319 samples")


@pytest.mark.parametrize("status", ["error", "cancelled", "started"])
def test_a_failed_run_publishes_nothing(status: str) -> None:
    out = result([run(status=status, error="RuntimeError('sandbox unavailable')", metrics={})])
    assert out.observations == ()
    assert out.notes == (
        f"logs/a.eval: inspect_evals/gsm8k ended with status {status} "
        "(RuntimeError('sandbox unavailable')); nothing published",
    )


def test_a_log_of_another_model_is_refused_naming_file_and_both_models() -> None:
    with pytest.raises(SourceError) as caught:
        result([run(), run(file="logs/b.eval", model="hf/acme/borealis-13b")])
    assert caught.value.message == (
        "logs/b.eval is a log of hf/acme/borealis-13b, not of acme/aurora-7b-instruct"
    )


def test_a_log_without_a_model_is_refused() -> None:
    with pytest.raises(SourceError, match=r"logs/a\.eval does not say which model it evaluated"):
        result([run(model=None)])


def test_one_harness_per_source() -> None:
    with pytest.raises(SourceError, match="these logs come from inspect-ai and lighteval"):
        result([run(), run(harness=LIGHTEVAL, task="lighteval|gsm8k|5")])


def test_no_runs_is_an_error() -> None:
    with pytest.raises(SourceError, match="no evaluation results"):
        result([])


def test_newest_run_of_a_task_comes_first() -> None:
    old = run(file="logs/old.eval", run_date="2025-12-01", metrics={"accuracy": 0.5})
    new = run(file="logs/new.eval", run_date="2026-01-04")
    out = result([old, new])
    assert [o.provenance.details["file"] for o in out.observations] == [
        "logs/new.eval",
        "logs/old.eval",
    ]


def test_lm_eval_file_end_to_end_folds_subtasks_and_uses_usual_metrics() -> None:
    runs = read_lm_eval_results(json.loads(LM_EVAL_FILE.read_text()), "logs/results.json")
    out = result(runs)
    assert out.source_name == "lm-evaluation-harness"
    values = {o.benchmark_type: (o.value, o.provenance.details["metric"]) for o in out.observations}
    assert values == {
        "arc_challenge": (56.57, "acc_norm,none"),  # the registry's usual metric for ARC
        "gsm8k": (57.92, "exact_match,strict-match"),
        "mmlu": (64.81, "acc,none"),
    }
    assert out.notes == (
        'logs/results.json: task "acme_support_tickets" is not a known benchmark; not '
        "published (add the task name to a registry entry's `tasks:` in hfeval.yaml)",
        "mmlu: 3 subtask scores folded into the group's score",
    )


def test_a_value_above_one_is_not_scaled_and_a_scoreless_run_is_named() -> None:
    out = result([run(metrics={"count": 12.0}, headline=None)])
    (obs,) = out.observations
    assert obs.value == 12.0 and obs.provenance.details["converted"] is False
    assert out.notes == (
        "logs/a.eval: inspect_evals/gsm8k count: 12.0 is above 1, not a 0–1 fraction; not scaled",
    )
    assert result([run(metrics={}, headline=None)]).notes == (
        "logs/a.eval: inspect_evals/gsm8k has no scores",
    )
