"""Spec-test helpers: a spec repo written into a temporary directory that is also the cwd."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

WriteFiles = Callable[[dict[str, str]], Path]


@pytest.fixture
def spec_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WriteFiles:
    """Write `{relative path: text}` under a temp dir, chdir there, return the dir."""
    monkeypatch.chdir(tmp_path)

    def write(files: dict[str, str]) -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return tmp_path

    return write
