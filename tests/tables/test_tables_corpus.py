"""Every real card in the shared corpus lists its tables, and every table analyses, without error.

The corpus sits beside the repo (`../shared/corpus/real`); these tests are marked `corpus` and
skip when it is absent. Scores on the labelled cases are checked by test_corpus_labels.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_labels import CORPUS_DIR

from hfeval.errors import HfevalError
from hfeval.tables import analyse, extract, find_tables
from hfeval.tables.summary import summarise

CORPUS = CORPUS_DIR
CARDS = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CARDS, reason=f"corpus folder {CORPUS} is absent"),
]


def _table_counts() -> dict[str, int]:
    """Table counts stated in PROVENANCE.tsv descriptions ("6 pipe tables", "3 tables; ...")."""
    counts: dict[str, int] = {}
    lines = (CORPUS / "PROVENANCE.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        fields = line.split("\t")
        for part in fields[-1].split(";"):
            words = part.split()
            if len(words) >= 2 and words[0].isdigit() and "table" in part.split("(")[0]:
                counts[fields[0]] = int(words[0])
                break
    return counts


@pytest.mark.parametrize("card", CARDS, ids=lambda path: path.stem)
def test_every_table_lists_and_analyses(card: Path) -> None:
    markdown = card.read_text(encoding="utf-8")
    tables = find_tables(markdown)
    assert [table.number for table in tables] == list(range(1, len(tables) + 1))
    for table in tables:
        summary = summarise(analyse(table))
        assert summary.line >= 1
        for candidate in summary.candidates[:3]:
            try:
                extract(markdown, table.number, candidate.label)
            except HfevalError as error:  # an ambiguous label is a clean refusal, not a crash
                assert "matches" in str(error)


def test_table_counts_match_the_provenance_notes() -> None:
    counts = _table_counts()
    assert len(counts) >= 40
    # The notes count the tables a reader sees; lm-eval dumps in code blocks come on top.
    found = {
        card.stem: sum(t.kind != "fenced" for t in find_tables(card.read_text(encoding="utf-8")))
        for card in CARDS
    }
    assert {name: found[name] for name in counts} == counts
