"""The chooser on small cards shaped like real ones: which table, which label, and why."""

from __future__ import annotations

from pathlib import Path

from hfeval.choose import choose, own_score_tables

AURORA = (Path(__file__).parent / "fixtures" / "aurora_card.md").read_text(encoding="utf-8")


def test_the_own_column_of_the_own_table_is_chosen_with_reasons() -> None:
    decision = choose(AURORA, "acme/aurora-7b-instruct")
    [chosen] = decision.chosen
    assert (chosen.table, chosen.model, chosen.axis) == (3, "Aurora-7B-Instruct", "column")
    assert "marked as the card's own" in chosen.reason
    assert chosen.scores == 2
    assert [c.label for c in chosen.candidates][:1] == ["Aurora-7B-Instruct"]
    verdicts = {t.table: t.verdict for t in decision.tables}
    assert verdicts == {1: "no-scores", 2: "no-scores", 3: "own", 4: "sibling"}


def test_a_table_of_only_a_sibling_is_an_alternative() -> None:
    sibling = choose(AURORA, "acme/aurora-7b-instruct").verdict_of(4)
    assert sibling is not None
    assert sibling.model == "Aurora-7B-Base"
    assert "base" in sibling.reason


def test_the_base_model_card_chooses_the_base_table() -> None:
    card = AURORA.replace("(ours)", "")
    chosen = own_score_tables(card, "acme/aurora-7b-base")
    assert [(t.table, t.model) for t in chosen] == [(4, "Aurora-7B-Base")]
    # Its column in the instruction-tuned table is a baseline there: the heading says so.
    instruct = choose(card, "acme/aurora-7b-base").verdict_of(3)
    assert instruct is not None and instruct.verdict == "sibling"
    assert "instruct" in instruct.reason


ORION = """\
# Orion-7B

| Model | MMLU | C-Eval |
|---|---|---|
| Orion-70b | 70.1 | 72.0 |
| Orion-7B-Chinese | 60.2 | 70.3 |
| Orion-7b | 58.4 | 66.0 |
"""


def test_a_prefix_of_a_sibling_is_told_apart() -> None:
    [chosen] = own_score_tables(ORION, "orion/Orion-7B")
    assert (chosen.model, chosen.axis) == ("Orion-7b", "row")


AMBIGUOUS = """\
# Mammoth-7B

| Model | GSM8K | MATH |
|---|---|---|
| Mammoth-7B CoT | 50.5 | 10.4 |
| Mammoth-7B PoT | 51.6 | 13.3 |
| Llama-2-7B | 14.6 | 2.5 |
"""


def test_equally_likely_labels_are_not_guessed() -> None:
    decision = choose(AMBIGUOUS, "tiger/Mammoth-7B")
    assert decision.chosen == ()
    [table] = decision.tables
    assert table.verdict == "ambiguous"
    assert {c.label for c in table.candidates if c.viable} == {"Mammoth-7B CoT", "Mammoth-7B PoT"}


NO_AXIS = """\
# Cirrus-2-Mini

## Open LLM Leaderboard

| Metric | Value |
|---|---|
| ARC | 61.2 |
| MMLU | 55.0 |

### Cirrus-2-Large results

| MMLU | GSM8K |
|---|---|
| 70.0 | 60.0 |
"""


def test_a_table_without_axis_is_own_unless_its_heading_names_a_sibling() -> None:
    decision = choose(NO_AXIS, "acme/cirrus-2-mini")
    assert [(t.table, t.model) for t in decision.chosen] == [(1, None)]
    other = decision.verdict_of(2)
    assert other is not None and other.verdict == "sibling"


def test_only_other_models_are_never_chosen() -> None:
    decision = choose("# Aurora-7B\n" + ORION.split("\n", 1)[1], "acme/aurora-7b")
    assert decision.chosen == ()
    assert decision.tables[0].verdict == "others"


def test_repeated_scores_are_chosen_once() -> None:
    twice = ORION + "\n## 中文\n\n" + ORION.split("\n", 1)[1]
    decision = choose(twice, "orion/Orion-7B")
    assert [t.verdict for t in decision.tables] == ["own", "repeat"]
    assert [t.verdict for t in choose(twice, "orion/Orion-7B", keep_repeats=True).tables] == [
        "own",
        "own",
    ]


GGUF = """\
# Wren 7B - GGUF

## Provided files

| Name | Quant method | Bits | Size | Max RAM required | Use case |
| ---- | ---- | ---- | ---- | ---- | ----- |
| [wren-7b.Q2_K.gguf](https://hf.co/x/q2) | Q2_K | 2 | 3.08 GB| 5.58 GB | smallest |
| [wren-7b.Q4_K_M.gguf](https://hf.co/x/q4) | Q4_K_M | 4 | 4.37 GB| 6.87 GB | medium |

## Benchmarks of the original model

| Model | MT-Bench | AlpacaEval |
|---|---|---|
| Wren-7B | 7.1 | 85.2 |
| Llama-2-7B-Chat | 6.3 | 71.4 |

# Original model card: Acme's Wren 7B

| Model | MMLU |
|---|---|
| Wren-7B | 61.2 |
"""


def test_a_quantised_copy_does_not_take_the_original_models_scores() -> None:
    decision = choose(GGUF, "acme/Wren-7B-GGUF")
    assert decision.chosen == ()
    benchmarks = decision.verdict_of(2)
    assert benchmarks is not None and benchmarks.verdict == "sibling"
    assert "gguf" in benchmarks.reason
    quoted = decision.verdict_of(3)
    assert quoted is not None and quoted.verdict == "others"
    assert "Original model card" in quoted.reason


def test_the_original_model_keeps_its_own_table() -> None:
    assert [(t.table, t.model) for t in own_score_tables(GGUF, "acme/Wren-7B")] == [(2, "Wren-7B")]


CAPTIONED = (
    Path(__file__).parents[1] / "tables" / "fixtures" / "heldout" / "caption_named_datasets.md"
).read_text(encoding="utf-8")


def test_same_headed_tables_captioned_with_other_datasets_are_not_repeats() -> None:
    # `WER on [VoxTest-3]` and `WER on [PolyLibri]` over the same language columns: each table
    # is its own dataset's scores, so all four are written, none demoted to a repeat.
    decision = choose(CAPTIONED, "acme/wren-2b")
    assert [t.table for t in decision.chosen] == [1, 2, 3, 4]
    assert {t.verdict for t in decision.tables} == {"own"}


QUOTED_SAME_LEVEL = """\
---
base_model: acme/Heron-2.5-7B
quantized_by: someone
---
# Heron 2.5 7B - GGUF

## Provided files

| Name | Quant method | Bits | Size | Max RAM required |
| ---- | ---- | ---- | ---- | ---- |
| heron-2.5-7b.Q4_K_M.gguf | Q4_K_M | 4 | 4.37 GB | 6.87 GB |
| heron-2.5-7b.Q8_0.gguf | Q8_0 | 8 | 7.70 GB | 10.20 GB |

# Original model card: Acme's Heron 2.5 7B

# Heron 2.5 - 7B

## Benchmark Results

| Benchmark | Score |
|-----------|-------|
| MMLU      | 63.2  |
| GSM8K     | 51.0  |

GPT4All
```
|    Task     |Version| Metric |Value |   |Stderr|
|-------------|------:|--------|-----:|---|-----:|
|arc_challenge|      0|acc     |0.5623|±  |0.0145|
```
"""


def test_a_quoted_card_under_its_own_title_is_still_quoted() -> None:
    # The quoted card's `# Heron 2.5 - 7B` sits at the level of `# Original model card: …`; its
    # tables, the pasted lm-eval dump too, stay the original model's.
    decision = choose(QUOTED_SAME_LEVEL, "acme/Heron-2.5-7B-GGUF")
    assert decision.chosen == ()
    for number in (2, 3):
        quoted = decision.verdict_of(number)
        assert quoted is not None and quoted.verdict == "others", number
        assert "Original model card" in quoted.reason
