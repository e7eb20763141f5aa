"""The `Registry`: benchmarks indexed by id, by every alias and by Artificial Analysis key.

An index maps a normalised key (see `lookup.normalise_label`) to one benchmark id. Building it
is where conflicts surface: two benchmarks claiming one alias is an error, never a silent pick.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from hfeval.errors import SpecError
from hfeval.registry.lookup import clean_label, label_forms, normalise_label
from hfeval.registry.model import AmbiguousLabel, Benchmark, BenchmarkEntry
from hfeval.registry.tasks import task_name_forms


class Registry:
    """Lookup of benchmarks by id or by any alias, insensitive to case, spacing and punctuation."""

    def __init__(
        self,
        benchmarks: Iterable[Benchmark] = (),
        *,
        ambiguous: Iterable[AmbiguousLabel] = (),
        where: str | None = None,
    ) -> None:
        self._by_id: dict[str, Benchmark] = {}
        for benchmark in benchmarks:
            if benchmark.id in self._by_id:
                raise SpecError(f"benchmark id {benchmark.id!r} is defined twice", where=where)
            self._by_id[benchmark.id] = benchmark
        self._ambiguous = tuple(ambiguous)
        self._by_alias = _alias_index(self._by_id.values(), where=where)
        self._by_aa_key = _aa_index(self._by_id.values(), where=where)
        self._by_task = _task_index(self._by_id.values(), where=where)
        self._resolved: dict[str, str | None] = {}  # label -> id; cards repeat the same labels
        self._ambiguous_exact = {a.label: a for a in self._ambiguous if a.case_sensitive}
        self._ambiguous_keys = {
            normalise_label(a.label): a for a in self._ambiguous if not a.case_sensitive
        }

    def get(self, benchmark_id: str) -> Benchmark | None:
        """The benchmark with exactly this canonical id."""
        return self._by_id.get(benchmark_id)

    def lookup(self, label: str) -> Benchmark | None:
        """The benchmark a card label names, or None when unknown or ambiguous.

        The label is tried as written (cleaned of markup), then with each trailing setting
        removed: "MMLU-Pro (5-shot, CoT)" -> "MMLU-Pro". At every step an ambiguous label stops
        the search, so "ARC (10-shot)" is None while the listed "ARC (25-shot)" is ARC-Challenge.
        """
        if label not in self._resolved:
            self._resolved[label] = self._resolve(label)
        benchmark_id = self._resolved[label]
        return None if benchmark_id is None else self._by_id[benchmark_id]

    def ambiguity(self, label: str) -> str | None:
        """Why `label` is deliberately left unmapped, or None when it is not ambiguous."""
        if label.strip() in self._by_id:
            return None
        for form in label_forms(label):
            found = self._ambiguity_of_form(form)
            if found is not None:
                return found.reason
            if normalise_label(form) in self._by_alias:
                return None
        return None

    def by_aa_key(self, key: str) -> Benchmark | None:
        """The benchmark behind an Artificial Analysis evaluation key ("gpqa", "aime_25", ...)."""
        benchmark_id = self._by_aa_key.get(_aa_key(key))
        return None if benchmark_id is None else self._by_id[benchmark_id]

    def resolve_task_name(self, name: str) -> Benchmark | None:
        """The benchmark an eval-harness task name means, or None when it is not known.

        The one place task names are mapped, for logs and runs alike. Each form of the name
        (`tasks.task_name_forms`: as written, then without `inspect_evals/`, lighteval suite and
        shots) is tried against the registry's `tasks:` lists, then as an id, then as an exact
        alias (case and punctuation aside, but no qualifier stripping). An ambiguous form stops
        the search: a task is never guessed.
        """
        forms = task_name_forms(name)
        for form in forms:
            benchmark_id = self._by_task.get(form.casefold())
            if benchmark_id is not None:
                return self._by_id[benchmark_id]
        for form in forms:
            if self._ambiguity_of_form(form) is not None:
                return None
            key = form.casefold()
            benchmark_id = key if key in self._by_id else self._by_alias.get(normalise_label(form))
            if benchmark_id is not None:
                return self._by_id[benchmark_id]
        return None

    def extend(
        self, entries: Iterable[BenchmarkEntry | Mapping[str, Any]], *, where: str | None = None
    ) -> Registry:
        """A new registry with `entries` added: new benchmarks, or aliases/overrides for old ids.

        An alias added here takes precedence over the built-in list of ambiguous labels (the
        spec repo knows what its cards mean); an alias already owned by another id is an error.
        """
        merged = dict(self._by_id)
        added_keys: set[str] = set()
        for position, raw in enumerate(entries, start=1):
            entry = _validated(raw, where=where, position=position)
            existing = merged.get(entry.id)
            merged[entry.id] = (
                entry.to_benchmark() if existing is None else entry.merge_into(existing)
            )
            added_keys.update(normalise_label(alias) for alias in entry.aliases)
        ambiguous = [
            item for item in self._ambiguous if normalise_label(item.label) not in added_keys
        ]
        return Registry(merged.values(), ambiguous=ambiguous, where=where)

    def __iter__(self) -> Iterator[Benchmark]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, benchmark_id: object) -> bool:
        return benchmark_id in self._by_id

    @functools.cached_property
    def fingerprint(self) -> str:
        """A hash of every benchmark and ambiguous label: equal for registries that answer alike.

        Caches of results the registry shaped (README extractions) include it in their keys.
        """
        digest = hashlib.sha256()
        for benchmark in sorted(self._by_id.values(), key=lambda b: b.id):
            digest.update(repr(benchmark).encode() + b"\n")
        for label in self._ambiguous:
            digest.update(repr(label).encode() + b"\n")
        return digest.hexdigest()

    @property
    def ambiguous_labels(self) -> tuple[AmbiguousLabel, ...]:
        """Labels that lookup answers with None on purpose, each with the reason."""
        return self._ambiguous

    def _resolve(self, label: str) -> str | None:
        if label.strip() in self._by_id:
            return label.strip()
        for form in label_forms(label):
            if self._ambiguity_of_form(form) is not None:
                return None
            benchmark_id = self._by_alias.get(normalise_label(form))
            if benchmark_id is not None:
                return benchmark_id
        return None

    def _ambiguity_of_form(self, form: str) -> AmbiguousLabel | None:
        exact = self._ambiguous_exact.get(clean_label(form))
        return exact if exact is not None else self._ambiguous_keys.get(normalise_label(form))


def _alias_index(benchmarks: Iterable[Benchmark], *, where: str | None) -> dict[str, str]:
    index: dict[str, str] = {}
    spelling: dict[str, str] = {}
    for benchmark in benchmarks:
        for alias in (benchmark.id, benchmark.name, *benchmark.aliases):
            key = normalise_label(alias)
            if not key:
                continue
            owner = index.setdefault(key, benchmark.id)
            if owner != benchmark.id:
                same_as = "" if spelling[key] == alias else f" (written {spelling[key]!r} there)"
                raise SpecError(
                    f"alias {alias!r} of benchmark {benchmark.id!r} already names benchmark "
                    f"{owner!r}{same_as}",
                    where=where,
                    hint="an alias can name one benchmark only: drop it from one entry; to read "
                    "a card's label as another benchmark, use the readme source's `rename:`",
                )
            spelling.setdefault(key, alias)
    return index


def _aa_index(benchmarks: Iterable[Benchmark], *, where: str | None) -> dict[str, str]:
    index: dict[str, str] = {}
    for benchmark in benchmarks:
        for key in benchmark.aa_keys:
            owner = index.setdefault(_aa_key(key), benchmark.id)
            if owner != benchmark.id:
                raise SpecError(
                    f"Artificial Analysis key {key!r} is claimed by both {owner!r} and "
                    f"{benchmark.id!r}",
                    where=where,
                )
    return index


def _task_index(benchmarks: Iterable[Benchmark], *, where: str | None) -> dict[str, str]:
    index: dict[str, str] = {}
    for benchmark in benchmarks:
        for task in benchmark.tasks:
            owner = index.setdefault(task.strip().casefold(), benchmark.id)
            if owner != benchmark.id:
                raise SpecError(
                    f"task name {task!r} is claimed by both {owner!r} and {benchmark.id!r}",
                    where=where,
                )
    return index


def _aa_key(key: str) -> str:
    return key.strip().lower().replace("-", "_")


def _validated(
    raw: BenchmarkEntry | Mapping[str, Any], *, where: str | None, position: int
) -> BenchmarkEntry:
    if isinstance(raw, BenchmarkEntry):
        return raw
    try:
        return BenchmarkEntry.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in issue['loc']) or 'entry'}: {issue['msg']}"
            for issue in error.errors()
        )
        raise SpecError(
            f"registry entry {position} is invalid: {problems}",
            where=where,
            hint="see the BenchmarkEntry fields in the hfeval documentation",
        ) from error
