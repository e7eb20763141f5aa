"""Registry.extend: a spec repo's `registry:` list adds benchmarks, aliases and overrides."""

from __future__ import annotations

import pytest

from hfeval.errors import SpecError
from hfeval.registry import BenchmarkEntry, Registry


def test_a_new_benchmark_is_found_by_id_and_alias(registry: Registry) -> None:
    extended = registry.extend(
        [{"id": "arena_hard_v2", "name": "Arena-Hard v2.0", "aliases": ["Arena Hard 2"]}]
    )
    found = extended.lookup("arena hard 2 (win rate %)")
    assert found is not None
    assert found.id == "arena_hard_v2"
    assert found.name == "Arena-Hard v2.0"
    assert extended.get("arena_hard_v2") is found
    assert len(extended) == len(registry) + 1


def test_extend_returns_a_new_registry_and_leaves_the_original_alone(registry: Registry) -> None:
    extended = registry.extend([{"id": "mmlu", "aliases": ["Massive MMLU"]}])
    assert extended is not registry
    assert registry.lookup("Massive MMLU") is None
    assert extended.lookup("Massive MMLU") is extended.get("mmlu")


def test_entries_may_be_models_or_plain_mappings(registry: Registry) -> None:
    extended = registry.extend(
        [BenchmarkEntry(id="house_qa", aliases=("House QA",)), {"id": "other_qa"}]
    )
    assert extended.lookup("house-qa").id == "house_qa"  # type: ignore[union-attr]
    assert extended.get("other_qa").name == "other_qa"  # type: ignore[union-attr]


def test_an_existing_id_keeps_what_the_entry_does_not_set(registry: Registry) -> None:
    original = registry.get("gsm8k")
    assert original is not None
    extended = registry.extend(
        [{"id": "gsm8k", "aliases": ["Grade-school maths"], "dataset_split": "train"}]
    )
    changed = extended.get("gsm8k")
    assert changed is not None
    assert changed.dataset_split == "train"
    assert changed.dataset_id == original.dataset_id
    assert changed.name == original.name
    assert changed.eval_results_dataset == original.eval_results_dataset
    assert set(original.aliases) < set(changed.aliases)
    assert extended.lookup("GSM8K (5-shot)") is changed


def test_an_override_may_clear_a_field_explicitly(registry: Registry) -> None:
    extended = registry.extend([{"id": "mmlu", "dataset_config": None, "name": None}])
    changed = extended.get("mmlu")
    assert changed is not None
    assert changed.dataset_config is None
    assert changed.dataset_id == "cais/mmlu"
    assert changed.name == "MMLU"


def test_an_alias_claimed_by_two_ids_names_both(registry: Registry) -> None:
    with pytest.raises(SpecError) as raised:
        registry.extend([{"id": "my_mmlu", "aliases": ["MMLU"]}], where="hfeval.yaml")
    message = str(raised.value)
    assert "'my_mmlu'" in message and "'mmlu'" in message
    assert message.startswith("hfeval.yaml: ")
    assert raised.value.hint


def test_conflicts_within_one_extension_are_caught(registry: Registry) -> None:
    with pytest.raises(SpecError, match="'first_bench'") as raised:
        registry.extend(
            [
                {"id": "first_bench", "aliases": ["House Bench"]},
                {"id": "second_bench", "aliases": ["house_bench"]},
            ]
        )
    assert "'second_bench'" in str(raised.value)


def test_an_aa_key_claimed_twice_is_an_error(registry: Registry) -> None:
    with pytest.raises(SpecError, match="gpqa_diamond"):
        registry.extend([{"id": "house_gpqa", "aa_keys": ["gpqa"]}])


def test_an_alias_added_by_the_spec_repo_settles_an_ambiguous_label(registry: Registry) -> None:
    assert registry.lookup("AIME") is None
    extended = registry.extend([{"id": "aime_2025", "aliases": ["AIME"]}])
    assert extended.lookup("AIME (pass@1)") is extended.get("aime_2025")
    assert extended.ambiguity("AIME") is None
    assert extended.lookup("GSM") is None


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"id": "x", "colour": "red"}, "colour"),
        ({"id": "Not A Slug"}, "id"),
        ({"id": "x", "scale": "percentage"}, "scale"),
        ({"id": "x", "aliases": "MMLU"}, "aliases"),
        ({"id": "x", "aliases": [" "]}, "aliases"),
        ({"name": "no id"}, "id"),
    ],
)
def test_invalid_entries_are_spec_errors_naming_the_field(
    registry: Registry, entry: dict[str, object], problem: str
) -> None:
    with pytest.raises(SpecError, match=problem) as raised:
        registry.extend([{"id": "fine"}, entry], where="specs/hfeval.yaml")
    assert "registry entry 2" in str(raised.value)
    assert raised.value.where == "specs/hfeval.yaml"


def test_extending_with_nothing_gives_an_equal_registry(registry: Registry) -> None:
    extended = registry.extend([])
    assert [b.id for b in extended] == [b.id for b in registry]
    assert extended.lookup("MMLU (5-shot)") is registry.get("mmlu")
