"""The result store: one directory per run key holding its state and its inspect log.

Layout under the store root (default `$HFEVAL_CACHE_DIR/evals`, else `~/.cache/hfeval/evals`;
`eval_store:` in hfeval.yaml overrides it):

    <key>/entry.json     state (submitted | done | failed), run identity, job id, log, error, times
    <key>/log.eval       the inspect log, copied in (or log.json)
    <key>.lock           lock file; whoever changes an entry holds it (fcntl.flock)

Entries are content-addressed by `EvalRun.key`, so two specs asking for the same run share it.
Every write goes to a temporary file in the same directory and is moved into place with
`os.replace`, so a reader never sees half a file and concurrent writers never corrupt an entry.
The HF Jobs runner records a job id (`submitted`) before it waits, so an interrupted
`hfeval eval` finds the job again instead of submitting a duplicate.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from hfeval.disk_cache import write_atomically
from hfeval.evals.runs import EvalRun
from hfeval.sources.aa_cache import default_cache_dir

State = Literal["submitted", "done", "failed"]
ENTRY_FILE = "entry.json"
STORE_FORMAT = 1


@dataclass(frozen=True)
class StoredEntry:
    """What the store knows about one run key."""

    key: str
    state: State
    run: Mapping[str, Any]
    created_at: str
    updated_at: str
    job_id: str | None = None
    job_url: str | None = None
    log_file: str | None = None  # file name inside the entry directory
    log_url: str | None = None  # the log's Hub file URL when it lives on the Hub
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"format": STORE_FORMAT, **vars(self), "run": dict(self.run)}


class ResultStore:
    """Reads and writes run entries under one root directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def for_project(
        cls, configured: str | None, project_root: Path, environ: Mapping[str, str] | None = None
    ) -> ResultStore:
        """hfeval.yaml's `eval_store` (relative to the spec repo root), else the cache dir."""
        if configured:
            path = Path(configured).expanduser()
            return cls(path if path.is_absolute() else project_root / path)
        return cls(default_cache_dir(environ) / "evals")

    def entry_dir(self, key: str) -> Path:
        return self.root / key

    def get(self, key: str) -> StoredEntry | None:
        """The entry for `key`, or None when there is none (or it cannot be read)."""
        try:
            data = json.loads((self.entry_dir(key) / ENTRY_FILE).read_text(encoding="utf-8"))
            data.pop("format", None)
            return StoredEntry(**data)
        except (OSError, ValueError, TypeError):
            return None

    def log_path(self, entry: StoredEntry) -> Path | None:
        """Where the entry's copied-in log lives on this machine."""
        return None if entry.log_file is None else self.entry_dir(entry.key) / entry.log_file

    @contextlib.contextmanager
    def lock(self, key: str) -> Iterator[None]:
        """Hold the key's lock file (blocking): one writer per key at a time, across processes."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / f"{key}.lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def record_submitted(self, run: EvalRun, *, job_id: str, job_url: str | None = None) -> None:
        """A job runs this key now; written before waiting so a restart can re-attach."""
        self._write(run, state="submitted", job_id=job_id, job_url=job_url)

    def record_done(
        self, run: EvalRun, log: Path, *, log_url: str | None = None, job_id: str | None = None
    ) -> StoredEntry:
        """A finished log: copied into the entry, then the entry says `done`."""
        return self._write(run, state="done", log=log, log_url=log_url, job_id=job_id)

    def record_failed(
        self, run: EvalRun, error: str, *, log: Path | None = None, job_id: str | None = None
    ) -> StoredEntry:
        """A run that errored or was cancelled; its log is kept when there is one."""
        return self._write(run, state="failed", error=error, log=log, job_id=job_id)

    def _write(
        self,
        run: EvalRun,
        *,
        state: State,
        log: Path | None = None,
        job_id: str | None = None,
        job_url: str | None = None,
        log_url: str | None = None,
        error: str | None = None,
    ) -> StoredEntry:
        key = run.key
        directory = self.entry_dir(key)
        directory.mkdir(parents=True, exist_ok=True)
        previous = self.get(key)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        log_file = None
        if log is not None:
            log_file = "log.json" if log.suffix == ".json" else "log.eval"
            _atomic_copy(log, directory / log_file)
        entry = StoredEntry(
            key=key,
            state=state,
            run=run.to_dict(),
            created_at=previous.created_at if previous else now,
            updated_at=now,
            job_id=job_id or (previous.job_id if previous else None),
            job_url=job_url or (previous.job_url if previous else None),
            log_file=log_file,
            log_url=log_url,
            error=error,
        )
        write_atomically(directory / ENTRY_FILE, json.dumps(entry.to_dict(), indent=2) + "\n")
        return entry


def _atomic_copy(source: Path, target: Path) -> None:
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
