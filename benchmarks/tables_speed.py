"""How long listing every table of every corpus card takes, in one process (goal: under 1 s).

Also times the synthetic worst cases the fuzz tests only check for termination: a 10 MB README
and a table with 10,000 columns. Run: .venv/bin/python benchmarks/tables_speed.py
"""

from __future__ import annotations

import time
from pathlib import Path

from hfeval.tables import analyse, extract, find_tables

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"


def _timed(label: str, action: object) -> float:
    start = time.perf_counter()
    assert callable(action)
    action()
    elapsed = time.perf_counter() - start
    print(f"{label:<52} {elapsed:8.3f} s")
    return elapsed


def main() -> None:
    cards = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.md"))]
    if cards:
        counts: list[int] = []
        _timed(
            f"list tables of {len(cards)} corpus cards",
            lambda: counts.extend(len(find_tables(card)) for card in cards),
        )
        print(f"{'  tables found':<52} {sum(counts):8d}")
        _timed(
            "list + analyse layout of every corpus table",
            lambda: [analyse(table) for card in cards for table in find_tables(card)],
        )
    else:
        print(f"corpus not found at {CORPUS}; skipping the corpus figures")
    block = (
        "## Results\n\nSome prose.\n\n| Benchmark | Ours | Theirs |\n|---|---|---|\n"
        + "| MMLU (5-shot) | **71.6** | 66.4 |\n" * 40
        + "\n"
    )
    big = block * (10_000_000 // len(block) + 1)
    _timed(f"list tables of a {len(big) / 1e6:.0f} MB README", lambda: find_tables(big))
    header = "| Model | " + " | ".join(f"bench{i}" for i in range(10_000)) + " |"
    wide = "\n".join(
        [
            header,
            "|---|" + "---|" * 10_000,
            "| me | " + " | ".join(str(i) for i in range(10_000)) + " |",
        ]
    )
    _timed("extract a row of a 10,000-column table", lambda: extract(wide, 1, "me"))


if __name__ == "__main__":
    main()
