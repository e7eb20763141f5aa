"""The source interface: what every kind of score source implements, and the run it sees.

A source kind (README table, Artificial Analysis, eval logs, inspect runs …) is one object with

- `key`: the spec key naming it (`readme:`),
- `config_type`: the pydantic model of that entry (`hfeval/spec/models.py`),
- `needs`: which I/O it does (`Need`), so a caller knows what a run involves before it starts,
- `shared`: the `Shared` resources it uses (an HTTP client, a result store), which the run
  creates once, on first use, for every spec of the run,
- `resolve(config, request, context)`: the entry + this spec's `SourceRequest` + the shared
  `RunContext` → a `SourceResult`.

`hfeval/sources/kinds.py` maps each `config_type` to its kind; adding a kind is its module, its
spec model, and one line there. The planner only calls `kind_of(config).resolve(…)`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar, Generic, Protocol, TypeVar, cast

from pydantic import BaseModel

from hfeval.hub import Hub, Identity, RepoSnapshot
from hfeval.observations import SourceResult
from hfeval.registry import Registry
from hfeval.spec import LoadedSpec, ProjectConfig, SpecSet

T = TypeVar("T")
ConfigT = TypeVar("ConfigT", bound=BaseModel, contravariant=True)


class Need(StrEnum):
    """A kind of I/O a source does while it resolves (all reads; planning never writes)."""

    HUB = "hub"
    """Reads Hub repos (the spec's own snapshot is always read and handed over)."""
    LOCAL_FILES = "local_files"
    """Reads files relative to the spec."""
    NETWORK = "network"
    """Calls a third-party HTTP API."""


@dataclass(frozen=True, eq=False)
class Shared(Generic[T]):
    """A resource every spec of one run shares, made by `create` on first use.

    Declared as a module constant by the kind that uses it; identity is the object itself.
    """

    name: str
    create: Callable[[RunContext], T]


@dataclass
class _Slot:
    lock: threading.Lock = field(default_factory=threading.Lock)
    made: bool = False
    value: Any = None
    error: BaseException | None = None


@dataclass
class RunContext:
    """What every spec of one plan run shares: the Hub client, registry, date and resources.

    Specs are resolved on worker threads; `get` creates each `Shared` resource exactly once (one
    download, one store) and hands later callers the same object, or re-raises the same error.
    """

    spec_set: SpecSet
    hub: Hub
    registry: Registry
    refresh: bool
    today: date
    identity: Identity | None = None
    _slots: dict[Shared[Any], _Slot] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def root(self) -> Path:
        """The spec repo root (where hfeval.yaml is, else the specs' common folder)."""
        return self.spec_set.root

    @property
    def config(self) -> ProjectConfig:
        """The project's hfeval.yaml settings."""
        return self.spec_set.config

    def provide(self, resource: Shared[T], value: T) -> None:
        """Use `value` for `resource` in this run (tests inject clients this way)."""
        slot = self._slot(resource)
        with slot.lock:
            slot.made, slot.value, slot.error = True, value, None

    def get(self, resource: Shared[T]) -> T:
        """The run's instance of `resource`, created on first use."""
        slot = self._slot(resource)
        with slot.lock:  # per resource: a slow download does not block other resources
            if not slot.made:
                try:
                    slot.value = resource.create(self)
                except Exception as error:
                    slot.error = error
                slot.made = True
            if slot.error is not None:
                raise slot.error
            return cast(T, slot.value)

    def _slot(self, resource: Shared[Any]) -> _Slot:
        with self._lock:
            return self._slots.setdefault(resource, _Slot())


@dataclass(frozen=True)
class SourceRequest:
    """One spec source being resolved: which spec, which entry, and the repo's snapshot."""

    loaded: LoadedSpec
    index: int
    snapshot: RepoSnapshot
    """The spec's model repo at the commit the plan is based on."""

    @property
    def model(self) -> str:
        """The spec's model repo id."""
        return self.loaded.spec.model

    @property
    def where(self) -> str:
        """`path:line` of this source entry, for messages."""
        return self.loaded.source_where(self.index)

    @property
    def spec_dir(self) -> Path:
        """The folder relative paths in the entry are resolved against."""
        return self.loaded.path.parent


class SourceKind(Protocol[ConfigT]):
    """One kind of score source (see the module docstring)."""

    key: ClassVar[str]
    config_type: ClassVar[type[BaseModel]]
    needs: ClassVar[frozenset[Need]]
    shared: ClassVar[tuple[Shared[Any], ...]]

    def resolve(
        self, config: ConfigT, request: SourceRequest, context: RunContext
    ) -> SourceResult: ...
