"""How well `hfeval init` picks a card's own score tables: chosen-table precision, own-table recall.

Runs the chooser (`hfeval.choose.choose`) on every card of `tests/data/init_labels.yaml` over the
real cards in `../shared/corpus/real`, and of `tests/data/heldout_init_labels.yaml` over the
held-out fixtures, with the repo id each card is published under, and compares
the (table, model label) pairs it identifies as the card's own (chosen, or a repeat of a chosen
table) with the hand-written labels. Prints one line per card that differs and the totals:

    precision  identified pairs that are labelled own / identified pairs
    recall     labelled own pairs identified / labelled own pairs
    hit rate   cards whose identified pairs equal their labels exactly

A report, so it exits 0; `tests/choose/test_init_labels.py` imports it to score the same way.

    python benchmarks/init_choices.py [--corpus DIR] [--labels FILE]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from ruamel.yaml import YAML

from hfeval.choose import choose
from hfeval.tables.cells import match_key

# Where the corpus is found is extract_accuracy's to say (both scripts read the same cards).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_accuracy import DEFAULT_CORPUS

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LABELS = REPO_ROOT / "tests" / "data" / "init_labels.yaml"
HELDOUT_LABELS = REPO_ROOT / "tests" / "data" / "heldout_init_labels.yaml"
HELDOUT_CARDS = REPO_ROOT / "tests" / "tables" / "fixtures" / "heldout"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OwnTable(_Frozen):
    table: int = Field(ge=1)
    model: str | None


class CardLabel(_Frozen):
    file: str
    repo: str
    own: tuple[OwnTable, ...]
    ambiguous: tuple[int, ...] = ()


class LabelSet(_Frozen):
    cards: tuple[CardLabel, ...] = Field(min_length=1)


def load_labels(path: Path) -> LabelSet:
    return LabelSet.model_validate(YAML(typ="safe").load(path.read_text(encoding="utf-8")))


Pair = tuple[int, str]


def _pair(table: int, model: str | None) -> Pair:
    return (table, match_key(model or ""))


@dataclass(frozen=True)
class CardResult:
    """One card: the pairs the chooser identified and the labelled ones."""

    file: str
    identified: frozenset[Pair]
    labelled: frozenset[Pair]
    shown: dict[Pair, str]

    @property
    def hit(self) -> bool:
        return self.identified == self.labelled

    def problems(self) -> list[str]:
        wrong = sorted(self.identified - self.labelled)
        missed = sorted(self.labelled - self.identified)
        return [f"chose    T{t} {self.shown.get((t, m), m)!r}" for t, m in wrong] + [
            f"missed   T{t} {self.shown.get((t, m), m)!r}" for t, m in missed
        ]


def run_card(markdown: str, label: CardLabel) -> CardResult:
    decision = choose(markdown, label.repo, keep_repeats=False)
    identified = {
        _pair(t.table, t.model): t.model or "(no model axis)"
        for t in decision.tables
        if t.verdict in ("own", "repeat")
    }
    labelled = {_pair(o.table, o.model): o.model or "(no model axis)" for o in label.own}
    return CardResult(
        label.file,
        frozenset(identified),
        frozenset(labelled),
        {**labelled, **identified},
    )


def run_all(labels: Path, corpus: Path) -> list[CardResult]:
    return [
        run_card((corpus / card.file).read_text(encoding="utf-8"), card)
        for card in load_labels(labels).cards
    ]


@dataclass(frozen=True)
class Totals:
    cards: int
    hits: int
    identified: int
    correct: int
    labelled: int

    @classmethod
    def of(cls, results: Sequence[CardResult]) -> Totals:
        return cls(
            cards=len(results),
            hits=sum(r.hit for r in results),
            identified=sum(len(r.identified) for r in results),
            correct=sum(len(r.identified & r.labelled) for r in results),
            labelled=sum(len(r.labelled) for r in results),
        )

    @property
    def precision(self) -> float:
        return self.correct / self.identified if self.identified else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0

    @property
    def hit_rate(self) -> float:
        return self.hits / self.cards if self.cards else 1.0


def report(results: Sequence[CardResult]) -> str:
    lines = []
    for result in results:
        if not result.hit:
            lines.append(result.file)
            lines += [f"    {problem}" for problem in result.problems()]
    totals = Totals.of(results)
    lines += [
        "",
        f"cards: {totals.cards}, exact: {totals.hits} (hit rate {100 * totals.hit_rate:.1f}%)",
        f"chosen-table precision: {totals.correct}/{totals.identified} "
        f"({100 * totals.precision:.1f}%)",
        f"own-table recall: {totals.correct}/{totals.labelled} ({100 * totals.recall:.1f}%)",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus folder not found: {args.corpus} (pass --corpus)", file=sys.stderr)
    else:
        print(f"== {args.labels.name} over {args.corpus}")
        print(report(run_all(args.labels, args.corpus)))
    if args.labels == DEFAULT_LABELS:
        # The held-out fixtures: cards the chooser was not tuned on.
        print(f"\n== {HELDOUT_LABELS.name} over the held-out fixtures")
        print(report(run_all(HELDOUT_LABELS, HELDOUT_CARDS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
