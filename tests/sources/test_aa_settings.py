"""Artificial Analysis settings: `.env` parsing and the environment-before-file precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfeval.sources.aa_cache import default_cache_dir
from hfeval.sources.aa_settings import load_api_key, read_dotenv


def test_read_dotenv_understands_common_forms(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text(
        "\n".join(
            [
                "# comment",
                "",
                "PLAIN=value",
                "export EXPORTED=yes",
                'DOUBLE="quoted # not a comment"',
                "SINGLE='single'",
                "TRAILING=value # comment",
                "SPACED = spaced ",
                "EMPTY=",
                "not a setting",
            ]
        ),
        encoding="utf-8",
    )
    assert read_dotenv(path) == {
        "PLAIN": "value",
        "EXPORTED": "yes",
        "DOUBLE": "quoted # not a comment",
        "SINGLE": "single",
        "TRAILING": "value",
        "SPACED": "spaced",
        "EMPTY": "",
    }


def test_read_dotenv_of_a_missing_file_is_empty(tmp_path: Path) -> None:
    assert read_dotenv(tmp_path / ".env") == {}


def test_load_api_key_prefers_the_environment(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("AA_API_KEY=file-key\n", encoding="utf-8")
    assert load_api_key(tmp_path, {"AA_API_KEY": "env-key"}) == "env-key"
    assert load_api_key(tmp_path, {"AA_API_KEY": "  "}) == "file-key"
    assert load_api_key(tmp_path, {}) == "file-key"


def test_load_api_key_is_none_when_unset(tmp_path: Path) -> None:
    assert load_api_key(tmp_path, {}) is None
    (tmp_path / ".env").write_text("AA_API_KEY=\n", encoding="utf-8")
    assert load_api_key(tmp_path, {}) is None


def test_load_api_key_reads_os_environ_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AA_API_KEY", "process-key")
    assert load_api_key(tmp_path) == "process-key"


def test_default_cache_dir(tmp_path: Path) -> None:
    assert default_cache_dir({"HFEVAL_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert default_cache_dir({}) == Path.home() / ".cache" / "hfeval"
