"""README front matter as the sandbox reads it: header split, YAML errors, warnings, cardData."""

from __future__ import annotations

import datetime

from hfeval.sandbox.frontmatter import (
    MISSING_METADATA_WARNING,
    card_data,
    metadata_problems,
    read_front_matter,
)

CARD = "---\nlicense: mit\nbase_model: org/base\ndate: 2025-01-15\n---\n# Title\n"


def test_header_is_split_and_parsed() -> None:
    front_matter = read_front_matter(CARD)
    assert front_matter.present
    assert front_matter.data == {
        "license": "mit",
        "base_model": "org/base",
        "date": datetime.date(2025, 1, 15),
    }


def test_windows_line_endings_and_leading_blank_lines() -> None:
    assert read_front_matter("\r\n---\r\nlicense: mit\r\n---\r\nbody").data == {"license": "mit"}


def test_card_data_is_json_ready() -> None:
    assert card_data(CARD) == {"license": "mit", "base_model": "org/base", "date": "2025-01-15"}
    assert card_data("# no header\n") is None
    assert card_data("---\n- a list\n---\n") is None


def test_missing_or_empty_metadata_is_a_warning() -> None:
    assert metadata_problems("# Just a title\n") == ([], [MISSING_METADATA_WARNING])
    assert metadata_problems("---\n---\nbody") == ([], [MISSING_METADATA_WARNING])
    assert metadata_problems(CARD) == ([], [])


def test_yaml_errors_name_the_line_of_the_readme() -> None:
    errors, warnings = metadata_problems("---\nlicense: mit\nbad: [unclosed\n---\n")
    assert warnings == []
    assert len(errors) == 1
    assert errors[0].startswith("Invalid YAML in README.md metadata:")
    assert errors[0].endswith("(line 3, column 15)")


def test_model_index_problems_come_from_validation() -> None:
    card = "---\nmodel-index:\n- results: []\n---\n"
    assert metadata_problems(card) == (['"model-index[0].name" is required'], [])
