"""The one door to inspect-ai: imported lazily, and a missing install names the extra to add.

`hfeval --help`, `validate` and README/AA plans must not import inspect-ai (it is heavy and
optional), so nothing imports it at module level; callers ask `inspect_module()` when they are
about to run or read an evaluation. Installed versions are read from package metadata, which
costs no import.
"""

from __future__ import annotations

from importlib import import_module, metadata
from types import ModuleType

from hfeval.errors import EvalError
from hfeval.evals.runs import Versions
from hfeval.sources.logs_inspect import INSTALL_HINT


def inspect_module(name: str = "inspect_ai") -> ModuleType:
    """`inspect_ai` (or one of its submodules), or an EvalError saying how to install it."""
    try:
        return import_module(name)
    except ImportError as error:
        if error.name is not None and not error.name.startswith("inspect_ai"):
            raise  # inspect-ai is there but something it needs is broken: show the real error
        raise EvalError(
            "inspect-ai is not installed; it runs and reads inspect evaluations",
            hint=INSTALL_HINT,
        ) from error


def installed_versions() -> Versions:
    """inspect-ai's and inspect_evals' installed versions (None when not installed)."""
    return Versions(inspect_ai=_version("inspect-ai"), inspect_evals=_version("inspect-evals"))


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
