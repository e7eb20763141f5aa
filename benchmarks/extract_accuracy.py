"""Extraction accuracy against hand-labelled corpus cards: recall, wrong values, extras, precision.

Runs `hfeval.tables.extract` on every case of `tests/data/corpus_labels/*.yaml` over the real
cards in `../shared/corpus/real` and prints one line per case, the differences under it, and a
total. It is a report, so it exits 0; `--strict` exits 1 unless recall is 100% and no value is
wrong. `tests/tables/test_corpus_labels.py` imports this file so the test and the report score
the same way.

Matching: benchmark and metric labels compare after lowercasing and dropping everything but
letters, digits and "+" (the plus keeps HumanEval and HumanEval+ apart); a null metric equals an
empty one; values compare exactly as floats.

    python benchmarks/extract_accuracy.py [--strict] [--failures-only] [--corpus DIR] [--labels DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr
from ruamel.yaml import YAML

from hfeval.tables import extract

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LABELS = REPO_ROOT / "tests" / "data" / "corpus_labels"
# The corpus sits beside the checkout (`../shared`), or beside the folder of worktrees.
DEFAULT_CORPUS = next(
    (
        folder / "shared" / "corpus" / "real"
        for folder in REPO_ROOT.parents
        if (folder / "shared" / "corpus" / "real").is_dir()
    ),
    REPO_ROOT.parent / "shared" / "corpus" / "real",
)

Label = Annotated[StrictStr, Field(min_length=1)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExpectedScore(_Frozen):
    """One score the extractor must report, exactly as the card prints it."""

    benchmark: Label
    metric: Label | None
    value: StrictFloat | StrictInt


class LabelCase(_Frozen):
    """One table and model of a card, with every score of that model in that table."""

    table: Annotated[StrictInt, Field(ge=1)]
    model: Label | None
    expected: Annotated[tuple[ExpectedScore, ...], Field(min_length=1)]
    skipped: tuple[Label, ...] = ()


class LabelFile(_Frozen):
    """A label file: the corpus card it describes and its cases."""

    file: Label
    cases: Annotated[tuple[LabelCase, ...], Field(min_length=1)]


def load_label_file(path: Path) -> LabelFile:
    """Parse and validate one label file (pydantic raises ValidationError naming the field)."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return LabelFile.model_validate(data)


def label_paths(labels_dir: Path) -> list[Path]:
    return sorted(labels_dir.glob("*.yaml"))


def normalise(label: str | None) -> str:
    """The comparison key of a benchmark or metric label."""
    if label is None:
        return ""
    return "".join(char for char in label.lower() if char.isalnum() or char == "+")


def case_id(label_file: LabelFile, case: LabelCase) -> str:
    model = f'"{case.model}"' if case.model is not None else "(no model axis)"
    return f"{label_file.file} T{case.table} {model}"


@dataclass(frozen=True)
class Reported:
    """One score as the extractor reported it."""

    benchmark: str
    metric: str | None
    value: float

    def describe(self) -> str:
        return f"{_pair(self.benchmark, self.metric)} = {self.value:.15g}"


@dataclass(frozen=True)
class WrongValue:
    """An expected pair the extractor reported, but never with the expected value."""

    expected: ExpectedScore
    got: tuple[float, ...]

    def describe(self) -> str:
        got = ", ".join(f"{value:.15g}" for value in self.got)
        label = _pair(self.expected.benchmark, self.expected.metric)
        return f"{label}: expected {self.expected.value:.15g}, got {got}"


@dataclass(frozen=True)
class CaseResult:
    """How one extraction compares with its labels."""

    case_id: str
    expected: int
    found: int
    reported: int
    correct_reported: int
    missing: tuple[ExpectedScore, ...]
    wrong: tuple[WrongValue, ...]
    extras: tuple[Reported, ...]
    forbidden: tuple[Reported, ...]
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.found == self.expected and not self.wrong and not self.extras

    def problems(self) -> list[str]:
        """One line per difference, for the report and for assertion messages."""
        lines = [f"error    {self.error}"] if self.error else []
        lines += [
            f"missing  {_pair(score.benchmark, score.metric)}: expected {score.value:.15g}"
            for score in self.missing
        ]
        lines += [f"wrong    {wrong.describe()}" for wrong in self.wrong]
        lines += [
            f"extra    {extra.describe()}"
            + (" (label listed as skipped)" if extra in self.forbidden else "")
            for extra in self.extras
        ]
        return lines


def _pair(benchmark: str, metric: str | None) -> str:
    return f"{benchmark} / {metric}" if metric is not None else benchmark


def score_case(identifier: str, case: LabelCase, reported: Sequence[Reported]) -> CaseResult:
    """Compare reported scores with a case's labels (pure; no extraction)."""
    expected_by_key = {(normalise(s.benchmark), normalise(s.metric)): s for s in case.expected}
    values_by_key: dict[tuple[str, str], list[float]] = {}
    extras: list[Reported] = []
    for score in reported:
        key = (normalise(score.benchmark), normalise(score.metric))
        if key in expected_by_key:
            values_by_key.setdefault(key, []).append(score.value)
        else:
            extras.append(score)
    missing: list[ExpectedScore] = []
    wrong: list[WrongValue] = []
    found = 0
    for key, expected in expected_by_key.items():
        values = values_by_key.get(key)
        if values is None:
            missing.append(expected)
        elif float(expected.value) in values:
            found += 1
        else:
            wrong.append(WrongValue(expected, tuple(values)))
    correct_reported = sum(
        values.count(float(expected_by_key[key].value)) for key, values in values_by_key.items()
    )
    skipped_keys = {normalise(label) for label in case.skipped}
    return CaseResult(
        case_id=identifier,
        expected=len(expected_by_key),
        found=found,
        reported=len(reported),
        correct_reported=correct_reported,
        missing=tuple(missing),
        wrong=tuple(wrong),
        extras=tuple(extras),
        forbidden=tuple(e for e in extras if normalise(e.benchmark) in skipped_keys),
    )


def run_case(markdown: str, label_file: LabelFile, case: LabelCase) -> CaseResult:
    """Extract one labelled case and score it; an exception becomes the case's error."""
    identifier = case_id(label_file, case)
    try:
        extraction = extract(markdown, case.table, case.model)
    except Exception as error:  # the report must go on past a crashing case
        failed = score_case(identifier, case, ())
        return replace(failed, error=f"{type(error).__name__}: {error}")
    reported = [Reported(s.benchmark, s.metric, float(s.value)) for s in extraction.scores]
    return score_case(identifier, case, reported)


def run_all(labels_dir: Path, corpus_dir: Path) -> list[CaseResult]:
    results: list[CaseResult] = []
    for path in label_paths(labels_dir):
        label_file = load_label_file(path)
        markdown = (corpus_dir / label_file.file).read_text(encoding="utf-8")
        results.extend(run_case(markdown, label_file, case) for case in label_file.cases)
    return results


@dataclass(frozen=True)
class Totals:
    expected: int
    found: int
    wrong: int
    extras: int
    errors: int
    reported: int
    correct_reported: int

    @classmethod
    def of(cls, results: Iterable[CaseResult]) -> Totals:
        rows = list(results)
        return cls(
            expected=sum(r.expected for r in rows),
            found=sum(r.found for r in rows),
            wrong=sum(len(r.wrong) for r in rows),
            extras=sum(len(r.extras) for r in rows),
            errors=sum(1 for r in rows if r.error),
            reported=sum(r.reported for r in rows),
            correct_reported=sum(r.correct_reported for r in rows),
        )

    @property
    def perfect(self) -> bool:
        return self.found == self.expected and self.wrong == 0


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def report(results: Sequence[CaseResult], *, failures_only: bool) -> str:
    width = max((len(r.case_id) for r in results), default=4)
    header = f"{'case':<{width}}  {'recall':>13}  wrong  extras  error  precision"
    lines = [header, "-" * len(header)]
    for result in results:
        if failures_only and result.passed:
            continue
        recall = f"{result.found}/{result.expected} {_percent(result.found, result.expected)}"
        lines.append(
            f"{result.case_id:<{width}}  {recall:>13}  {len(result.wrong):>5}  "
            f"{len(result.extras):>6}  {'yes' if result.error else '-':>5}  "
            f"{_percent(result.correct_reported, result.reported):>9}"
        )
        lines += [f"    {problem}" for problem in result.problems()]
    totals = Totals.of(results)
    passed = sum(1 for r in results if r.passed)
    lines += [
        "",
        f"cases: {len(results)} ({passed} exact, {len(results) - passed} with differences)",
        f"recall: {totals.found}/{totals.expected} ({_percent(totals.found, totals.expected)})",
        f"wrong values: {totals.wrong}",
        f"extras: {totals.extras}",
        f"errors: {totals.errors}",
        f"precision: {totals.correct_reported}/{totals.reported} "
        f"({_percent(totals.correct_reported, totals.reported)})",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--failures-only", action="store_true", help="print only imperfect cases")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 unless recall is 100%% and nothing is wrong"
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus folder not found: {args.corpus} (pass --corpus)", file=sys.stderr)
        return 1 if args.strict else 0
    results = run_all(args.labels, args.corpus)
    print(report(results, failures_only=args.failures_only))
    if args.strict and not Totals.of(results).perfect:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
