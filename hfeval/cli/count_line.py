"""A count that rewrites one line of a terminal while long reads run (`plan` over many repos).

Only for a terminal: a CI log or a pipe gets no carriage returns. Updates come from any thread
and are throttled, so a fast plan costs nothing; the line is cleared once the count ends.
"""

from __future__ import annotations

import threading
import time
from typing import TextIO


class CountLine:
    """`Planned: 420/1000 repos` (for the label `Planned`), redrawn at most every `every` s."""

    def __init__(
        self, label: str, stream: TextIO, *, every: float = 0.1, enabled: bool | None = None
    ) -> None:
        """`enabled` defaults to whether `stream` is a terminal; a disabled line draws nothing."""
        self._enabled = stream.isatty() if enabled is None else enabled
        self._label = label
        self._stream = stream
        self._every = every
        self._lock = threading.Lock()
        self._last = float("-inf")  # the first count is always drawn
        self._shown = False
        self._width = 0

    def __call__(self, done: int, total: int) -> None:
        if not self._enabled:
            return
        now = time.monotonic()
        with self._lock:
            if done < total and now - self._last < self._every:
                return
            self._last = now
            self._shown = True
            text = f"{self._label}: {done}/{total} repos"
            self._width = max(self._width, len(text))
            self._stream.write(f"\r{text}")
            self._stream.flush()

    def __enter__(self) -> CountLine:
        return self

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            if self._shown:  # leave the line blank for the plan's own output (no escape codes,
                # so a dumb terminal shows the same)
                self._stream.write("\r" + " " * self._width + "\r")
                self._stream.flush()
                self._shown = False
