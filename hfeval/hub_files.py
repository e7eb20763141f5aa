"""Text files read at a commit: one GET each, cached on disk by endpoint, repo and sha (a file
at a commit never changes, and a missing one stays missing), refused when over the size limit or
not UTF-8."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from huggingface_hub import constants, get_session, hf_raise_for_status
from huggingface_hub.errors import EntryNotFoundError
from huggingface_hub.utils._headers import build_hf_headers  # not re-exported for typing

from hfeval.disk_cache import cache_write, entry_path
from hfeval.errors import HubError

# The largest card hfeval reads or rewrites; real ones are under 100 kB (the biggest in our corpus
# is 76 kB), so this only stops runaway files from being parsed and rewritten.
MAX_TEXT_BYTES = 2 * 10**6


# How a read is sent: the Hub's retries and error translation (`hfeval.hub.hub_call`).
Caller = Callable[[str, Callable[[], bytes | None]], bytes | None]


class CommitFiles:
    """Reads files of one endpoint's repos at full commit shas, through a disk cache."""

    def __init__(self, endpoint: str, token: str | None, call: Caller) -> None:
        self.endpoint = endpoint
        self._token = token
        self._call = call
        endpoint_key = hashlib.sha256(endpoint.encode()).hexdigest()[:16]
        self._root = Path(constants.HF_HOME) / "hfeval" / "files" / endpoint_key
        # Files missing at a commit stay missing: remembered so the next plan does not ask.
        self._absent_root = self._root.with_name(f"{endpoint_key}.absent")

    def read(self, repo_id: str, path: str, commit: str) -> str | None:
        """The text of `path` at `commit` (a full sha): from the cache, else one GET.

        One GET on the shared client, where `hf_hub_download` sends a HEAD first and sets up
        its blob/symlink cache, for files of a few kilobytes that are read once per commit.
        """
        key = hashlib.sha256(f"{repo_id}\0{commit}\0{path}".encode()).hexdigest()
        cached = entry_path(self._root, key, suffix="")
        absent = entry_path(self._absent_root, key, suffix="")
        try:
            return cached.read_bytes().decode("utf-8")
        except (FileNotFoundError, NotADirectoryError):
            if absent.is_file():
                return None
        url = f"{self.endpoint}/{repo_id}/resolve/{commit}/{quote(path)}"

        def fetch() -> bytes | None:
            response = get_session().get(url, headers=build_hf_headers(token=self._token))
            try:
                hf_raise_for_status(response)
            except EntryNotFoundError:
                return None
            return response.content

        content = self._call(repo_id, fetch)
        # Checked before caching: a file too big or not UTF-8 is refused, never stored.
        text = None if content is None else decode_text(content, f"{repo_id}/{path}@{commit[:7]}")
        if len(commit) == 40:  # only a full sha names content that cannot change
            cache_write(absent if content is None else cached, content or b"")
        return text


def decode_text(data: bytes, where: str) -> str:
    """A file hfeval reads as text: UTF-8 and at most MAX_TEXT_BYTES, else a HubError."""
    size = len(data)
    if size > MAX_TEXT_BYTES:
        raise HubError(
            f"the file is {size / 1e6:.1f} MB, over hfeval's {MAX_TEXT_BYTES // 10**6} MB limit "
            "for a file it reads or rewrites",
            where=where,
            hint="model cards are usually well under 100 kB; move bulky content out of it",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HubError(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})",
            where=where,
            hint="the Hub expects UTF-8 model cards; save the file as UTF-8 and push it again",
        ) from error
