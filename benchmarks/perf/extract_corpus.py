"""Table listing and extraction over the real model cards in ../shared/corpus/real (if present).

In one process: every card's tables are found and analysed (what `hfeval tables` does) and one
model is extracted from the first table that offers model labels (what `hfeval extract` does),
for several passes; the table shows the per-card medians of the last pass, the totals and the
throughput. Then, to show the per-process price, `hfeval extract` runs once per card for a few.

    python benchmarks/perf/extract_corpus.py [--corpus DIR] [--passes 5] [--cli-cards 8]
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import statistics
import time
from pathlib import Path

from harness import median, print_table, run_hfeval

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = [ROOT.parent / "shared/corpus/real", ROOT.parent.parent / "shared/corpus/real"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--cli-cards", type=int, default=8)
    args = parser.parse_args()
    corpus = args.corpus or next((c for c in CANDIDATES if c.is_dir()), None)
    if corpus is None or not corpus.is_dir():
        print("corpus not present; nothing to measure")
        return
    from hfeval.errors import HfevalError
    from hfeval.registry import default_registry
    from hfeval.tables import analyse, extract, find_tables
    from hfeval.tables.summary import summarise

    registry = default_registry()
    cards = sorted(corpus.glob("*.md"))
    texts = {card: card.read_text(encoding="utf-8") for card in cards}
    targets: dict[Path, tuple[int, str] | None] = {}
    list_ms: dict[Path, list[float]] = {card: [] for card in cards}
    extract_ms: dict[Path, list[float]] = {card: [] for card in cards}
    first_pass = 0.0
    for number in range(args.passes):
        started_pass = time.perf_counter()
        for card, text in texts.items():
            started = time.perf_counter()
            summaries = [summarise(analyse(table)) for table in find_tables(text)]
            list_ms[card].append((time.perf_counter() - started) * 1000)
            if card not in targets:
                offering = next((s for s in summaries if s.candidates), None)
                targets[card] = (
                    (offering.number, offering.candidates[0].label) if offering else None
                )
            target = targets[card]
            if target is None:
                continue
            started = time.perf_counter()
            with contextlib.suppress(HfevalError):  # a refused table is timed all the same
                extract(text, target[0], target[1], registry=registry)
            extract_ms[card].append((time.perf_counter() - started) * 1000)
        if number == 0:
            first_pass = time.perf_counter() - started_pass
    last_list = [times[-1] for times in list_ms.values()]
    last_extract = [times[-1] for times in extract_ms.values() if times]
    chars = sum(len(text) for text in texts.values())
    rows = [
        ["tables (find + analyse)", len(last_list), *_stats(last_list)],
        ["extract (one model, one table)", len(last_extract), *_stats(last_extract)],
    ]
    print_table(
        f"In one process: {len(cards)} real cards, {chars / 1e6:.2f} M characters, "
        f"pass {args.passes} of {args.passes}",
        ["work", "cards", "median ms", "p90 ms", "max ms", "sum ms", "cards/s"],
        rows,
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nFirst pass (cold caches) over all cards, both steps: {first_pass:.3f} s; "
          f"peak RSS of this process {peak:.0f} MiB")  # fmt: skip
    cli_rows = []
    for card in [c for c in cards if targets[c]][: args.cli_cards]:
        number, label = targets[card]  # type: ignore[misc]
        run = run_hfeval(
            ["extract", str(card), "--table", str(number), "--model", label, "--json"],
            env={"NO_COLOR": "1", "PATH": ""},
            cwd=corpus,
        )
        cli_rows.append([card.name, run.code, run.wall, run.cpu, f"{run.rss_mib:.0f}"])
    if cli_rows:
        walls = [r[2] for r in cli_rows]
        cli_rows.append(["median", "", median(walls), median([r[3] for r in cli_rows]), ""])
        print_table(
            "One `hfeval extract --json` process per card",
            ["card", "exit", "wall s", "cpu s", "peak RSS MiB"],
            cli_rows,
        )


def _stats(values: list[float]) -> list[object]:
    ordered = sorted(values)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    total = sum(values)
    return [statistics.median(values), p90, max(values), total, len(values) / (total / 1000)]


if __name__ == "__main__":
    main()
