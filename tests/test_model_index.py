"""model-index merging: ownership by source, prune, conflicts, metadata-only changes."""

from __future__ import annotations

import copy
from typing import Any

from builders import README_URL, desired_repo, observation

from hfeval.compile import DesiredRepo
from hfeval.model_index import merge_model_index, same_value
from hfeval.observations import Observation
from hfeval.plan import Action


def desired(*observations: Observation, prune: bool = False) -> DesiredRepo:
    return desired_repo(observations, prune=prune)


def leaderboard_block(value: float = 59.81) -> dict[str, Any]:
    return {
        "task": {"type": "text-generation"},
        "dataset": {"name": "MMLU", "type": "cais/mmlu", "config": "all", "split": "test"},
        "metrics": [{"type": "mmlu", "value": value, "name": "accuracy"}],
        "source": {"name": "Open LLM Leaderboard", "url": "https://example.org/lb"},
    }


def test_new_model_index_has_one_block_per_dataset_with_registry_identity() -> None:
    outcome = merge_model_index(
        None, desired(observation("MMLU", 64.8), observation("GSM8K", 57.9))
    )
    assert outcome.model_index is not None
    (entry,) = outcome.model_index
    assert entry["name"] == "m"
    datasets = [r["dataset"]["type"] for r in entry["results"]]
    assert datasets == ["cais/mmlu", "openai/gsm8k"]
    mmlu = entry["results"][0]
    assert mmlu["metrics"] == [{"type": "mmlu", "value": 64.8, "name": "MMLU"}]
    assert mmlu["source"] == {"name": "Model README", "url": README_URL}
    assert mmlu["dataset"]["config"] == "all"
    assert [c.action for c in outcome.changes] == [Action.CREATE, Action.CREATE]


def test_unknown_benchmark_keeps_a_clean_slug() -> None:
    outcome = merge_model_index(None, desired(observation("Acme Internal QA v2", 12.5)))
    assert outcome.model_index is not None
    block = outcome.model_index[0]["results"][0]
    assert block["dataset"] == {"type": "acme_internal_qa_v2", "name": "Acme Internal QA v2"}
    assert block["metrics"][0]["type"] == "acme_internal_qa_v2"


def test_applying_the_merge_twice_is_a_no_op() -> None:
    want = desired(observation("MMLU", 64.8), observation("GSM8K", 57.9))
    first = merge_model_index(None, want)
    second = merge_model_index(first.model_index, want)
    assert not second.changed
    assert second.model_index == first.model_index
    assert {c.action for c in second.changes} == {Action.NOOP}


def test_value_change_updates_only_the_managed_metric() -> None:
    first = merge_model_index(None, desired(observation("MMLU", 64.8)))
    assert first.model_index is not None
    current = [copy.deepcopy(first.model_index[0])]
    current[0]["results"].insert(0, leaderboard_block())
    outcome = merge_model_index(current, desired(observation("MMLU", 65.0)))
    assert outcome.model_index is not None
    results = outcome.model_index[0]["results"]
    assert results[0] == leaderboard_block()  # unmanaged block untouched
    assert [c.hub_value for c in outcome.conflicts] == [59.81]  # shown, not overwritten
    (change,) = outcome.changes
    assert (change.action, change.before, change.after) == (Action.UPDATE, 64.8, 65.0)
    assert results[1]["metrics"][0]["value"] == 65.0


def test_unmanaged_block_with_other_value_is_a_conflict_not_an_overwrite() -> None:
    current = [{"name": "m", "results": [leaderboard_block(70.0)]}]
    outcome = merge_model_index(current, desired(observation("MMLU", 64.8)))
    assert outcome.model_index == current
    (conflict,) = outcome.conflicts
    assert conflict.hub_value == 70.0 and conflict.spec_value == 64.8
    assert conflict.hub_source == "Open LLM Leaderboard"
    assert not outcome.changed
    assert outcome.unmanaged == (("Open LLM Leaderboard", 1),)


def test_unmanaged_block_with_same_value_needs_nothing() -> None:
    current = [{"name": "m", "results": [leaderboard_block(64.8)]}]
    outcome = merge_model_index(current, desired(observation("MMLU", 64.8)))
    assert not outcome.changed and not outcome.conflicts
    assert outcome.model_index == current


def test_other_model_index_entries_are_never_touched() -> None:
    other = {"name": "someone-else", "results": [leaderboard_block()]}
    outcome = merge_model_index([other], desired(observation("MMLU", 64.8)))
    assert outcome.model_index is not None
    assert outcome.model_index[0] == other
    assert outcome.model_index[1]["name"] == "m"


def test_metric_no_longer_produced_is_kept_without_prune_and_removed_with_it() -> None:
    both = merge_model_index(None, desired(observation("MMLU", 1.0), observation("GSM8K", 2.0)))
    kept = merge_model_index(both.model_index, desired(observation("MMLU", 1.0)))
    assert not kept.changed
    assert kept.model_index == both.model_index
    pruned = merge_model_index(both.model_index, desired(observation("MMLU", 1.0), prune=True))
    removed = [c for c in pruned.changes if c.action is Action.DELETE]
    assert [(c.key.dataset, c.before, c.reason) for c in removed] == [
        ("openai/gsm8k", 2.0, "pruned_not_in_spec")
    ]
    assert pruned.model_index is not None
    assert [r["dataset"]["type"] for r in pruned.model_index[0]["results"]] == ["cais/mmlu"]


def test_renamed_label_is_a_metadata_only_change() -> None:
    first = merge_model_index(None, desired(observation("MMLU", 64.8)))
    outcome = merge_model_index(first.model_index, desired(observation("MMLU (5-shot)", 64.8)))
    (change,) = outcome.changes
    assert change.action is Action.UPDATE and change.category == "metadata"


def test_two_labels_for_one_metric_keep_the_first_and_say_so() -> None:
    want = desired(observation("MMLU", 64.8), observation("MMLU (5-shot)", 66.0))
    assert len(want.results) == 1 and len(want.results[0].metrics) == 1
    assert want.results[0].metrics[0].value == 64.8
    assert any("kept the first" in note for note in want.notes)


def test_sub_metrics_become_separate_metric_types() -> None:
    want = desired(
        observation("arc_challenge", 0.55, "acc"), observation("arc_challenge", 0.58, "acc_norm")
    )
    (block,) = want.results
    assert [m.type for m in block.metrics] == ["acc", "acc_norm"]


def test_same_value_compares_numbers_not_text() -> None:
    assert same_value("68.30", 68.3)
    assert same_value(68, 68.0)
    assert not same_value(0.683, 68.3)
    assert not same_value("20.0 ± 1.2", 20.0)
    assert not same_value(True, 1.0)
