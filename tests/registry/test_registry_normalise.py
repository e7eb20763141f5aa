"""normalise_label, clean_label, strip_qualifier and slugify: the pure text functions."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from hfeval.registry import clean_label, default_registry, normalise_label, slugify, strip_qualifier
from hfeval.registry.lookup import _normalise_marked


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("**HellaSwag**", "hellaswag"),
        ("Hella<br>Swag", "hellaswag"),
        ("hella_swag", "hellaswag"),
        ("HumanEval+", "humanevalplus"),
        ("HumanEval Plus", "humanevalplus"),
        ("τ²-Bench", "tau2bench"),
        ("τ<sup>2</sup>-Bench", "tau2bench"),
        ("τ-bench", "taubench"),
        ("MMLU<sup>1</sup>", "mmlu"),
        ("MMLU¹", "mmlu"),
        ("[GSM8K](https://example.org/gsm8k)", "gsm8k"),
        ("GSM8K (5-shot)", "gsm8k5shot"),
        ("C-Eval", "ceval"),
        ("Math & Code", "mathandcode"),
        ("", ""),
    ],
)
def test_normalise_label(label: str, key: str) -> None:
    assert normalise_label(label) == key


@pytest.mark.parametrize(
    ("label", "cleaned"),
    [
        ("**MMLU** (5-shot)", "MMLU (5-shot)"),
        ("<b>Hella</b><br>Swag", "Hella Swag"),
        ("MMMU<sub>val</sub>", "MMMU val"),
        ("agieval_aqua_rat", "agieval_aqua_rat"),
        ("_Italic Bench_", "Italic Bench"),
        ("GPQA&nbsp;Diamond ✱", "GPQA Diamond"),
    ],
)
def test_clean_label_removes_markup_but_keeps_words(label: str, cleaned: str) -> None:
    assert clean_label(label) == cleaned


@pytest.mark.parametrize(
    ("label", "stripped"),
    [
        ("MMLU (5-shot)", "MMLU"),
        ("GSM8K CoTT 8-shot", "GSM8K CoTT"),
        ("GSM8K CoTT", "GSM8K"),
        ("TruthfulQA (MC) (0-s)", "TruthfulQA (MC)"),
        ("AIME 2024 cons@64", "AIME 2024"),
        ("AIME 2025 5-shot", "AIME 2025"),
        ("LiveCodeBench (10/01/2024-02/01/2025)", "LiveCodeBench"),
        ("MMLU-Pro", None),
        ("GPQA (Diamond)", None),
        ("AIME (2024)", None),
        ("SQuAD v2", None),
        ("TAU-Bench (Retail)", None),
        ("(5-shot)", None),
        ("pass@1", None),
    ],
)
def test_strip_qualifier_removes_settings_only(label: str, stripped: str | None) -> None:
    assert strip_qualifier(label) == stripped


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("Arena Hard", "arena_hard"),
        ("**Foo-Bench** (5-shot)", "foo_bench_5_shot"),
        ("HumanEval+", "humaneval_plus"),
        ("τ²-Bench", "tau2_bench"),
        ("!!!", "unknown"),
    ],
)
def test_slugify(label: str, slug: str) -> None:
    assert slugify(label) == slug


@given(st.text(max_size=60))
def test_lookup_and_normalise_accept_any_text(label: str) -> None:
    key = normalise_label(label)
    assert key == "".join(char for char in key if char.isalnum())
    default_registry().lookup(label)
    default_registry().ambiguity(label)
    slug = slugify(label)
    assert slug and set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789_")


@given(st.from_regex(r"[A-Za-z][A-Za-z0-9 +\-]{0,30}", fullmatch=True))
def test_normalising_twice_changes_nothing(label: str) -> None:
    assert normalise_label(normalise_label(label)) == normalise_label(label)


@given(st.from_regex(r"[A-Za-z0-9 ._/,:;()_-]{0,40}", fullmatch=True))
def test_the_plain_text_shortcut_agrees_with_the_full_normalisation(label: str) -> None:
    assert normalise_label(label) == _normalise_marked(label)
