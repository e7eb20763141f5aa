"""Name parts and how a table label compares with the card's name."""

from __future__ import annotations

import pytest

from hfeval.choose.names import compare, kind_of, parts


def test_parts_fold_spelling_differences() -> None:
    assert parts("Qwen2-VL-7B-Instruct") == ("qwen", "2", "vl", "7b", "instruct")
    assert parts("Llama 3.1 8B") == parts("Llama-3.1-8B") == ("llama", "3.1", "8b")
    assert parts("Zephyr-7b-β") == ("zephyr", "7b", "beta")
    assert parts("Mistral-7B-v0.1")[-1] == "0.1"
    assert parts("MiniCPM 3.0") == ("minicpm", "3")
    assert parts("Llama 3.2 1B bf16")[-1] == "bf16"


@pytest.mark.parametrize(
    ("part", "kind"),
    [
        ("7b", "size"),
        ("8x7b", "size"),
        ("111m", "size"),
        ("3.1", "number"),
        ("0106", "number"),
        ("instruct", "variant"),
        ("int8", "variant"),
        ("params", "noise"),
        ("orion", "word"),
    ],
)
def test_kind_of(part: str, kind: str) -> None:
    assert kind_of(part) == kind


# (label, name): the label is another model than the name, and says where.
SIBLINGS = [
    ("Orion-70b", "Orion-7b", "70b"),
    ("Orion-7B-Chinese", "Orion-7B", "chinese"),
    ("Aurora-7B-Base", "aurora-7b-instruct", "base"),
    ("Baichuan-7B", "Baichuan2-7B-Base", "2"),
    ("OpenChat-3.5-1210", "openchat-3.5-0106", "1210"),
    ("Cerebras-GPT 1.3B", "Cerebras-GPT-13B", "1.3b"),
    ("Llama 3 8B", "Llama-3.1-8B", "3"),
    ("Qwen-7B", "Qwen2-7B", "2"),
    ("Florence-2-large-ft", "Florence-2-large", "ft"),
]


@pytest.mark.parametrize(("label", "name", "conflict"), SIBLINGS)
def test_a_sibling_conflicts(label: str, name: str, conflict: str) -> None:
    assert conflict in compare(label, name).conflicts


# (label, name): the label names the model, however written.
SAME = [
    ("Orion-7B", "Orion-7b"),
    ("InternLM2.5-7B", "internlm2_5-7b"),
    ("FalconMamba-7B", "falcon-mamba-7b"),
    ("Zephyr-7b-β", "zephyr-7b-beta"),
    ("**OLMo 7B** (ours)", "OLMo-7B"),
    ("BLOOM-176B", "bloom"),
    ("Qwen2-VL-7B", "Qwen2-VL-7B-Instruct"),
    ("Phi-3-Mini-128K-Ins", "Phi-3-mini-128k-instruct"),
    ("mDeBERTa-base", "mdeberta-v3-base"),
    ("Tülu 3 8B", "Tulu-3-8B"),
]


@pytest.mark.parametrize(("label", "name"), SAME)
def test_the_same_model_does_not_conflict(label: str, name: str) -> None:
    match = compare(label, name)
    assert not match.conflicts
    assert match.names_family


def test_an_exact_label_scores_above_a_partial_one() -> None:
    exact = compare("Aurora-7B-Instruct", "aurora-7b-instruct")
    partial = compare("Aurora-7B", "aurora-7b-instruct")
    assert exact.exact and not partial.exact
    assert exact.score > partial.score


def test_ignorable_parts_are_neither_shared_nor_missing() -> None:
    match = compare("Llama 3 8B", "Meta-Llama-3-8B", ignorable=frozenset({"meta"}))
    assert match.exact


def test_a_size_and_version_name_the_family_only_without_another_family_word() -> None:
    assert compare("Small 3.1 24B Instruct", "Mistral-Small-3.1-24B-Instruct-2503").names_family
    assert not compare("Llama 3.1 8B", "Nova-3.1-8B").names_family


def test_a_release_tag_left_off_is_no_conflict_but_another_is() -> None:
    assert not compare("Small 3.1 24B Instruct", "Mistral-Small-3.1-24B-Instruct-2503").conflicts
    assert "1210" in compare("OpenChat-3.5-1210", "openchat-3.5-0106").conflicts
