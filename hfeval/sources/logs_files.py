"""Finding eval-log files (local paths or a Hub dataset repo) and reading each with its harness.

Which files: every `.eval` and `.json` file named, or found under a named folder (recursively,
sorted, hidden folders skipped). What each is: `.eval` is an inspect log; a `.json` is sniffed:
an inspect log header (`eval` + `status`), a lighteval results file (`config_general`), or an
lm-eval results file (`results` + `versions`/`n-shot`/`config`). Other JSON found in a folder is
counted and skipped; a file named explicitly that is not a log is an error.

Hub logs are listed at one commit and downloaded into the Hub cache, which is keyed by that
commit, so a second plan downloads nothing. Each file then links to
`<public_url>/datasets/<repo>/blob/<sha>/<path>`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from hfeval.errors import SourceError
from hfeval.hub import Hub
from hfeval.sources.logs_inspect import is_inspect_json, read_inspect_log
from hfeval.sources.logs_lighteval import is_lighteval_results, read_lighteval_results
from hfeval.sources.logs_lm_eval import is_lm_eval_results, read_lm_eval_results
from hfeval.sources.logs_records import TaskRun

LOG_SUFFIXES = (".eval", ".json")


@dataclass(frozen=True)
class LogFile:
    """One candidate log: how it is shown, where it sits on disk, its Hub URL if any."""

    shown: str
    local: Path
    url: str | None = None
    named: bool = False
    """Named explicitly in the spec (so it must be a log), rather than found in a folder."""


@dataclass(frozen=True)
class LogsRead:
    """The runs in a set of files, and how many found files were not logs."""

    runs: tuple[TaskRun, ...]
    not_logs: tuple[str, ...]


def local_log_files(paths: Sequence[str], spec_dir: Path) -> list[LogFile]:
    """The files `paths` (relative to the spec's folder) name or hold."""
    found: list[LogFile] = []
    for given in paths:
        # Lexically normalised: the plan shows `specs/logs/x.json`, not `specs/acme/../logs/x.json`.
        path = Path(os.path.normpath(spec_dir / given))
        if path.is_dir():
            inside = _files_under(path)
            if not inside:
                raise SourceError(f"{path} holds no .eval or .json files")
            found.extend(LogFile(str(file), file) for file in inside)
        elif path.is_file():
            found.append(LogFile(str(path), path, named=True))
        else:
            raise SourceError(f"no such log file or folder: {path}")
    return list({file.local.resolve(): file for file in found}.values())


def hub_log_files(
    hub: Hub, repo: str, path: str | None, revision: str | None, public_url: str
) -> list[LogFile]:
    """The log files under `path` of dataset `repo` at `revision`, downloaded (cached by sha)."""
    commit, names = hub.dataset_files(repo, revision)
    prefix = (path or "").strip("/")
    if prefix and prefix in names:
        chosen = [prefix]
    else:
        folder = f"{prefix}/" if prefix else ""
        chosen = [n for n in names if n.startswith(folder) and n.endswith(LOG_SUFFIXES)]
    if not chosen:
        where = f"{repo}/{prefix}" if prefix else repo
        raise SourceError(
            f"dataset {where} has no .eval or .json files at {commit[:7]}",
            hint="check `repo:` and `path:` of the logs source",
        )
    return [
        LogFile(
            shown=f"{repo}/{name}",
            local=hub.dataset_file(repo, name, commit),
            url=f"{public_url}/datasets/{repo}/blob/{commit}/{name}",
            named=name == prefix,
        )
        for name in chosen
    ]


def read_log_files(files: Sequence[LogFile]) -> LogsRead:
    """Every task run in `files`, file by file, in order."""
    runs: list[TaskRun] = []
    not_logs: list[str] = []
    for file in files:
        found = _read_one(file)
        if found is None:
            if file.named:
                raise SourceError(
                    f"{file.shown} is not an inspect, lm-evaluation-harness or lighteval log"
                )
            not_logs.append(file.shown)
            continue
        runs.extend(_with_url(run, file.url) for run in found)
    return LogsRead(tuple(runs), tuple(not_logs))


def _read_one(file: LogFile) -> list[TaskRun] | None:
    if file.local.suffix == ".eval":
        return [read_inspect_log(file.local, file.shown)]
    if file.local.suffix != ".json":
        return None
    try:
        data = json.loads(file.local.read_bytes())
    except OSError as error:
        raise SourceError(f"cannot read {file.shown}: {error.strerror}") from error
    except ValueError:
        return None  # not JSON at all: not a log
    if is_inspect_json(data):
        return [read_inspect_log(file.local, file.shown)]
    if is_lighteval_results(data):
        return read_lighteval_results(data, file.shown)
    if is_lm_eval_results(data):
        return read_lm_eval_results(data, file.shown)
    return None


def _with_url(run: TaskRun, url: str | None) -> TaskRun:
    return run if url is None else replace(run, url=url)


def _files_under(directory: Path) -> list[Path]:
    files: list[Path] = []
    for current, dirnames, filenames in os.walk(directory):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        files.extend(Path(current) / name for name in filenames if name.endswith(LOG_SUFFIXES))
    return sorted(files)
