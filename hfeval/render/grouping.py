"""How a plan body groups metrics: by file, model and result block, in identity-key order,
and the titles that tell blocks apart. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from hfeval.plan import MetricChange, MetricKey

_K = TypeVar("_K")

BlockKey = tuple[str, str, str, str, str, str]


def block_key(metric: MetricChange) -> BlockKey:
    """The result block a model-index metric belongs to (model, task, dataset, config, split,
    source)."""
    key = metric.key
    return (key.model, key.task, key.dataset, key.config or "", key.split or "", metric.source)


def block_title(key: BlockKey, ambiguous: set[tuple[str, str, str]]) -> str:
    """`result task / dataset (source: …)`, with config and split only where needed."""
    _, task, dataset, config, split, source = key
    where = ""
    if (task, dataset, source) in ambiguous:
        # Only when two blocks would otherwise read the same.
        where = f" [config {config or '-'}, split {split or '-'}]"
    return f"result {task} / {dataset}{where} (source: {source})"


def ambiguous_blocks(blocks: dict[BlockKey, list[MetricChange]]) -> set[tuple[str, str, str]]:
    """(task, dataset, source) triples that more than one block shares."""
    seen: dict[tuple[str, str, str], int] = {}
    for _, task, dataset, _, _, source in blocks:
        seen[(task, dataset, source)] = seen.get((task, dataset, source), 0) + 1
    return {k for k, n in seen.items() if n > 1}


def key_order(key: MetricKey) -> tuple[str, ...]:
    """The sort order of metric identities in every view."""
    return (key.model, key.task, key.dataset, key.config or "", key.split or "", key.metric)


def group(
    items: Iterable[MetricChange], key: Callable[[MetricChange], _K]
) -> dict[_K, list[MetricChange]]:
    """Group in identity-key order, so every group's metrics are already sorted."""
    groups: dict[_K, list[MetricChange]] = {}
    for item in sorted(items, key=lambda m: (m.file, m.source, *key_order(m.key))):
        groups.setdefault(key(item), []).append(item)
    return groups
