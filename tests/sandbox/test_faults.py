"""Fault registry: matching by method and path prefix, counting down, permanent and delay faults."""

from __future__ import annotations

import json

import pytest

from hfeval.sandbox.faults import FaultRegistry

COMMIT = "/api/models/ns/x/commit/main"


def test_a_fault_matches_method_and_prefix_and_is_used_up() -> None:
    faults = FaultRegistry()
    faults.add(method="POST", path_prefix="/api/models/ns/x/commit", status=429, times=2)
    assert faults.take("GET", (COMMIT,)) is None
    assert faults.take("POST", ("/api/models/ns/y/commit/main",)) is None
    first = faults.take("post", (COMMIT,))
    assert first is not None and first.status == 429
    assert faults.take("POST", (COMMIT,)) is not None
    assert faults.take("POST", (COMMIT,)) is None
    assert faults.pending() == []


def test_permanent_faults_and_clearing() -> None:
    faults = FaultRegistry()
    fault = faults.add(path_prefix="/aa/", status=503, times=None)
    for _ in range(3):
        assert faults.take("GET", ("/aa/api/v2/x",)) == fault
    assert faults.remove(fault.id) and not faults.remove(fault.id)
    faults.add(path_prefix="/", delay=0.1, status=None)
    faults.clear()
    assert faults.pending() == []


def test_default_and_custom_bodies() -> None:
    faults = FaultRegistry()
    default = faults.add(path_prefix="/", status=500)
    custom = faults.add(path_prefix="/", status=200, body="{not json")
    assert json.loads(default.response_body()) == {"error": "Injected fault: HTTP 500"}
    assert custom.response_body() == b"{not json"


def test_json_specs_are_checked() -> None:
    faults = FaultRegistry()
    fault = faults.add_from_json({"path_prefix": "/api/", "status": 502, "times": 2})
    assert fault.to_json()["status"] == 502 and fault.times == 2
    with pytest.raises(ValueError, match="unknown fault fields: colour"):
        faults.add_from_json({"path_prefix": "/", "colour": "red"})
    with pytest.raises(ValueError, match="path_prefix"):
        faults.add_from_json({"status": 500})
    with pytest.raises(ValueError, match="needs a status, a delay"):
        faults.add(path_prefix="/", status=None)
    with pytest.raises(ValueError, match="times must be at least 1"):
        faults.add(path_prefix="/", times=0)
