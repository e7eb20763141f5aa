"""`hfeval validate`, run in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from hfeval.cli.validate_cmd import validate

WriteFiles = Callable[[dict[str, str]], Path]

GOOD = "model: {repo}\nsources:\n  - readme: {{table: 1}}\n"


def test_ok_lists_the_specs(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": GOOD.format(repo="a/x"), "specs/b.yaml": GOOD.format(repo="b/x")})
    result = CliRunner().invoke(validate, [])
    assert result.exit_code == 0
    assert result.output == "OK: 2 specs valid (specs/a.yaml, specs/b.yaml)\n"


def test_explicit_file(spec_repo: WriteFiles) -> None:
    spec_repo({"one.yaml": GOOD.format(repo="a/x")})
    result = CliRunner().invoke(validate, ["one.yaml"])
    assert (result.exit_code, result.output) == (0, "OK: 1 spec valid (one.yaml)\n")


def test_problems_exit_1(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": "model: a/x\nsourse: []\n"})
    result = CliRunner().invoke(validate, ["specs"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        'specs/a.yaml:1:1: missing required key "sources"',
        'specs/a.yaml:2:1: unknown key "sourse" (did you mean "sources"?)',
        "2 problems found",
    ]


def test_no_specs_dir(spec_repo: WriteFiles) -> None:
    spec_repo({})
    result = CliRunner().invoke(validate, [])
    assert result.exit_code == 1
    assert "specs: no such file or directory" in result.stderr


def test_help_teaches_the_format() -> None:
    result = CliRunner().invoke(validate, ["--help"])
    assert result.exit_code == 0
    for words in ("model: allenai/Olmo-3-32B-Think", "- readme:", "artificial_analysis", "table:"):
        assert words in result.output
