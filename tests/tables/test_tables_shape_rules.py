"""The rules added for held-out card shapes, including where each must not apply.

Stacked `<br>` rows split only when their lines line up; property headers (dimension, vocabulary,
parameter counts with units, memory, differences) never hold scores, while model columns that
merely mention a size keep their scores; header rows that name themselves decide benchmark and
metric; `(this model)` notes and `·10²³` exponents are read the way authors mean them.
"""

from __future__ import annotations

import pytest

from hfeval.errors import ModelNotFoundError
from hfeval.tables import Cell, extract
from hfeval.tables.cells import clean_cell
from hfeval.tables.properties import is_property_header
from hfeval.tables.stacked import unstack
from hfeval.tables.vocabulary import is_setting_header


def _row(*raws: str) -> tuple[Cell, ...]:
    return tuple(Cell(raw=raw, text=clean_cell(raw), line=3) for raw in raws)


def test_a_stacked_row_splits_into_one_row_per_line() -> None:
    rows = unstack(_row("Math", "MGSM<br>MATH", "80.6<br>**80.4**", "53.5<br/>-"))
    assert [[cell.text for cell in row] for row in rows] == [
        ["Math", "MGSM", "80.6", "53.5"],
        ["Math", "MATH", "80.4", "-"],
    ]
    assert [cell.spanned for cell in rows[1]] == [True, False, False, False]
    assert all(cell.line == 3 for row in rows for cell in row)


@pytest.mark.parametrize(
    "raws",
    [
        ("MGSM<br>MATH", "80.6<br>80.4", "85.0"),  # one value for two lines: which one?
        ("MGSM<br>MATH<br>GSM8K", "80.6<br>80.4", "1<br>2"),  # lines do not line up
        ("DeepSeek LLM<br>7B Base", "48.1", "39.5"),  # a name written on two lines
        ("MMLU", "71.9<br>(5-shot)", "70.2<br>(5-shot)"),  # a value with a note under it
        ("80.6<br>80.4", "1.0<br>2.0", "3.0<br>4.0"),  # no label among the stacked cells
    ],
)
def test_rows_whose_lines_do_not_line_up_stay_whole(raws: tuple[str, ...]) -> None:
    row = _row(*raws)
    assert unstack(row) == [row]


@pytest.mark.parametrize(
    "header",
    [
        "Dimension",
        "Embedding dimension",
        "Params / M",
        "Backbone #Params(M)",
        "Vocabulary(K)",
        "Vocabulary Size",
        "img_size",
        "crop_pct",
        "SeqLen",
        "Min GPU RAM required (GB)",
        "Δ Avg.",
        "Improvement",
        "Train FLOPs",
        "Recovery (%)",
        "Released",
        "Knowledge cutoff",
        "Price ($/1M tokens)",
        "Output speed (tok/s)",
        "Latency (s)",
        "Time-to-first-token (sec)",
        "GPU Memory Usage",
        "Model size (PTE file size in MB)",
        "Attention Heads",
        "Number of layers",
        "MLP hidden size",
        "MoE TopK",
        "Peak LR",
        "warmup steps",
        "Weight Decay",
        "beta2",
    ],
)
def test_property_headers_are_settings(header: str) -> None:
    key = "".join(header.casefold().split())
    assert is_property_header(key)
    assert is_setting_header(key)


@pytest.mark.parametrize(
    "header",
    [
        "7B Params",
        "Base (7B)",
        "Accuracy (%)",
        "Average (56)",
        "MMLU",
        "Dim-Sum-7B",
        "Candidate max",
        "SpeechBench",
        "LongBench",
        "MoE-LLaVA",
        "MLP-Mixer",
        "MMLU-Pro (5-shot)",
        "Betalpha-7B",
    ],
)
def test_model_and_benchmark_headers_are_not_properties(header: str) -> None:
    key = "".join(header.casefold().split())
    assert not is_property_header(key)


SELF_NAMED = """\
<table>
<tr><th>Task</th><th>Size</th><th colspan="2">ASR</th></tr>
<tr><th>Dataset</th><td></td><th>AISHELL-1</th><th>LibriSpeech</th></tr>
<tr><th>Metric</th><td></td><th>CER</th><th>WER</th></tr>
<tr><td>Echo-8B</td><td>8B</td><td>1.6</td><td>1.7</td></tr>
<tr><td>Echo-2B</td><td>2B</td><td>2.6</td><td>3.1</td></tr>
</table>
"""


def test_header_rows_that_name_themselves_set_benchmark_and_metric_in_any_order() -> None:
    extraction = extract(SELF_NAMED, 1, "Echo-8B")
    assert [(s.benchmark, s.metric, s.value) for s in extraction.scores] == [
        ("AISHELL-1", "CER", 1.6),
        ("LibriSpeech", "WER", 1.7),
    ]
    assert [(s.label, s.reason) for s in extraction.skipped] == [("Size", "not a score: size '8B'")]


PIPE_SELF_NAMED = """\
| Task    | ASR       | ASR         |
|---------|-----------|-------------|
| Metric  | CER       | WER         |
| Dataset | AISHELL-1 | LibriSpeech |
| Echo-8B | 1.6       | 1.7         |
| Echo-2B | 2.6       | 3.1         |
"""


def test_pipe_header_rows_that_name_themselves_join_the_header() -> None:
    scores = extract(PIPE_SELF_NAMED, 1, "Echo-2B").scores
    assert [(s.benchmark, s.metric, s.value) for s in scores] == [
        ("AISHELL-1", "CER", 2.6),
        ("LibriSpeech", "WER", 3.1),
    ]


def test_unnamed_header_rows_keep_the_group_over_sub_label_rule() -> None:
    markdown = SELF_NAMED.replace("<th>Dataset</th>", "<th></th>").replace(
        "<th>Metric</th>", "<th></th>"
    )
    scores = extract(markdown, 1, "Echo-8B").scores
    assert [(s.benchmark, s.metric) for s in scores] == [
        ("AISHELL-1", "CER"),
        ("LibriSpeech", "WER"),
    ]


THIS_MODEL = """\
| Model | MMLU | Δ |
|---|---|---|
| Base-7B | 60.1 | – |
| **Foo-7B (this model)** | 61.0 | +0.9 |
| Foo-7B-v2 | 62.0 | +1.9 |
"""


def test_a_this_model_note_is_not_part_of_the_name_and_the_difference_is_skipped() -> None:
    extraction = extract(THIS_MODEL, 1, "foo-7b")
    assert [(s.benchmark, s.value) for s in extraction.scores] == [("MMLU", 61.0)]
    assert [s.label for s in extraction.skipped] == ["Δ"]


def test_the_hint_names_the_one_candidate_holding_the_requested_name() -> None:
    markdown = THIS_MODEL.replace("(this model)", "(SFT)").replace("Foo-7B-v2", "Bar-7B")
    with pytest.raises(ModelNotFoundError) as caught:
        extract(markdown, 1, "Foo-7B")
    assert caught.value.closest == "Foo-7B (SFT)"
    assert "Foo-7B" in str(caught.value)


def test_no_row_is_guessed_when_two_candidates_hold_the_requested_name() -> None:
    markdown = THIS_MODEL.replace("(this model)", "(SFT)")
    with pytest.raises(ModelNotFoundError) as caught:
        extract(markdown, 1, "Foo-7B")
    assert set(caught.value.candidates) >= {"Foo-7B (SFT)", "Foo-7B-v2"}


def test_superscript_exponents_are_not_footnote_marks() -> None:
    assert clean_cell("1.8·10²³") == "1.8·10²³"
    assert clean_cell("45.2¹") == "45.2"


SECTION_AVERAGES = """\
| Benchmark | Foo-7B | Bar-7B |
|---|---|---|
| **Math** | | |
| GSM8K | 60.0 | 55.0 |
| Average | 45.0 | 40.0 |
| **Code** | | |
| HumanEval | 50.0 | 45.0 |
| Average | 51.0 | 46.0 |
"""


def test_a_label_repeated_under_different_category_rows_takes_the_category_as_metric() -> None:
    scores = extract(SECTION_AVERAGES, 1, "Foo-7B").scores
    assert [(s.benchmark, s.metric, s.value) for s in scores] == [
        ("GSM8K", None, 60.0),
        ("Average", "Math", 45.0),
        ("HumanEval", None, 50.0),
        ("Average", "Code", 51.0),
    ]


SIDE_BY_SIDE = """\
| Model | MMLU |   | Model | MMLU |
|-------|------|---|-------|------|
| A-7B  | 61.0 |   | C-7B  | 63.0 |
| B-7B  | 62.0 |   |       |      |
"""


def test_side_by_side_blocks_are_stacked_so_a_row_keeps_only_its_own_values() -> None:
    assert [(s.benchmark, s.value) for s in extract(SIDE_BY_SIDE, 1, "A-7B").scores] == [
        ("MMLU", 61.0)
    ]
    assert [(s.benchmark, s.value) for s in extract(SIDE_BY_SIDE, 1, "C-7B").scores] == [
        ("MMLU", 63.0)
    ]


def test_a_spacer_column_before_numeric_columns_does_not_split_the_table() -> None:
    markdown = "| Model | Avg |   | ar | bn |\n|---|---|---|---|---|\n| A-7B | 61.0 | | 60 | 62 |\n"
    scores = extract(markdown, 1, "A-7B").scores
    assert [(s.benchmark, s.value) for s in scores] == [("Avg", 61.0), ("ar", 60.0), ("bn", 62.0)]


def test_blocks_that_do_not_line_up_keep_only_the_first_and_never_mix_rows() -> None:
    markdown = (
        "| Model | MMLU |   | Model | GSM8K |\n|---|---|---|---|---|\n"
        "| A-7B | 61.0 | | C-7B | 40.0 |\n"
    )
    assert [(s.benchmark, s.value) for s in extract(markdown, 1, "A-7B").scores] == [("MMLU", 61.0)]
    with pytest.raises(ModelNotFoundError):
        extract(markdown, 1, "C-7B")


def test_a_long_format_table_offers_each_model_once_and_refuses_unknown_ones() -> None:
    markdown = (
        "| Dataset | Model | Score |\n|---|---|---|\n"
        "| MMLU | Foo-7B | 60.0 |\n| | Bar-7B | 58.0 |\n| GSM8K | Foo-7B | 40.0 |\n"
    )
    assert [(s.benchmark, s.value) for s in extract(markdown, 1, "Foo-7B").scores] == [
        ("MMLU", 60.0),
        ("GSM8K", 40.0),
    ]
    with pytest.raises(ModelNotFoundError) as caught:
        extract(markdown, 1, "Baz-7B")
    assert list(caught.value.candidates) == ["Foo-7B", "Bar-7B"]


def test_a_grouping_column_before_the_model_column_is_not_long_format() -> None:
    markdown = (
        "| Category | Model | MMLU |\n|---|---|---|\n"
        "| Open | Foo-7B | 60.0 |\n| | Bar-7B | 58.0 |\n| Closed | Baz | 70.0 |\n"
    )
    assert [(s.benchmark, s.value) for s in extract(markdown, 1, "Foo-7B").scores] == [
        ("MMLU", 60.0)
    ]
