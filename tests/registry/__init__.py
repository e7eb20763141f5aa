"""Registry tests, a package so that mypy tells its conftest apart from tests/conftest.py."""

from __future__ import annotations
