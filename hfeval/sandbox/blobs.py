"""Content-addressed file storage for the sandbox Hub, and the atomic write every store file uses.

A blob lives at `blobs/<first 2 hex>/<remaining 38 hex>` under the data directory, named by its
git blob sha1, so identical contents are stored once and a blob file never changes after it is
written. That is also why reads need no lock.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from hfeval.sandbox.records import git_blob_sha1


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temp file and a rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as temp_file:
            temp_file.write(data)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


class BlobStore:
    """Immutable file contents keyed by git blob sha1."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._sizes: dict[str, int] = {}
        self._sizes_lock = threading.Lock()

    def put(self, data: bytes) -> str:
        oid = git_blob_sha1(data)
        path = self._path(oid)
        if not path.exists():
            write_atomically(path, data)
        with self._sizes_lock:
            self._sizes[oid] = len(data)
        return oid

    def get(self, oid: str) -> bytes:
        return self._path(oid).read_bytes()

    def size(self, oid: str) -> int:
        with self._sizes_lock:
            known = self._sizes.get(oid)
        if known is not None:
            return known
        size = self._path(oid).stat().st_size
        with self._sizes_lock:
            self._sizes[oid] = size
        return size

    def _path(self, oid: str) -> Path:
        return self.root / oid[:2] / oid[2:]
