"""Extraction on real model cards matches the hand labels exactly.

Every case in tests/data/corpus_labels must come back with every expected score at the printed
value, no other score, and no error. The corpus lives outside the repo
(`<repo root>/../shared/corpus/real`); without it these cases are skipped. The scoring is the one
benchmarks/extract_accuracy.py prints, so a failure here reads like a line of that report.
"""

from __future__ import annotations

from typing import Any

import pytest
from corpus_labels import CORPUS_DIR, LABELS_DIR, accuracy

NO_CORPUS = f"corpus folder {CORPUS_DIR} is absent (it sits beside the clone as shared/)"


def _labelled_cases() -> list[Any]:
    cases = []
    for path in accuracy.label_paths(LABELS_DIR):
        label_file = accuracy.load_label_file(path)
        cases += [
            pytest.param(label_file, case, id=accuracy.case_id(label_file, case))
            for case in label_file.cases
        ]
    return cases


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_DIR.is_dir(), reason=NO_CORPUS)
@pytest.mark.parametrize(("label_file", "case"), _labelled_cases())
def test_extraction_matches_hand_labels(label_file: Any, case: Any) -> None:
    markdown = (CORPUS_DIR / label_file.file).read_text(encoding="utf-8")
    result = accuracy.run_case(markdown, label_file, case)
    if not result.passed:
        pytest.fail("\n".join([result.case_id, *result.problems()]), pytrace=False)


def _case(**fields: object) -> Any:
    data = {
        "table": 1,
        "model": "M",
        "expected": [
            {"benchmark": "MMLU (5-shot)", "metric": None, "value": 69.7},
            {"benchmark": "GSM8K", "metric": "8-shot", "value": 51.7},
            {"benchmark": "MATH", "metric": None, "value": 11.6},
        ],
        **fields,
    }
    return accuracy.LabelCase.model_validate(data)


def test_scoring_ignores_markup_case_and_spacing_in_labels() -> None:
    reported = [
        accuracy.Reported("**mmlu** 5 shot", "", 69.7),
        accuracy.Reported("GSM-8K", "8 shot", 51.7),
        accuracy.Reported("Math", None, 11.6),
    ]
    result = accuracy.score_case("case", _case(), reported)
    assert result.passed
    assert (result.found, result.correct_reported, result.reported) == (3, 3, 3)


def test_scoring_separates_wrong_values_missing_pairs_and_extras() -> None:
    reported = [
        accuracy.Reported("MMLU (5-shot)", None, 69.8),
        accuracy.Reported("GSM8K", None, 51.7),
        accuracy.Reported("# Total Params", None, 671.0),
    ]
    result = accuracy.score_case("case", _case(skipped=["# Total Params"]), reported)
    assert not result.passed
    assert result.found == 0
    assert [w.got for w in result.wrong] == [(69.8,)]
    assert [m.benchmark for m in result.missing] == ["GSM8K", "MATH"]
    assert [e.benchmark for e in result.extras] == ["GSM8K", "# Total Params"]
    assert [f.benchmark for f in result.forbidden] == ["# Total Params"]
    assert "(label listed as skipped)" in result.problems()[-1]


def test_a_crashing_extraction_is_an_error_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_args: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(accuracy, "extract", explode)
    label_file = accuracy.LabelFile.model_validate({"file": "x.md", "cases": [_case()]})
    result = accuracy.run_case("", label_file, label_file.cases[0])
    assert result.error == "ValueError: boom"
    assert (result.found, result.expected, result.passed) == (0, 3, False)
