""".eval_results planning: publishable entries, stable bytes, dates, prune, invalid files."""

from __future__ import annotations

from datetime import date

import pytest
from builders import desired_repo

from hfeval.compile import eval_results_file
from hfeval.eval_results import InvalidEvalFile, parse_eval_file, plan_eval_files
from hfeval.plan import Action

DAY_ONE = date(2026, 11, 1)
DAY_TWO = date(2026, 11, 29)
FILE = ".eval_results/model-readme.yaml"


def desired(values: dict[str, float], *, prune: bool = False):
    return desired_repo(values, targets=("model-index", "eval-results"), prune=prune)


def test_file_name_follows_the_source() -> None:
    assert eval_results_file("Model README") == FILE
    assert eval_results_file("Artificial Analysis") == ".eval_results/artificial-analysis.yaml"


def test_only_registered_benchmarks_are_published_and_others_are_explained() -> None:
    want = desired({"MMLU-Pro": 35.1, "GPQA Diamond": 31.3, "MMLU": 64.8})
    assert [(e.dataset_id, e.task_id) for e in want.eval_entries] == [
        ("TIGER-Lab/MMLU-Pro", "mmlu_pro"),
        ("Idavidrein/gpqa", "gpqa_diamond"),
    ]
    assert any('"MMLU"' in note and "not publishable" in note for note in want.notes)


def test_new_file_content_is_valid_and_second_plan_is_a_no_op() -> None:
    want = desired({"MMLU-Pro": 35.1, "GPQA Diamond": 31.3})
    (outcome,) = plan_eval_files({}, want, today=DAY_ONE)
    assert outcome.action is Action.CREATE and outcome.new_text is not None
    entries = parse_eval_file(outcome.new_text)
    assert entries[0] == {
        "dataset": {"id": "TIGER-Lab/MMLU-Pro", "task_id": "mmlu_pro"},
        "value": 35.1,
        "date": "2026-11-01",
        "source": {"url": "https://huggingface.co/acme/m", "name": "Model README"},
    }
    (again,) = plan_eval_files({FILE: outcome.new_text}, want, today=DAY_TWO)
    assert again.action is Action.NOOP and again.new_text is None


def test_changed_value_is_redated_and_unchanged_keeps_its_date() -> None:
    (first,) = plan_eval_files({}, desired({"MMLU-Pro": 35.1, "GPQA Diamond": 31.3}), today=DAY_ONE)
    assert first.new_text is not None
    (second,) = plan_eval_files(
        {FILE: first.new_text}, desired({"MMLU-Pro": 36.0, "GPQA Diamond": 31.3}), today=DAY_TWO
    )
    assert second.action is Action.UPDATE and second.new_text is not None
    by_task = {e["dataset"]["task_id"]: e for e in parse_eval_file(second.new_text)}
    assert by_task["mmlu_pro"]["date"] == "2026-11-29" and by_task["mmlu_pro"]["value"] == 36.0
    assert by_task["gpqa_diamond"]["date"] == "2026-11-01"
    update = [c for c in second.changes if c.action is Action.UPDATE]
    assert [(c.before, c.after) for c in update] == [(35.1, 36.0)]


def test_entries_no_longer_produced_need_prune() -> None:
    (first,) = plan_eval_files({}, desired({"MMLU-Pro": 35.1, "GPQA Diamond": 31.3}), today=DAY_ONE)
    assert first.new_text is not None
    (kept,) = plan_eval_files({FILE: first.new_text}, desired({"MMLU-Pro": 35.1}), today=DAY_TWO)
    assert kept.action is Action.NOOP
    (pruned,) = plan_eval_files(
        {FILE: first.new_text}, desired({"MMLU-Pro": 35.1}, prune=True), today=DAY_TWO
    )
    assert pruned.action is Action.UPDATE and pruned.new_text is not None
    assert [e["dataset"]["task_id"] for e in parse_eval_file(pruned.new_text)] == ["mmlu_pro"]


def test_the_same_entries_always_give_the_same_bytes() -> None:
    want = desired({"MMLU-Pro": 35.1, "GPQA Diamond": 31.3})
    texts = {plan_eval_files({}, want, today=DAY_ONE)[0].new_text for _ in range(3)}
    assert len(texts) == 1


@pytest.mark.parametrize("text", ["{not: [valid", "dataset: {id: x}\n", "- 3\n"])
def test_invalid_managed_file_is_refused(text: str) -> None:
    with pytest.raises(InvalidEvalFile):
        plan_eval_files({FILE: text}, desired({"MMLU-Pro": 35.1}), today=DAY_ONE)
