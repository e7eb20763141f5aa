"""Files written whole or not at all, and the helpers hfeval's small on-disk caches share.

Every cache hfeval keeps (files read at a commit, table extractions, plan memos, the Artificial
Analysis catalogue) and the eval result store write through `write_atomically`: the text goes to
a temporary file in the same folder and is renamed over the target, so a concurrent reader or a
crash sees the old file or the new one, never half of one. `cache_write` is the best-effort form
for caches: an unwritable cache folder (a read-only HF_HOME) means no cache, not a failure.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import hfeval


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write `data` (str as UTF-8) to `path` through a temporary file and a rename.

    The parent folder is created when missing. Raises OSError; the temporary file is removed.
    """
    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:  # the first file of its folder: create the folder only then
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def cache_write(path: Path, data: bytes | str) -> None:
    """`write_atomically` for a cache: a failure is ignored (the cache is an optimisation)."""
    with contextlib.suppress(OSError):
        write_atomically(path, data)


def entry_path(directory: Path, key: str, *, suffix: str = ".json") -> Path:
    """Where the entry `key` (a hex digest) of a cache under `directory` lives.

    Entries are fanned out by the key's first byte, so a folder stays small and, on a cold run,
    a new entry rarely needs a new folder (creating one costs about as much as the file).
    """
    return directory / key[:2] / f"{key}{suffix}"


def read_entry(path: Path) -> Any:
    """The JSON stored at `path`; raises OSError or ValueError when absent or half-written."""
    return json.loads(path.read_bytes())


def source_fingerprint(files: Iterable[Path]) -> str:
    """A hash of hfeval's version and of the given source files (paths relative to hfeval/)."""
    package = Path(hfeval.__file__).parent
    digest = hashlib.sha256(hfeval.__version__.encode())
    for path in sorted(files):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()
