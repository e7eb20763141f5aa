"""The hand labels themselves: schema, the labelled card exists, table numbers are in range.

The labels in tests/data/corpus_labels are the ground truth for the corpus accuracy test and the
extraction benchmark, so a typo in them (a table that does not exist, the same score listed
twice, a label both expected and skipped) must fail here rather than show up as an extractor bug.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from corpus_labels import CORPUS_DIR, LABELS_DIR, accuracy

from hfeval.tables import find_tables

NO_CORPUS = f"corpus folder {CORPUS_DIR} is absent (it sits beside the clone as shared/)"

MIN_LABEL_FILES = 22
MIN_EXPECTED_SCORES = 300


LABEL_PATHS: list[Path] = accuracy.label_paths(LABELS_DIR)


def _load(path: Path) -> Any:
    return accuracy.load_label_file(path)


def test_there_are_enough_labels_to_mean_something() -> None:
    label_files = [_load(path) for path in LABEL_PATHS]
    expected = sum(len(case.expected) for lf in label_files for case in lf.cases)
    assert len(label_files) >= MIN_LABEL_FILES
    assert expected >= MIN_EXPECTED_SCORES


@pytest.mark.parametrize("path", LABEL_PATHS, ids=lambda path: path.name)
def test_label_file_follows_the_schema(path: Path) -> None:
    label_file = _load(path)
    assert Path(label_file.file).stem == path.stem, "name the label file after its card"
    assert Path(label_file.file).suffix == ".md"


@pytest.mark.parametrize("path", LABEL_PATHS, ids=lambda path: path.name)
def test_cases_are_distinct_and_consistent(path: Path) -> None:
    label_file = _load(path)
    seen_cases = set()
    for case in label_file.cases:
        where = f"{path.name} table {case.table} model {case.model!r}"
        assert (case.table, case.model) not in seen_cases, f"{where}: case listed twice"
        seen_cases.add((case.table, case.model))
        keys = [
            (accuracy.normalise(s.benchmark), accuracy.normalise(s.metric)) for s in case.expected
        ]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        assert not duplicates, f"{where}: score listed twice: {duplicates}"
        expected_benchmarks = {benchmark for benchmark, _ in keys}
        clashes = [s for s in case.skipped if accuracy.normalise(s) in expected_benchmarks]
        assert not clashes, f"{where}: both expected and skipped: {clashes}"
        assert all(math.isfinite(score.value) for score in case.expected), where


def _label_data(*, value: object = 69.7, **case_keys: object) -> dict[str, object]:
    expected = [{"benchmark": "MMLU", "metric": None, "value": value}]
    return {
        "file": "x.md",
        "cases": [{"table": 1, "model": None, "expected": expected, **case_keys}],
    }


def test_schema_rejects_typos_text_values_and_empty_cases() -> None:
    from pydantic import ValidationError

    assert accuracy.LabelFile.model_validate(_label_data()).cases[0].expected[0].value == 69.7
    invalid = [
        _label_data(skiped=["MMLU"]),
        _label_data(value="69.7%"),
        _label_data(value=True),
        _label_data(table=0),
        {"file": "x.md", "cases": []},
    ]
    for data in invalid:
        with pytest.raises(ValidationError):
            accuracy.LabelFile.model_validate(data)


@pytest.mark.parametrize("path", LABEL_PATHS, ids=lambda path: path.name)
@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_DIR.is_dir(), reason=NO_CORPUS)
def test_labelled_card_exists_and_tables_are_in_range(path: Path) -> None:
    label_file = _load(path)
    card = CORPUS_DIR / label_file.file
    assert card.is_file(), f"{path.name}: no card {card}"
    table_count = len(find_tables(card.read_text(encoding="utf-8")))
    out_of_range = [case.table for case in label_file.cases if case.table > table_count]
    assert not out_of_range, f"{path.name}: tables {out_of_range} but the card has {table_count}"
