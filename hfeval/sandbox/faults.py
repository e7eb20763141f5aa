"""Fault injection for the sandbox Hub: make chosen requests fail, slow down or answer garbage.

Tests register faults on a running server (`sandbox.faults.add(...)`, or `POST /_sandbox/faults`
from another process); `hfeval sandbox --faults FILE` (or HFEVAL_SANDBOX_FAULTS) loads them from
a YAML/JSON list so a user can rehearse. Each request takes the first matching fault (method and
path prefix: one endpoint, or a whole family of them), which lets `skip` requests through first,
then counts down `times` and disappears when spent. What a fault does (`fault_effects.py`):

- `status`: answer it instead (429 with `retry_after` gets `Retry-After` and `RateLimit` headers);
  `status=None` only delays the request and then lets it through (a slow response);
- `reset`: drop the connection without an answer;
- `after`: carry the request out first, then lose its answer (status or reset): a commit that
  landed although the client saw it fail;
- `concurrent_write`: another writer commits to the target branch just before the request, so a
  commit with the old `parent_commit` meets a real 412.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError


@dataclass(frozen=True)
class Fault:
    """One injected fault; `method=None` matches every method, `times=None` never runs out."""

    id: int
    path_prefix: str
    method: str | None = None
    status: int | None = 500
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes | None = None
    delay: float = 0.0
    times: int | None = 1
    reset: bool = False
    after: bool = False
    concurrent_write: bool = False
    skip: int = 0

    def matches(self, method: str, paths: tuple[str, ...]) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return any(path.startswith(self.path_prefix) for path in paths)

    def response_body(self) -> bytes:
        if self.body is not None:
            return self.body
        return json.dumps({"error": f"Injected fault: HTTP {self.status}"}).encode()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path_prefix": self.path_prefix,
            "method": self.method,
            "status": self.status,
            "headers": dict(self.headers),
            "delay": self.delay,
            "times": self.times,
            "reset": self.reset,
            "after": self.after,
            "concurrent_write": self.concurrent_write,
            "skip": self.skip,
        }


_JSON_FIELDS = frozenset(
    {
        "path_prefix",
        "method",
        "status",
        "headers",
        "body",
        "delay",
        "times",
        "reset",
        "after",
        "concurrent_write",
        "skip",
        "retry_after",
    }
)


class FaultRegistry:
    """The faults of one server; safe to use from test code while requests are being served."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.injected = 0  # how many requests a fault acted on, for the reliability report

    def add(
        self,
        *,
        path_prefix: str,
        method: str | None = None,
        status: int | None = 500,
        headers: Mapping[str, str] | None = None,
        body: bytes | str | None = None,
        delay: float = 0.0,
        times: int | None = 1,
        reset: bool = False,
        after: bool = False,
        concurrent_write: bool = False,
        skip: int = 0,
        retry_after: float | None = None,
    ) -> Fault:
        """Register a fault for requests whose path starts with `path_prefix` (raw or decoded)."""
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for a permanent fault)")
        if status is None and delay <= 0 and not (reset or concurrent_write):
            raise ValueError("a fault needs a status, a delay, a reset or a concurrent write")
        if skip < 0:
            raise ValueError("skip must not be negative")
        headers = dict(headers or {})
        if retry_after is not None:
            seconds = f"{retry_after:g}"
            headers.setdefault("Retry-After", seconds)
            headers.setdefault("RateLimit", f'"api";r=0;t={seconds}')
        fault = Fault(
            id=next(self._ids),
            path_prefix=path_prefix,
            method=method,
            status=status,
            headers=headers,
            body=body.encode() if isinstance(body, str) else body,
            delay=delay,
            times=times,
            reset=reset,
            after=after,
            concurrent_write=concurrent_write,
            skip=skip,
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def add_from_json(self, spec: Mapping[str, Any]) -> Fault:
        """Register a fault from the JSON body of `POST /_sandbox/faults` (same field names)."""
        unknown = set(spec) - _JSON_FIELDS
        if unknown:
            raise ValueError(f"unknown fault fields: {', '.join(sorted(unknown))}")
        if not isinstance(spec.get("path_prefix"), str):
            raise ValueError("path_prefix (a string) is required")
        return self.add(
            path_prefix=spec["path_prefix"],
            method=spec.get("method"),
            # A reset or a concurrent write is the fault itself; otherwise the default is a 500.
            status=spec.get(
                "status", None if spec.get("reset") or spec.get("concurrent_write") else 500
            ),
            headers=spec.get("headers"),
            body=spec.get("body"),
            delay=float(spec.get("delay", 0.0)),
            times=spec.get("times", 1),
            reset=bool(spec.get("reset", False)),
            after=bool(spec.get("after", False)),
            concurrent_write=bool(spec.get("concurrent_write", False)),
            skip=int(spec.get("skip", 0)),
            retry_after=None if spec.get("retry_after") is None else float(spec["retry_after"]),
        )

    def take(self, method: str, paths: tuple[str, ...]) -> Fault | None:
        """The first fault matching this request, counting one use of it."""
        with self._lock:
            for index, fault in enumerate(self._faults):
                if not fault.matches(method, paths):
                    continue
                if fault.skip > 0:
                    self._faults[index] = replace(fault, skip=fault.skip - 1)
                    return None
                self.injected += 1
                if fault.times is None:
                    return fault
                if fault.times == 1:
                    del self._faults[index]
                else:
                    self._faults[index] = replace(fault, times=fault.times - 1)
                return fault
        return None

    def remove(self, fault_id: int) -> bool:
        with self._lock:
            before = len(self._faults)
            self._faults = [fault for fault in self._faults if fault.id != fault_id]
            return len(self._faults) < before

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)


def load_fault_specs(path: Path) -> list[dict[str, Any]]:
    """The fault specs of a YAML or JSON file: a list of faults, or `{faults: [...]}`."""
    yaml = YAML(typ="safe")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        raise ValueError(f"{path}: cannot read the faults file ({error})") from error
    if isinstance(data, dict) and "faults" in data:
        data = data["faults"]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValueError(f"{path}: expected a list of faults (each a mapping with path_prefix)")
    return [dict(item) for item in data]
