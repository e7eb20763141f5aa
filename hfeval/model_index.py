"""model-index merging: desired results + the card's current model-index -> new model-index + diff.

Pure. Ownership is by source: a result block whose `source` (name and url) is one the spec
produces is managed; every other block, and every other model-index entry, is carried over as it
is. A desired metric that an unmanaged block already holds with another value is a conflict and is
not written; with the same value it is already there and needs nothing.
"""

from __future__ import annotations

import copy
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hfeval.compile import MODEL_INDEX, DesiredMetric, DesiredRepo, DesiredResult
from hfeval.plan import Action, Conflict, MetricChange, MetricKey

README = "README.md"
PRUNE_REASON = "pruned_not_in_spec"


@dataclass(frozen=True)
class MergeOutcome:
    """The new model-index (None when there is none) and what changed to get there."""

    model_index: list[Any] | None
    changes: tuple[MetricChange, ...]
    conflicts: tuple[Conflict, ...]
    unmanaged: tuple[tuple[str, int], ...]

    @property
    def changed(self) -> bool:
        return any(c.action is not Action.NOOP for c in self.changes)


def result_to_yaml(result: DesiredResult) -> dict[str, Any]:
    """A desired result as a model-index `results[]` item, in the Hub's usual key order."""
    dataset: dict[str, Any] = {"type": result.dataset_type, "name": result.dataset_name}
    if result.dataset_config is not None:
        dataset["config"] = result.dataset_config
    if result.dataset_split is not None:
        dataset["split"] = result.dataset_split
    return {
        "task": {"type": result.task_type},
        "dataset": dataset,
        "metrics": [_metric_to_yaml(m) for m in result.metrics],
        "source": {"name": result.source_name, "url": result.source_url},
    }


def _metric_to_yaml(metric: DesiredMetric) -> dict[str, Any]:
    return {"type": metric.type, "value": metric.value, "name": metric.name}


def merge_model_index(current: list[Any] | None, desired: DesiredRepo) -> MergeOutcome:
    """Merge `desired` into a copy of `current` (which must already be valid)."""
    entries: list[Any] = copy.deepcopy(current) if current else []
    entry = next(
        (e for e in entries if isinstance(e, dict) and e.get("name") == desired.model_name),
        None,
    )
    if entry is None:
        entry = {"name": desired.model_name, "results": []}
        entries.append(entry)
    results: list[dict[str, Any]] = entry.setdefault("results", [])
    managed_sources = set(desired.managed_sources)

    def is_managed(block: Mapping[str, Any]) -> bool:
        return _source_of(block) in managed_sources

    unmanaged = [b for b in results if not is_managed(b)]
    merger = _Merger(desired)
    matched: set[int] = set()
    for want in desired.results:
        index = next(
            (
                i
                for i, block in enumerate(results)
                if is_managed(block) and _identity_of(block) == want.identity
            ),
            None,
        )
        owned = set() if index is None else {str(m.get("type")) for m in _metrics(results[index])}
        metrics = merger.drop_unmanaged_duplicates(want, unmanaged, owned)
        if index is None:
            if metrics:
                block = result_to_yaml(want)
                block["metrics"] = [_metric_to_yaml(m) for m in metrics]
                results.append(block)
                matched.add(len(results) - 1)
                for metric in metrics:
                    merger.record(want, metric.type, Action.CREATE, None, metric)
            continue
        matched.add(index)
        merger.update_block(results[index], want, metrics)
    for index, block in enumerate(results):
        if index not in matched and is_managed(block):
            merger.orphan_block(block)
    entry["results"] = [b for b in results if not is_managed(b) or b.get("metrics")]
    if not entry["results"] and entry.get("name") == desired.model_name and len(entry) == 2:
        entries.remove(entry)
    counts = Counter(str((b.get("source") or {}).get("name") or "(no source)") for b in unmanaged)
    return MergeOutcome(
        model_index=entries or None,
        changes=tuple(merger.changes),
        conflicts=tuple(merger.conflicts),
        unmanaged=tuple(sorted(counts.items())),
    )


class _Merger:
    """Collects metric changes and conflicts while one entry's result blocks are edited."""

    def __init__(self, desired: DesiredRepo) -> None:
        self.desired = desired
        self.changes: list[MetricChange] = []
        self.conflicts: list[Conflict] = []

    def key(self, task: str, dataset: str, config: Any, split: Any, metric: str) -> MetricKey:
        return MetricKey(
            target=MODEL_INDEX,
            model=self.desired.model_name,
            task=task,
            dataset=dataset,
            config=None if config is None else str(config),
            split=None if split is None else str(split),
            metric=metric,
        )

    def record(
        self,
        want: DesiredResult,
        metric_type: str,
        action: Action,
        before: float | str | None,
        metric: DesiredMetric | None,
        *,
        category: str = "value",
        reason: str | None = None,
        before_name: str | None = None,
    ) -> None:
        self.changes.append(
            MetricChange(
                key=self.key(
                    want.task_type,
                    want.dataset_type,
                    want.dataset_config,
                    want.dataset_split,
                    metric_type,
                ),
                action=action,
                file=README,
                source=want.source_name,
                name=metric.name if metric else None,
                before=before,
                after=metric.value if metric else None,
                category=category,
                provenance=metric.provenance if metric else None,
                reason=reason,
                before_name=before_name,
            )
        )

    def drop_unmanaged_duplicates(
        self, want: DesiredResult, unmanaged: list[dict[str, Any]], owned: set[str]
    ) -> list[DesiredMetric]:
        """Desired metrics to write: those hfeval already owns, and new ones that no unmanaged
        block states (same task/dataset/type). A differing unmanaged value is a conflict either
        way; it never stops hfeval from keeping its own metric current."""
        kept = []
        for metric in want.metrics:
            holder = next(
                (
                    (block, existing)
                    for block in unmanaged
                    if _task_type(block) == want.task_type
                    and _dataset_type(block) == want.dataset_type
                    for existing in _metrics(block)
                    if existing.get("type") == metric.type
                ),
                None,
            )
            if holder is None or metric.type in owned:
                kept.append(metric)
            if holder is not None and not same_value(holder[1].get("value"), metric.value):
                block, existing = holder
                self.conflicts.append(
                    Conflict(
                        key=self.key(
                            want.task_type,
                            want.dataset_type,
                            want.dataset_config,
                            want.dataset_split,
                            metric.type,
                        ),
                        hub_value=existing.get("value", ""),
                        hub_source=str((block.get("source") or {}).get("name") or "(no source)"),
                        spec_value=metric.value,
                        provenance=metric.provenance,
                    )
                )
        return kept

    def update_block(
        self, block: dict[str, Any], want: DesiredResult, metrics: list[DesiredMetric]
    ) -> None:
        existing_metrics: list[dict[str, Any]] = block.setdefault("metrics", [])
        wanted = {m.type: m for m in metrics}
        for existing in list(existing_metrics):
            metric_type = str(existing.get("type"))
            metric = wanted.pop(metric_type, None)
            before = existing.get("value")
            if metric is None:
                if self.desired.prune:
                    existing_metrics.remove(existing)
                    self.record(want, metric_type, Action.DELETE, before, None, reason=PRUNE_REASON)
                continue
            if not same_value(before, metric.value):
                existing["value"] = metric.value
                existing["name"] = metric.name
                self.record(want, metric_type, Action.UPDATE, before, metric)
            elif existing.get("name") != metric.name:
                old_name = existing.get("name")
                existing["name"] = metric.name
                self.record(
                    want,
                    metric_type,
                    Action.UPDATE,
                    before,
                    metric,
                    category="metadata",
                    before_name=None if old_name is None else str(old_name),
                )
            else:
                self.record(want, metric_type, Action.NOOP, before, metric)
        for metric in wanted.values():
            existing_metrics.append(_metric_to_yaml(metric))
            self.record(want, metric.type, Action.CREATE, None, metric)
        dataset = block.get("dataset")
        if isinstance(dataset, dict) and dataset.get("name") != want.dataset_name:
            dataset["name"] = want.dataset_name

    def orphan_block(self, block: dict[str, Any]) -> None:
        """A managed block the spec no longer produces: removed only with prune."""
        if not self.desired.prune:
            return
        source = block.get("source") or {}
        dataset = block.get("dataset") or {}
        for existing in list(_metrics(block)):
            self.changes.append(
                MetricChange(
                    key=self.key(
                        _task_type(block),
                        _dataset_type(block),
                        dataset.get("config"),
                        dataset.get("split"),
                        str(existing.get("type")),
                    ),
                    action=Action.DELETE,
                    file=README,
                    source=str(source.get("name")),
                    name=existing.get("name"),
                    before=existing.get("value"),
                    after=None,
                    reason=PRUNE_REASON,
                )
            )
        block["metrics"] = []


def same_value(hub_value: Any, spec_value: float) -> bool:
    """Equal as numbers (`68.30` == `68.3`); a scale difference (0.683 vs 68.3) is a change."""
    if isinstance(hub_value, bool):
        return False
    if isinstance(hub_value, int | float):
        return math.isclose(float(hub_value), spec_value, rel_tol=0, abs_tol=1e-12)
    if isinstance(hub_value, str):
        try:
            return math.isclose(float(hub_value.strip()), spec_value, rel_tol=0, abs_tol=1e-12)
        except ValueError:
            return False
    return False


def _source_of(block: Mapping[str, Any]) -> tuple[str, str] | None:
    source = block.get("source")
    if not isinstance(source, Mapping):
        return None
    return (str(source.get("name")), str(source.get("url")))


def _task_type(block: Mapping[str, Any]) -> str:
    task = block.get("task")
    return str(task.get("type")) if isinstance(task, Mapping) else ""


def _dataset_type(block: Mapping[str, Any]) -> str:
    dataset = block.get("dataset")
    return str(dataset.get("type")) if isinstance(dataset, Mapping) else ""


def _metrics(block: Mapping[str, Any]) -> list[dict[str, Any]]:
    metrics = block.get("metrics")
    return [m for m in metrics if isinstance(m, dict)] if isinstance(metrics, list) else []


def _identity_of(block: Mapping[str, Any]) -> tuple[str, str, str | None, str | None, str, str]:
    dataset = block.get("dataset")
    dataset = dataset if isinstance(dataset, Mapping) else {}
    source = _source_of(block) or ("", "")
    config, split = dataset.get("config"), dataset.get("split")
    return (
        _task_type(block),
        _dataset_type(block),
        None if config is None else str(config),
        None if split is None else str(split),
        source[0],
        source[1],
    )
