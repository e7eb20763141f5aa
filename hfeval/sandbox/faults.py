"""Fault injection for the sandbox Hub: make chosen requests fail, slow down or answer garbage.

Tests register faults on a running server (`sandbox.faults.add(...)`, or `POST /_sandbox/faults`
from another process); each request takes the first matching fault, which counts down `times`
and disappears when spent. A fault with `status=None` only delays the request and then lets it
through, which is how slow responses are simulated.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any


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
        }


class FaultRegistry:
    """The faults of one server; safe to use from test code while requests are being served."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)

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
    ) -> Fault:
        """Register a fault for requests whose path starts with `path_prefix` (raw or decoded)."""
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for a permanent fault)")
        if status is None and delay <= 0:
            raise ValueError("a fault needs a status, a delay, or both")
        fault = Fault(
            id=next(self._ids),
            path_prefix=path_prefix,
            method=method,
            status=status,
            headers=dict(headers or {}),
            body=body.encode() if isinstance(body, str) else body,
            delay=delay,
            times=times,
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def add_from_json(self, spec: Mapping[str, Any]) -> Fault:
        """Register a fault from the JSON body of `POST /_sandbox/faults` (same field names)."""
        unknown = set(spec) - {
            "path_prefix",
            "method",
            "status",
            "headers",
            "body",
            "delay",
            "times",
        }
        if unknown:
            raise ValueError(f"unknown fault fields: {', '.join(sorted(unknown))}")
        if not isinstance(spec.get("path_prefix"), str):
            raise ValueError("path_prefix (a string) is required")
        return self.add(
            path_prefix=spec["path_prefix"],
            method=spec.get("method"),
            status=spec.get("status", 500),
            headers=spec.get("headers"),
            body=spec.get("body"),
            delay=float(spec.get("delay", 0.0)),
            times=spec.get("times", 1),
        )

    def take(self, method: str, paths: tuple[str, ...]) -> Fault | None:
        """The first fault matching this request, counting one use of it."""
        with self._lock:
            for index, fault in enumerate(self._faults):
                if not fault.matches(method, paths):
                    continue
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
