"""Cell cleaning and value parsing: markup away, values as printed, non-scores named."""

from __future__ import annotations

import pytest

from hfeval.tables.cells import NotAScore, clean_cell, label_text, match_key, parse_value


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("**71.6**", "71.6"),
        ("<u>**60.86**</u>", "60.86"),
        ("<ins>96.7</ins>", "96.7"),
        ("~~55.0~~ 56.1", "56.1"),
        ("~~only struck~~", "only struck"),
        ("[MMLU](https://arxiv.org/abs/2009.03300)", "MMLU"),
        ('<a href="https://example.org">Wren</a>', "Wren"),
        ("`Pipit-6B`", "Pipit-6B"),
        ("Hella<br>Swag", "Hella Swag"),
        ("MMMU<sub>val</sub>", "MMMU val"),
        ("Moatless<sup>[1]</sup>", "Moatless"),
        ("<sup>73.2%</sup>", "73.2%"),
        ("GPT-3 1.3B&ast;&ddagger;", "GPT-3 1.3B"),
        ("&check;", "✓"),
        ("68.2\\*", "68.2"),
        ("PTQ\\*\\*", "PTQ"),
        ("\\# Shots", "# Shots"),
        ("macro\\_avg/acc\\_char", "macro_avg/acc_char"),
        ("**OLMo 7B** (ours)", "OLMo 7B"),
        ("FairFaceGender<br>acc. (std*)", "FairFaceGender acc. (std)"),
        ("Zephyr-β^", "Zephyr-β"),
        ("*Negligible*\\*\\*", "Negligible"),
        ("48.2\t", "48.2"),
        ("Claude\\|2", "Claude|2"),
        ("snake_case_name", "snake_case_name"),
        ("_emphasis_", "emphasis"),
    ],
)
def test_clean_cell(raw: str, text: str) -> None:
    assert clean_cell(raw) == text


def test_label_text_drops_decoration_but_keeps_arrows_in_clean_text() -> None:
    assert clean_cell("LAMBADA PPL ↓") == "LAMBADA PPL ↓"
    assert label_text("🔥 Arithmo-7B 🪁") == "Arithmo-7B"


def test_match_key_ignores_markup_case_spacing_and_emoji() -> None:
    assert match_key("**StableLM Zephyr 3B** 🪁") == match_key("stablelm  zephyr 3b")
    assert match_key("LLAMA2 -CHAT 7B") == match_key("llama2-chat 7b")
    assert match_key("Zephyr-7b-α") != match_key("Zephyr-7b-β")
    assert match_key("meditron-70b") != match_key("meditron-7b")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("69.7", 69.7),
        ("69.7%", 69.7),
        ("0.903", 0.903),
        ("2029", 2029.0),
        ("1,342", 1342.0),
        ("60.86 ± 1.57", 60.86),
        ("3.9 +/- 0.1", 3.9),
        ("70.1 (5-shot)", 70.1),
        ("10.0 (8shot CoT)", 10.0),
        ("88.85 (?)", 88.85),
        ("92.7 (6.3)", 92.7),
        ("-1.37", -1.37),
    ],
)
def test_parse_value_reads_the_printed_number(text: str, value: float) -> None:
    assert parse_value(text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-", "placeholder '-'"),
        ("—", "placeholder '—'"),
        ("--", "placeholder '--'"),
        ("N/A", "placeholder 'N/A'"),
        ("?", "placeholder '?'"),
        ("", "empty cell"),
        ("nan", "placeholder 'nan'"),
        ("inf", "placeholder 'inf'"),
        ("4/30", "composite value '4/30'"),
        ("54.0/56.9", "composite value '54.0/56.9'"),
        ("36.6/-", "composite value '36.6/-'"),
        ("7B", "not a score: size '7B'"),
        ("2.4B", "not a score: size '2.4B'"),
        ("128K", "not a score: size '128K'"),
        ("13.29 GB", "not a score: size '13.29 GB'"),
        ("2023-09", "not a score: date '2023-09'"),
        ("1.5e22", "not a score: scientific notation '1.5e22'"),
        ("2.6E+18", "not a score: scientific notation '2.6E+18'"),
        ("~800", "not a score: approximate '~800'"),
        ("✓", "not a score: check mark '✓'"),
        ("❌", "not a score: check mark '❌'"),
        ("Apache 2.0", "not a score: text 'Apache 2.0'"),
        ("MoE", "not a score: text 'MoE'"),
        ("6,78,413", "not a score: number with text '6,78,413'"),
    ],
)
def test_parse_value_names_what_is_not_a_score(text: str, reason: str) -> None:
    parsed = parse_value(text)
    assert isinstance(parsed, NotAScore)
    assert parsed.reason == reason


def test_composites_are_flagged_as_looking_like_scores() -> None:
    composite = parse_value("4/30")
    placeholder = parse_value("-")
    assert isinstance(composite, NotAScore) and composite.looked_like_score
    assert isinstance(placeholder, NotAScore) and placeholder.placeholder
    assert not placeholder.looked_like_score


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("Nova-7B<sup>(🤗🤖)", "Nova-7B"),  # a <sup> never closed: the rest is its note
        ("Nova-7B (🤗🤖)", "Nova-7B"),  # a bracket of nothing but emoji decorates
        ("[Nova-70B](https://huggingface.co/acme/Nova-70B) 🔥", "Nova-70B"),
        ("Accuracy (%)", "Accuracy (%)"),  # a unit in brackets is part of the label
    ],
)
def test_decorated_model_names_come_out_plain(raw: str, label: str) -> None:
    assert label_text(clean_cell(raw)) == label


def test_a_lone_unclosed_sup_keeps_its_text() -> None:
    assert clean_cell("<sup>12.5") == "12.5"
