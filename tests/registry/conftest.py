"""Shared fixture for the registry tests: the default registry, built once."""

from __future__ import annotations

import pytest

from hfeval.registry import Registry, default_registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    return default_registry()
