""".eval_results planning: nothing lost, variants, metadata changes, migration and duplicates."""

from __future__ import annotations

from dataclasses import replace

import pytest
from builders import README_URL, desired_repo, observation

from hfeval.eval_entries import benchmark_file, eval_results_file
from hfeval.eval_results import (
    EvalPlan,
    ForeignFiles,
    InvalidEvalFile,
    parse_eval_file,
    plan_eval_files,
)
from hfeval.plan import Action

GPQA = ".eval_results/gpqa.yaml"
HLE = ".eval_results/hle.yaml"
LEGACY = ".eval_results/model-readme.yaml"
OURS = f"  source:\n    url: {README_URL}\n    name: Model README\n"


def desired(values: dict[str, float], *, prune: bool = False, setup: str | None = None):
    observations = [
        replace(observation(k, v), notes=setup, variant=setup) for k, v in values.items()
    ]
    return desired_repo(observations, targets=("model-index", "eval-results"), prune=prune)


def only(plan: EvalPlan, path: str):
    (outcome,) = [o for o in plan.outcomes if o.path == path]
    return outcome


def test_file_names_follow_the_hub_convention_and_the_old_layout() -> None:
    assert benchmark_file("Idavidrein/gpqa", None) == GPQA
    assert benchmark_file("cais/hle", "With tools") == ".eval_results/hle_with_tools.yaml"
    assert benchmark_file("TIGER-Lab/MMLU-Pro", None) == ".eval_results/mmlu_pro.yaml"
    assert eval_results_file("Model README") == LEGACY


def test_registered_benchmarks_are_published_with_current_task_ids() -> None:
    want = desired({"MMLU-Pro": 35.1, "GPQA Diamond": 31.3, "MMLU": 64.8, "GSM8K": 57.9})
    assert [(e.dataset_id, e.task_id, e.notes) for e in want.eval_entries] == [
        ("TIGER-Lab/MMLU-Pro", "mmlu_pro", None),
        ("Idavidrein/gpqa", "diamond", None),
        ("openai/gsm8k", "gsm8k", None),
    ]
    assert any('"MMLU"' in n and "no Hub Benchmark dataset" in n for n in want.notes)


def test_new_file_has_no_date_no_label_notes_and_a_second_plan_is_a_no_op() -> None:
    want = desired({"GPQA Diamond (0-shot)": 31.3})
    outcome = only(plan_eval_files({}, want), GPQA)
    assert outcome.action is Action.CREATE and outcome.new_text is not None
    assert parse_eval_file(outcome.new_text) == [
        {
            "dataset": {"id": "Idavidrein/gpqa", "task_id": "diamond"},
            "value": 31.3,
            "source": {"url": README_URL, "name": "Model README"},
        }
    ]
    again = only(plan_eval_files({GPQA: outcome.new_text}, want), GPQA)
    assert again.action is Action.NOOP and again.new_text is None


def test_a_hand_added_variant_survives_a_rewrite_of_its_file() -> None:
    existing = (
        "- dataset:\n    id: cais/hle\n    task_id: hle\n  value: 44.9\n  notes: With tools\n"
        + OURS
        + "- dataset:\n    id: cais/hle\n    task_id: hle\n  value: 19.0\n"
        + OURS
    )
    plan = plan_eval_files({HLE: existing}, desired({"HLE": 20.0}))
    outcome = only(plan, HLE)
    assert outcome.new_text is not None
    entries = parse_eval_file(outcome.new_text)
    assert [(e.get("notes"), e["value"]) for e in entries] == [("With tools", 44.9), (None, 20.0)]
    assert [(c.action, c.before, c.after) for c in outcome.changes] == [(Action.UPDATE, 19.0, 20.0)]
    # Only the changed line differs: the variant's bytes are as they were.
    assert outcome.new_text == existing.replace("value: 19.0", "value: 20.0")


def test_a_variant_is_never_overwritten_by_the_default_setup_and_prune_shows_its_deletion() -> None:
    existing = (
        "- dataset:\n    id: cais/hle\n    task_id: hle\n  value: 44.9\n  notes: With tools\n"
    )
    kept = only(plan_eval_files({HLE: existing + OURS}, desired({"HLE": 20.0})), HLE)
    assert [(c.action, c.key.metric) for c in kept.changes] == [(Action.CREATE, "hle")]
    assert kept.new_text is not None and kept.new_text.startswith(existing + OURS)
    outcome = only(plan_eval_files({HLE: existing + OURS}, desired({"HLE": 20.0}, prune=True)), HLE)
    deleted = [c for c in outcome.changes if c.action is Action.DELETE]
    assert [(c.key.metric, c.before) for c in deleted] == [("hle (With tools)", 44.9)]


def test_spec_variants_are_separate_entries_in_separate_files() -> None:
    plain = desired({"HLE": 19.0})
    tools = desired({"HLE": 44.9}, setup="With tools")
    entries = [*plain.eval_entries, *tools.eval_entries]
    assert [(e.file, e.notes) for e in entries] == [
        (HLE, None),
        (".eval_results/hle_with_tools.yaml", "With tools"),
    ]
    assert entries[0].key != entries[1].key


EXTRAS = (
    "- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n    revision: 5503434d\n"
    "  value: 31.3\n  verifyToken: eyJ.signed.token\n  date: '2025-01-15'\n"
    f"  source:\n    url: {README_URL}\n    name: Model README\n    user: alice\n    org: acme\n"
    "  notes: 0-shot, checked by hand\n  x-custom: kept\n"
)


def test_fields_hfeval_does_not_produce_are_kept_and_an_equal_value_is_a_no_op() -> None:
    plan = plan_eval_files({GPQA: EXTRAS}, desired({"GPQA Diamond": 31.3}))
    outcome = only(plan, GPQA)
    assert outcome.action is Action.NOOP and outcome.new_text is None
    assert [c.action for c in outcome.changes] == [Action.NOOP]


def test_a_changed_value_keeps_every_other_field_but_never_a_stale_token_or_date() -> None:
    extras = EXTRAS.replace("  notes: 0-shot, checked by hand\n", "")
    outcome = only(plan_eval_files({GPQA: extras}, desired({"GPQA Diamond": 33.0})), GPQA)
    assert outcome.new_text is not None
    (entry,) = parse_eval_file(outcome.new_text)
    assert entry["value"] == 33.0
    assert entry["dataset"]["revision"] == "5503434d"
    assert entry["source"] == {
        "url": README_URL,
        "name": "Model README",
        "user": "alice",
        "org": "acme",
    }
    assert entry["x-custom"] == "kept"
    # A verifyToken signs the old value and the date dates the old run: never carried over.
    assert "verifyToken" not in entry and "date" not in entry


def test_a_metadata_only_change_is_planned_and_written() -> None:
    renamed = EXTRAS.replace("name: Model README", "name: Model card")
    outcome = only(plan_eval_files({GPQA: renamed}, desired({"GPQA Diamond": 31.3})), GPQA)
    assert outcome.action is Action.UPDATE and outcome.new_text == EXTRAS
    (change,) = outcome.changes
    assert change.category == "metadata" and change.action is Action.UPDATE
    assert change.reason == 'source name "Model card" -> "Model README"'


def test_a_raw_label_written_as_notes_by_earlier_hfeval_is_removed_as_metadata() -> None:
    old = (
        "  - dataset:\n      id: Idavidrein/gpqa\n      task_id: diamond\n    value: 31.3\n"
        f"    source:\n      url: {README_URL}\n      name: Model README\n"
        "    notes: GPQA Diamond (0-shot)\n"
    )
    outcome = only(plan_eval_files({GPQA: old}, desired({"GPQA Diamond (0-shot)": 31.3})), GPQA)
    assert outcome.new_text is not None and "notes" not in outcome.new_text
    assert [c.category for c in outcome.changes] == ["metadata"]


LEGACY_TEXT = (
    "  - dataset:\n      id: TIGER-Lab/MMLU-Pro\n      task_id: mmlu_pro\n    value: 35.1\n"
    "    date: '2026-11-01'\n"
    f"    source:\n      url: {README_URL}\n      name: Model README\n"
    "  - dataset:\n      id: Idavidrein/gpqa\n      task_id: gpqa_diamond\n    value: 31.3\n"
    "    date: '2026-11-01'\n"
    f"    source:\n      url: {README_URL}\n      name: Model README\n"
)


def test_entries_of_the_old_per_source_file_move_and_the_empty_file_is_deleted() -> None:
    plan = plan_eval_files({LEGACY: LEGACY_TEXT}, desired({"MMLU-Pro": 35.1, "GPQA Diamond": 31.3}))
    assert only(plan, LEGACY).action is Action.DELETE
    mmlu = only(plan, ".eval_results/mmlu_pro.yaml")
    assert mmlu.action is Action.CREATE and mmlu.new_text is not None
    (moved,) = parse_eval_file(mmlu.new_text)
    assert moved["date"] == "2026-11-01"  # the entry moves whole
    assert [(c.category, c.reason) for c in mmlu.changes] == [("metadata", f"moved from {LEGACY}")]
    gpqa = only(plan, GPQA)
    assert gpqa.new_text is not None
    assert parse_eval_file(gpqa.new_text)[0]["dataset"]["task_id"] == "diamond"
    assert gpqa.changes[0].reason == f'task_id "gpqa_diamond" -> "diamond"; moved from {LEGACY}'


def test_the_old_file_stays_while_it_holds_someone_elses_entry() -> None:
    foreign = "  - dataset:\n      id: cais/hle\n      task_id: hle\n    value: 9.0\n"
    plan = plan_eval_files({LEGACY: LEGACY_TEXT + foreign}, desired({"MMLU-Pro": 35.1}))
    # The file is hfeval's own: its entries move, the GPQA one (not produced) stays without prune.
    outcome = only(plan, LEGACY)
    assert outcome.action is Action.UPDATE and outcome.new_text is not None
    assert [e["dataset"]["id"] for e in parse_eval_file(outcome.new_text)] == [
        "Idavidrein/gpqa",
        "cais/hle",
    ]


AUTHORS = (
    "- dataset:\n    id: idavidrein/GPQA\n    task_id: diamond\n  value: {value}\n"
    "  source:\n    url: https://example.org/paper\n    name: Paper\n"
)


def test_the_same_score_elsewhere_on_main_is_already_present() -> None:
    files = {".eval_results/gpqa_diamond.yaml": AUTHORS.format(value=31.3)}
    plan = plan_eval_files(files, desired({"GPQA Diamond": 31.3}))
    assert plan.outcomes == () and plan.conflicts == ()
    assert any(n.startswith("already present: Idavidrein/gpqa diamond") for n in plan.notes)


def test_another_score_elsewhere_on_main_is_a_conflict_and_not_written() -> None:
    files = {".eval_results/gpqa_diamond.yaml": AUTHORS.format(value=29.0)}
    plan = plan_eval_files(files, desired({"GPQA Diamond": 31.3}))
    assert plan.outcomes == ()
    (conflict,) = plan.conflicts
    assert (conflict.hub_value, conflict.spec_value) == (29.0, 31.3)
    assert conflict.hub_source == ".eval_results/gpqa_diamond.yaml on main"


def test_another_users_open_pr_counts_like_main() -> None:
    others = [ForeignFiles("open PR #3 by other-user", {GPQA: AUTHORS.format(value=29.0)})]
    plan = plan_eval_files({}, desired({"GPQA Diamond": 31.3}), others=others)
    assert plan.outcomes == ()
    assert plan.conflicts[0].hub_source == f"{GPQA} in open PR #3 by other-user"
    same = [ForeignFiles("open PR #3 by other-user", {GPQA: AUTHORS.format(value=31.3)})]
    plan = plan_eval_files({}, desired({"GPQA Diamond": 31.3}), others=same)
    assert plan.outcomes == () and "open PR #3" in plan.notes[0]


def test_hfevals_own_entry_is_kept_current_while_a_duplicate_is_shown() -> None:
    mine = EXTRAS.replace("  notes: 0-shot, checked by hand\n", "")
    files = {GPQA: mine, ".eval_results/gpqa_diamond.yaml": AUTHORS.format(value=29.0)}
    plan = plan_eval_files(files, desired({"GPQA Diamond": 33.0}))
    assert only(plan, GPQA).action is Action.UPDATE
    assert [c.hub_value for c in plan.conflicts] == [29.0]


@pytest.mark.parametrize("text", ["{not: [valid", "dataset: {id: x}\n", "- 3\n"])
def test_an_invalid_file_hfeval_writes_is_refused(text: str) -> None:
    with pytest.raises(InvalidEvalFile):
        plan_eval_files({GPQA: text}, desired({"GPQA Diamond": 31.3}))


def test_an_invalid_file_of_someone_else_is_noted_and_left_alone() -> None:
    plan = plan_eval_files({".eval_results/x.yaml": "- 3\n"}, desired({"GPQA Diamond": 31.3}))
    assert only(plan, GPQA).action is Action.CREATE
    assert any(".eval_results/x.yaml is not a valid" in n for n in plan.notes)


def test_a_variant_mapping_applies_per_benchmark() -> None:
    from hfeval.eval_entries import with_variant
    from hfeval.observations import SourceResult
    from hfeval.registry import default_registry

    result = SourceResult(
        "Model README", README_URL, (observation("HLE", 44.9), observation("GPQA Diamond", 31.3))
    )
    tools = with_variant(result, {"hle": "With tools"}, default_registry())
    assert [o.notes for o in tools.observations] == ["With tools", None]
    everything = with_variant(result, "No tools", default_registry())
    assert [o.notes for o in everything.observations] == ["No tools", "No tools"]


def test_a_log_entry_from_an_older_commit_of_the_logs_repo_is_still_hfevals() -> None:
    logs = "https://huggingface.co/datasets/acme/logs/blob/{}/r.json"
    new = replace(observation("GPQA Diamond", 33.0), source_url=logs.format("new"))
    want = desired_repo([new], targets=("eval-results",))
    old = (
        "- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n  value: 31.3\n"
        f"  source:\n    url: {logs.format('old')}\n    name: Model README\n"
    )
    plan = plan_eval_files({GPQA: old}, want)
    assert plan.conflicts == ()
    (change,) = only(plan, GPQA).changes
    assert (change.action, change.before, change.after) == (Action.UPDATE, 31.3, 33.0)
    assert change.reason is not None and "source url" in change.reason


def test_the_per_source_layout_keeps_one_file_per_source_and_moves_nothing() -> None:
    from hfeval.compile import compile_repo
    from hfeval.eval_entries import PER_SOURCE
    from hfeval.observations import SourceResult
    from hfeval.registry import default_registry

    want = compile_repo(
        repo_id="acme/m",
        spec_path="specs/acme/m.yaml",
        model_name="m",
        targets=["eval-results"],
        prune=False,
        replace_invalid=False,
        results=[
            SourceResult(
                "Model README",
                README_URL,
                (observation("MMLU-Pro", 35.1), observation("GPQA Diamond", 31.3)),
            )
        ],
        registry=default_registry(),
        eval_layout=PER_SOURCE,
    )
    assert {e.file for e in want.eval_entries} == {LEGACY}
    assert want.legacy_eval_files == ()
    plan = plan_eval_files({LEGACY: LEGACY_TEXT}, want)
    outcome = only(plan, LEGACY)
    # Nothing moves; the task id earlier hfeval wrote for GPQA is fixed where it is.
    assert sorted((c.key.task, c.action, c.reason) for c in outcome.changes) == [
        ("diamond", Action.UPDATE, 'task_id "gpqa_diamond" -> "diamond"'),
        ("mmlu_pro", Action.NOOP, None),
    ]
    assert outcome.new_text == LEGACY_TEXT.replace("task_id: gpqa_diamond", "task_id: diamond")


def test_hfevals_entry_is_updated_in_the_file_it_sits_in() -> None:
    elsewhere = ".eval_results/gpqa_diamond.yaml"
    mine = EXTRAS.replace("  notes: 0-shot, checked by hand\n", "")
    plan = plan_eval_files({elsewhere: mine}, desired({"GPQA Diamond": 33.0}))
    (outcome,) = plan.outcomes
    assert outcome.path == elsewhere and outcome.action is Action.UPDATE
    assert [(c.file, c.before, c.after) for c in outcome.changes] == [(elsewhere, 31.3, 33.0)]


def test_a_link_to_the_same_log_file_at_a_later_commit_is_not_a_change() -> None:
    logs = "https://huggingface.co/datasets/acme/logs/blob/{}/r.json"
    old = (
        "- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n  value: 31.3\n"
        f"  source:\n    url: {logs.format('old')}\n    name: Model README\n"
    )
    same = replace(observation("GPQA Diamond", 31.3), source_url=logs.format("new"))
    plan = plan_eval_files({GPQA: old}, desired_repo([same], targets=("eval-results",)))
    assert [o.action for o in plan.outcomes] == [Action.NOOP]
