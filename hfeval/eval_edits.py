"""Edits of `.eval_results` documents: hfeval's fields merged into an existing entry, and the
edited documents turned into file outcomes.

Pure. `merge_entry` writes only what hfeval produces (value, source url/name, setup notes, run
date, a task id earlier hfeval spelled differently) and keeps every other field; a new value drops
a `verifyToken` and an old `date`, which belonged to the old value. `file_outcomes` dumps only the
documents that were edited, so an untouched file keeps every byte.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from hfeval.eval_entries import DesiredEvalEntry, entry_key
from hfeval.eval_files import EvalDocument
from hfeval.model_index import same_value
from hfeval.plan import Action, MetricChange

_BLOB = re.compile(r"^(https?://[^?#]+?/blob/)([^/]+)(/.+)$")


@dataclass(frozen=True)
class EvalFileOutcome:
    """One file: what happens to it, its new text (None unless written) and the diff."""

    path: str
    action: Action
    new_text: str | None
    changes: tuple[MetricChange, ...]


def merge_entry(node: Any, want: DesiredEvalEntry) -> tuple[bool, list[str]]:
    """Write the fields hfeval produces into `node`, keep every other; (value changed, metadata)."""
    metadata: list[str] = []
    value_changed = not same_value(node.get("value"), want.value)
    if value_changed:
        node["value"] = want.value
        # A token signs the old value and a date dates the old run: neither may outlive it.
        for stale in ("verifyToken", "date"):
            if stale in node and not (stale == "date" and want.date):
                del node[stale]
                if stale == "verifyToken":
                    metadata.append("verifyToken removed, as it signed the old value")
    if want.date is not None and str(node.get("date")) != want.date:
        node["date"] = want.date
        if not value_changed:
            metadata.append(f"date {want.date}")
    dataset = node.get("dataset")
    if isinstance(dataset, MutableMapping) and dataset.get("task_id") != want.task_id:
        metadata.append(f'task_id "{dataset.get("task_id")}" -> "{want.task_id}"')
        dataset["task_id"] = want.task_id
    source = node.get("source")
    if not isinstance(source, Mapping):
        node["source"] = source = {}
    for field_name, wanted in (("url", want.source_url), ("name", want.source_name)):
        current = source.get(field_name)
        if field_name == "url" and not value_changed and same_file(str(current), wanted):
            continue  # the same log file at a later commit of its repo: the old link still holds
        if current != wanted:
            if source.get(field_name) is not None:
                metadata.append(f'source {field_name} "{source.get(field_name)}" -> "{wanted}"')
            else:
                metadata.append(f'source {field_name} "{wanted}"')
            source[field_name] = wanted
    notes = node.get("notes")
    if want.notes and entry_key("", "", notes) != entry_key("", "", want.notes):
        metadata.append(f'notes "{notes}" -> "{want.notes}"' if notes else f'notes "{want.notes}"')
        node["notes"] = want.notes
    elif not want.notes and notes is not None and notes == want.legacy_notes:
        metadata.append(f'notes "{notes}" removed (notes hold the setup only)')
        del node["notes"]
    return value_changed, metadata


def same_file(first: str, second: str) -> bool:
    """Two Hub `blob` links to one path that differ only in the revision."""
    a, b = _BLOB.match(first), _BLOB.match(second)
    return a is not None and b is not None and a.group(1, 3) == b.group(1, 3)


def file_outcomes(
    docs: Mapping[str, EvalDocument], changes: Sequence[MetricChange]
) -> list[EvalFileOutcome]:
    by_file: dict[str, list[MetricChange]] = {}
    for change in changes:
        by_file.setdefault(change.file, []).append(change)
    outcomes = []
    for path in sorted(set(by_file) | {p for p, d in docs.items() if d.edited}):
        doc = docs.get(path)
        file_changes = tuple(by_file.get(path, ()))
        if doc is None or not doc.edited:
            outcomes.append(EvalFileOutcome(path, Action.NOOP, None, file_changes))
            continue
        if not doc.entries:
            action = Action.NOOP if doc.text is None else Action.DELETE
            outcomes.append(EvalFileOutcome(path, action, None, file_changes))
            continue
        text = doc.dump()
        if text == doc.text:
            outcomes.append(EvalFileOutcome(path, Action.NOOP, None, file_changes))
            continue
        action = Action.CREATE if doc.text is None else Action.UPDATE
        outcomes.append(EvalFileOutcome(path, action, text, file_changes))
    return outcomes
