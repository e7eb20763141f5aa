"""Random and hostile input never crashes the finder or the extractor, and big input returns."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from hfeval.errors import HfevalError
from hfeval.tables import extract, find_tables

_PIECES = st.sampled_from(
    [
        "|",
        "| a | b |",
        "|---|---|",
        ":-:",
        "---",
        "\n",
        "\n\n",
        " ",
        "\t",
        "**",
        "*",
        "_",
        "`",
        "```",
        "~~~",
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th>",
        '<td colspan="3">',
        '<td rowspan="99999">',
        "<thead>",
        "<sup>1</sup>",
        "&amp;",
        "&check;",
        "# Heading",
        "## Results",
        "---\ntitle: x\n---",
        "<!--",
        "-->",
        "\\|",
        "69.7%",
        "4/30",
        "7B",
        "-",
        "N/A",
        "nan",
        "inf",
        "1e309",
        "±",
        "[x](y)",
        "<br>",
        "MMLU",
        "Model",
        "Metric",
        "Value",
        "Tasks",
        "acc_norm",
        "\u00a0",
        "🪁",
    ]
)
_MARKDOWN = st.lists(_PIECES, max_size=60).map("".join) | st.text(max_size=300)
_MODELS = (
    st.none()
    | st.integers(min_value=-2, max_value=12)
    | st.sampled_from(["a", "b", "MMLU", "Model", "", "7B"])
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown=_MARKDOWN, model=_MODELS, table=st.integers(min_value=0, max_value=4))
def test_random_markdown_only_raises_hfeval_errors(
    markdown: str, model: str | int | None, table: int
) -> None:
    tables = find_tables(markdown)
    assert [t.number for t in tables] == list(range(1, len(tables) + 1))
    try:
        result = extract(markdown, table, model)
    except HfevalError:
        return
    for score in result.scores:
        assert score.value == score.value  # never NaN
        assert abs(score.value) != float("inf")


@settings(max_examples=100, deadline=None)
@given(markdown=_MARKDOWN)
def test_heading_selection_never_crashes(markdown: str) -> None:
    try:
        result = extract(markdown, "Results", None)
    except HfevalError as error:
        assert str(error)
        return
    assert result.table >= 1


def test_ten_megabyte_readme_returns() -> None:
    block = (
        "## Results\n\nSome prose about the model.\n\n| Benchmark | Ours | Theirs |\n"
        "|---|---|---|\n" + "| MMLU (5-shot) | **71.6** | 66.4 |\n" * 40 + "\n"
    )
    count = 10_000_000 // len(block) + 1
    result = extract(block * count, count, "Ours")
    assert result.table == count
    assert result.scores[0].value == 71.6


def test_ten_thousand_columns_return() -> None:
    header = "| Model | " + " | ".join(f"bench{i}" for i in range(10_000)) + " |"
    delimiter = "|---|" + "---|" * 10_000
    row = "| me | " + " | ".join(str(i) for i in range(10_000)) + " |"
    result = extract("\n".join([header, delimiter, row]), 1, "me")
    assert len(result.scores) == 10_000
    assert result.scores[-1].benchmark == "bench9999"
