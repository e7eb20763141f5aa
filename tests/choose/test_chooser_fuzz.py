"""Random and hostile cards never crash the chooser, and what it chooses always extracts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from hfeval.choose import choose
from hfeval.tables import extract

_PIECES = st.sampled_from(
    [
        "| Model | MMLU | GSM8K |\n|---|---|---|\n",
        "| Nova-7B | 63.1 | 40.2 |\n",
        "| **Nova-7B** (ours) | 64.0 | - |\n",
        "| Nova-70B | 78.0 | 69.4 |\n",
        "| Nova-7B-Chat | 62.0 | 41.0 |\n",
        "| Metric | Value |\n|---|---|\n| ARC | 61.2 |\n",
        "| Benchmark | Nova-7B<sup>(🤗 | Nova-7B-Base |\n|---|---|---|\n| MMLU | 1.0 | 2.0 |\n",
        "\n\n",
        "# Nova-7B\n",
        "## Base models\n",
        "## Instruction tuned\n",
        "# Original model card: Nova\n",
        "---\nbase_model: acme/Nova-7B-Base\nmodel_name: Nova-7B\n---\n",
        "---\nmodel-index: [{name: 3}]\n---\n",
        "<table><tr><th>Model</th><th>MMLU</th></tr><tr><td>Nova-7B</td><td>1 | 2</td></tr>",
        "</table>",
        "| date | ratio |\n|---|---|\n| 96 | 80.0 |\n",
        "|",
        "\n",
        "🪁",
        "7B",
        "v2",
    ]
)
_CARDS = st.lists(_PIECES, max_size=20).map("".join) | st.text(max_size=200)
_REPOS = st.sampled_from([None, "acme/Nova-7B", "acme/Nova-7B-GGUF", "acme/nova-70b-chat", "x/y"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(card=_CARDS, repo=_REPOS)
def test_every_chosen_table_extracts_its_label(card: str, repo: str | None) -> None:
    decision = choose(card, repo)
    assert [t.table for t in decision.tables] == list(range(1, len(decision.tables) + 1))
    for table in decision.chosen:
        assert table.reason
        extraction = extract(card, table.table, table.model)
        assert extraction.scores, table
    for table in decision.tables:
        assert table.verdict in ("own", "repeat", "sibling", "others", "ambiguous", "no-scores")
