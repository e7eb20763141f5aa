"""Finding log files: folders, explicit files, files that are not logs."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from logs_helpers import LIGHTEVAL_FILE, LM_EVAL_FILE

from hfeval.errors import SourceError
from hfeval.hub import Hub
from hfeval.sources.logs_files import hub_log_files, local_log_files, read_log_files


def test_folders_are_searched_and_other_json_is_counted(tmp_path: Path) -> None:
    (tmp_path / "logs" / "nested").mkdir(parents=True)
    (tmp_path / "logs" / ".hidden").mkdir()
    shutil.copy(LM_EVAL_FILE, tmp_path / "logs" / "nested" / LM_EVAL_FILE.name)
    (tmp_path / "logs" / "logs.json").write_text('{"listing": []}')
    (tmp_path / "logs" / "notes.txt").write_text("not considered")
    (tmp_path / "logs" / ".hidden" / "x.json").write_text("{}")
    files = local_log_files(["logs/", "logs/nested"], tmp_path)
    assert [Path(f.shown).relative_to(tmp_path).as_posix() for f in files] == [
        "logs/logs.json",
        "logs/nested/results_2026-01-04T12-00-00.json",
    ]
    read = read_log_files(files)
    assert {run.harness for run in read.runs} == {"lm-evaluation-harness"}
    assert [Path(name).name for name in read.not_logs] == ["logs.json"]


def test_a_named_file_must_be_a_log(tmp_path: Path) -> None:
    (tmp_path / "readme.json").write_text('{"title": "x"}')
    with pytest.raises(SourceError, match="is not an inspect, lm-evaluation-harness or lighteval"):
        read_log_files(local_log_files(["readme.json"], tmp_path))


def test_missing_and_empty_paths_are_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such log file or folder"):
        local_log_files(["nope/"], tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourceError, match=r"holds no \.eval or \.json files"):
        local_log_files(["empty"], tmp_path)


def test_lighteval_file_is_recognised(tmp_path: Path) -> None:
    shutil.copy(LIGHTEVAL_FILE, tmp_path / LIGHTEVAL_FILE.name)
    read = read_log_files(local_log_files([LIGHTEVAL_FILE.name], tmp_path))
    assert {run.harness for run in read.runs} == {"lighteval"}


def test_hub_logs_by_file_or_folder(hub_repo: Callable[..., str], sandbox_url: str) -> None:
    repo = hub_repo(
        {"a/results_2026-01-04T12-00-00.json": LM_EVAL_FILE.read_bytes(), "b/x.txt": "text"},
        repo_type="dataset",
    )
    hub = Hub(sandbox_url)
    (named,) = hub_log_files(hub, repo, "a/results_2026-01-04T12-00-00.json", None, "https://hf.co")
    assert named.named and named.shown == f"{repo}/a/results_2026-01-04T12-00-00.json"
    assert named.url is not None and named.url.startswith(f"https://hf.co/datasets/{repo}/blob/")
    assert named.local.read_bytes() == LM_EVAL_FILE.read_bytes()
    (found,) = hub_log_files(hub, repo, None, None, "https://hf.co")
    assert not found.named and found.shown == named.shown
    with pytest.raises(SourceError, match=f"dataset {repo}/b has no .eval or .json files at"):
        hub_log_files(hub, repo, "b/", None, "https://hf.co")
