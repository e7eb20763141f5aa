"""`hfeval tables` and `hfeval extract` on local files and on repos of the sandbox Hub."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_regressions.file_regression import FileRegressionFixture

from hfeval.cli import main
from hfeval.sandbox import Sandbox

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "tables"
CATEGORY_ROWS = str(FIXTURES / "category_rows.md")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_tables_lists_every_table_with_layout_and_candidates() -> None:
    code, out, _ = run("tables", CATEGORY_ROWS)
    assert code == 0
    assert "3 table(s)" in out
    assert "Table 2  line 15  pipe  models-as-rows" in out
    assert "Kestrel-Coder-Lite-Instruct" in out


def test_tables_json_is_stable(
    file_regression: FileRegressionFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    code, out, _ = run("tables", "subheaders.md", "--json")
    assert code == 0
    document = json.loads(out)
    assert [table["layout"] for table in document["tables"]] == ["models-as-rows"] * 3
    file_regression.check(out, fullpath=GOLDEN / "cli_tables_subheaders.json")


def test_extract_json_has_exactly_the_documented_keys() -> None:
    code, out, _ = run(
        "extract", CATEGORY_ROWS, "--table", "2", "--model", "Kestrel-Coder-Instruct", "--json"
    )
    assert code == 0
    document = json.loads(out)
    assert list(document) == ["table", "layout", "model", "scores", "skipped"]
    assert document["scores"][0] == {
        "benchmark": "GSM8K",
        "metric": None,
        "type": document["scores"][0]["type"],
        "value": 94.0,
        "cell": "**94.0**",
    }
    assert {"label": "AIME 2024", "cell": "**4/30**", "reason": "composite value '4/30'"} in (
        document["skipped"]
    )


def test_extract_explain_says_why_each_cell_was_taken_or_skipped() -> None:
    code, out, _ = run(
        "extract", CATEGORY_ROWS, "--table", "Math", "--model", "Apex-Pro", "--explain"
    )
    assert code == 0
    assert 'column "GSM8K" in row "Apex-Pro"' in " ".join(out.split())
    assert "placeholder '-'" in out
    assert "composite value '2/30'" in out


def test_extract_without_a_match_fails_with_candidates() -> None:
    code, _, err = run("extract", CATEGORY_ROWS, "--table", "3", "--model", "Kestrel Instruct")
    assert code == 1
    assert "candidates" in err and "Kestrel-Coder Instruct" in err
    assert "did you mean" in err


def test_unknown_source_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("tables", str(tmp_path / "missing.md"))
    assert code == 1
    assert "no such file, and not a Hub repo id" in err


def test_reads_readme_from_the_hub_and_marks_the_repo_model(sandbox: Sandbox) -> None:
    markdown = (FIXTURES / "category_rows.md").read_text(encoding="utf-8")
    repo_id = "tables-cli/Kestrel-Coder-Instruct"
    sandbox.store.create_repo(repo_id, {"README.md": markdown}, author="tables-cli")
    code, out, _ = run("tables", repo_id, "--json")
    assert code == 0
    document = json.loads(out)
    assert len(document["commit"]) == 40
    marked = [
        candidate["label"]
        for table in document["tables"]
        for candidate in table["candidates"]
        if candidate["matches_repo"]
    ]
    assert marked == ["Kestrel-Coder-Instruct", "Kestrel-Coder-Instruct", "Kestrel-Coder Instruct"]
    code, out, _ = run(
        "extract", repo_id, "--table", "1", "--model", "Kestrel-Coder-Instruct", "--json"
    )
    assert code == 0
    assert [score["value"] for score in json.loads(out)["scores"]] == [29.9, 81.3]
