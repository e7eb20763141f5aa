"""The source interface: one shared resource per run, and one registered kind per spec key."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from hfeval.hub import Hub
from hfeval.registry import default_registry
from hfeval.sources.base import RunContext, Shared
from hfeval.sources.kinds import SOURCE_KINDS, kind_of
from hfeval.spec import ProjectConfig, SourceEntry, SpecSet


def context() -> RunContext:
    spec_set = SpecSet(root=Path("."), config=ProjectConfig(), config_path=None, specs=())
    return RunContext(spec_set, Hub("http://127.0.0.1:9"), default_registry(), False, date.today())


def test_a_shared_resource_is_created_once_for_concurrent_callers() -> None:
    made: list[int] = []
    gate = threading.Event()

    def create(_context: RunContext) -> object:
        gate.wait(1)
        made.append(1)
        return object()

    resource = Shared[object]("thing", create)
    run = context()
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(run.get, resource) for _ in range(4)]
        gate.set()
        values = [future.result() for future in futures]
    assert len(made) == 1
    assert all(value is values[0] for value in values)


def test_a_failed_resource_reraises_its_error_without_retrying() -> None:
    calls: list[int] = []

    def create(_context: RunContext) -> object:
        calls.append(1)
        raise RuntimeError("no key")

    resource = Shared[object]("thing", create)
    run = context()
    for _ in range(2):
        with pytest.raises(RuntimeError, match="no key"):
            run.get(resource)
    assert calls == [1]


def test_provided_value_replaces_creation() -> None:
    resource = Shared[str]("thing", lambda _context: pytest.fail("must not be created"))
    run = context()
    run.provide(resource, "given")
    assert run.get(resource) == "given"


def test_every_spec_source_key_has_one_registered_kind() -> None:
    for key, field in SourceEntry.model_fields.items():
        config_type = next(
            t for t in getattr(field.annotation, "__args__", ()) if t is not type(None)
        )
        kind = SOURCE_KINDS[config_type]
        assert kind.key == key
    assert len(SOURCE_KINDS) == len(SourceEntry.model_fields)


def test_kind_of_finds_the_kind_of_an_entry() -> None:
    entry = SourceEntry.model_validate({"artificial_analysis": {"id": "x"}})
    kind = kind_of(entry.config)
    assert kind is not None and kind.key == entry.kind == "artificial_analysis"
