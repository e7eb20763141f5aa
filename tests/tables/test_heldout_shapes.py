"""Extraction on hand-written cards shaped like real ones the corpus does not hold.

Each `fixtures/heldout/*.md` is modelled on a published model card's table shape (named in its
label file); its `*.yaml` next to it has the same schema as `tests/data/corpus_labels` with
`file:` naming the fixture. Every case must come back with every expected score at the printed
value, no other score, and every label listed under `skipped` reported as skipped, not taken.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from corpus_labels import accuracy

from hfeval.errors import ModelNotFoundError
from hfeval.tables import extract, find_tables

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"
LABEL_PATHS = sorted(HELDOUT.glob("*.yaml"))


def _cases() -> list[Any]:
    cases = []
    for path in LABEL_PATHS:
        label_file = accuracy.load_label_file(path)
        cases += [
            pytest.param(label_file, case, id=accuracy.case_id(label_file, case))
            for case in label_file.cases
        ]
    return cases


def test_every_label_file_names_its_fixture() -> None:
    assert len(LABEL_PATHS) >= 20
    for path in LABEL_PATHS:
        label_file = accuracy.load_label_file(path)
        assert label_file.file == f"{path.stem}.md", path.name
        assert (HELDOUT / label_file.file).is_file(), label_file.file


@pytest.mark.parametrize("path", LABEL_PATHS, ids=lambda path: path.name)
def test_label_file_is_consistent(path: Path) -> None:
    label_file = accuracy.load_label_file(path)
    table_count = len(find_tables((HELDOUT / label_file.file).read_text(encoding="utf-8")))
    seen = set()
    for case in label_file.cases:
        where = f"{path.name} table {case.table} model {case.model!r}"
        assert 1 <= case.table <= table_count, f"{where}: no such table"
        assert (case.table, case.model) not in seen, f"{where}: case listed twice"
        seen.add((case.table, case.model))
        keys = [
            (accuracy.normalise(s.benchmark), accuracy.normalise(s.metric)) for s in case.expected
        ]
        assert len(keys) == len(set(keys)), f"{where}: a score listed twice"
        clashes = {accuracy.normalise(label) for label in case.skipped} & {b for b, _ in keys}
        assert not clashes, f"{where}: both expected and skipped: {clashes}"


@pytest.mark.parametrize(("label_file", "case"), _cases())
def test_heldout_shape_extracts_exactly_the_labelled_scores(label_file: Any, case: Any) -> None:
    markdown = (HELDOUT / label_file.file).read_text(encoding="utf-8")
    result = accuracy.run_case(markdown, label_file, case)
    if not result.passed:
        pytest.fail("\n".join([result.case_id, *result.problems()]), pytrace=False)
    skipped = {
        accuracy.normalise(cell.label) for cell in extract(markdown, case.table, case.model).skipped
    }
    missing_skips = [label for label in case.skipped if accuracy.normalise(label) not in skipped]
    assert not missing_skips, f"not reported as skipped: {missing_skips}"


# Tables that hold numbers but no scores: every number is skipped with a reason.
NO_SCORE_TABLES = [
    ("falcon_hyperparameter_tables.md", 1),
    ("falcon_hyperparameter_tables.md", 2),
    ("falcon_hyperparameter_tables.md", 3),
]
# The same, read for one model: an architecture table, a table of quantised files.
NO_SCORE_COLUMNS = [
    ("granite_html_caption.md", 3, "8B Dense"),
    ("granite_html_caption.md", 3, 5),
    ("task_dataset_metric_value.md", 2, "finch-roberta.Q4_K_M.gguf"),
    ("nova_decorated_headers.md", 3, "7B"),
]


@pytest.mark.parametrize(("fixture", "table"), NO_SCORE_TABLES)
def test_tables_describing_the_model_give_no_scores(fixture: str, table: int) -> None:
    extraction = extract((HELDOUT / fixture).read_text(encoding="utf-8"), table)
    assert extraction.scores == ()
    numbers = [cell for cell in extraction.skipped if any(ch.isdigit() for ch in cell.cell)]
    assert numbers, "the numbers are reported as skipped, not dropped"
    assert all(cell.reason.startswith("not a score") for cell in numbers)


@pytest.mark.parametrize(("fixture", "table", "model"), NO_SCORE_COLUMNS)
def test_architecture_tables_give_no_scores(fixture: str, table: int, model: str | int) -> None:
    extraction = extract((HELDOUT / fixture).read_text(encoding="utf-8"), table, model)
    assert extraction.scores == ()
    reasons = [cell.reason for cell in extraction.skipped]
    assert reasons
    assert all(reason.startswith(("not a score", "placeholder")) for reason in reasons)


# Names that match more than one row or column: refused, with candidates that tell them apart.
AMBIGUOUS = [
    ("albert_version_sections.md", 1, "ALBERT-base", {"ALBERT-base (V2)", "ALBERT-base (V1)"}),
    ("phi4_stacked_rows.md", 1, "Qwen 2.5", None),
]


@pytest.mark.parametrize(("fixture", "table", "model", "candidates"), AMBIGUOUS)
def test_ambiguous_names_are_refused(
    fixture: str, table: int, model: str, candidates: set[str] | None
) -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        extract((HELDOUT / fixture).read_text(encoding="utf-8"), table, model)
    if candidates is not None:
        assert candidates <= set(caught.value.candidates)


# A benchmark named as the model: refused with what the table's models are and the flag to use.
OTHER_AXIS = [
    ("nova_decorated_headers.md", 1, "MMLU", "row", "Nova-7B-Chinese"),
    ("nova_decorated_headers.md", 2, "HumanEval", "column", "Nova-70b"),
]


@pytest.mark.parametrize(("fixture", "table", "model", "axis", "a_model"), OTHER_AXIS)
def test_a_benchmark_named_as_the_model_is_refused_with_the_right_flag(
    fixture: str, table: int, model: str, axis: str, a_model: str
) -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        extract((HELDOUT / fixture).read_text(encoding="utf-8"), table, model)
    error = caught.value
    assert f"is a benchmark {axis} of table {table}, not a model" in error.message
    assert a_model in error.candidates
    assert error.hint is not None and f'include: ["{model}"]' in error.hint
