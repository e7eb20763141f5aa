"""`hfeval.disk_cache`: whole-or-nothing writes, and best-effort writes for caches."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfeval.disk_cache import cache_write, entry_path, read_entry, write_atomically


def test_write_atomically_creates_the_folder_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "entry.json"
    write_atomically(target, '{"x": 1}')
    write_atomically(target, b'{"x": 2}')
    assert read_entry(target) == {"x": 2}
    assert [p.name for p in target.parent.iterdir()] == ["entry.json"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path) -> None:
    target = tmp_path / "entry.json"
    write_atomically(target, "old")
    with pytest.raises(TypeError):
        write_atomically(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]


def test_cache_write_ignores_an_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache_write(blocker / "entry.json", "data")  # no error: the cache is only an optimisation
    assert blocker.read_text() == "not a folder"


def test_entries_fan_out_by_the_first_byte_of_the_key(tmp_path: Path) -> None:
    assert entry_path(tmp_path, "abcdef") == tmp_path / "ab" / "abcdef.json"
