"""`.eval_results/*.yaml` files: desired entries + current files -> new file contents + diff.

Pure. hfeval owns one file per source (`.eval_results/model-readme.yaml`, ...); files of other
names are never read for writing. Entries are keyed by (dataset.id, task_id). An entry whose value
is unchanged keeps its `date`; new and changed entries are dated with the run date a log source
reports, else the plan's day. Files are
emitted in a fixed layout so that the same entries always give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from hfeval.compile import EVAL_RESULTS, DesiredEvalEntry, DesiredRepo
from hfeval.model_index import PRUNE_REASON, same_value
from hfeval.plan import Action, MetricChange, MetricKey


class InvalidEvalFile(Exception):
    """A managed `.eval_results` file on the Hub is not valid YAML or not a list of entries."""


@dataclass(frozen=True)
class EvalFileOutcome:
    """One managed file: what happens to it, its new text (None unless written) and the diff."""

    path: str
    action: Action
    new_text: str | None
    changes: tuple[MetricChange, ...]


def parse_eval_file(text: str) -> list[dict[str, Any]]:
    yaml = YAML(typ="safe")
    try:
        data = yaml.load(text)
    except YAMLError as error:
        raise InvalidEvalFile(f"not valid YAML: {error}") from error
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise InvalidEvalFile("must be a list of entries")
    return data


def dump_eval_file(entries: Sequence[Mapping[str, Any]]) -> str:
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump([dict(e) for e in entries], stream)
    return stream.getvalue()


def plan_eval_files(
    current: Mapping[str, str], desired: DesiredRepo, *, today: date
) -> list[EvalFileOutcome]:
    """Diff every file hfeval owns in this repo; raises InvalidEvalFile for a broken one."""
    if EVAL_RESULTS not in desired.targets:
        return []
    outcomes = []
    for path in desired.eval_files:
        wanted = [e for e in desired.eval_entries if e.file == path]
        existing_text = current.get(path)
        existing = parse_eval_file(existing_text) if existing_text is not None else []
        outcomes.append(_plan_file(path, existing, existing_text, wanted, desired, today))
    return outcomes


def _entry_key(entry: Mapping[str, Any]) -> tuple[str, str]:
    dataset = entry.get("dataset") if isinstance(entry.get("dataset"), Mapping) else {}
    assert isinstance(dataset, Mapping)
    return (str(dataset.get("id")), str(dataset.get("task_id")))


def _plan_file(
    path: str,
    existing: list[dict[str, Any]],
    existing_text: str | None,
    wanted: list[DesiredEvalEntry],
    desired: DesiredRepo,
    today: date,
) -> EvalFileOutcome:
    by_key = {_entry_key(e): e for e in existing}
    changes: list[MetricChange] = []
    new_entries: list[dict[str, Any]] = []
    for want in wanted:
        key = (want.dataset_id, want.task_id)
        old = by_key.pop(key, None)
        before = old.get("value") if old else None
        if old is None:
            action = Action.CREATE
        elif same_value(before, want.value):
            action = Action.NOOP
        else:
            action = Action.UPDATE
        kept_date = old.get("date") if old and action is Action.NOOP else None
        date_text = str(kept_date) if kept_date else (want.date or today.isoformat())
        new_entries.append(_entry_yaml(want, date_text))
        changes.append(_change(desired, path, want, action, before))
    for key, old in by_key.items():
        if desired.prune:
            changes.append(
                MetricChange(
                    key=_key(desired, key),
                    action=Action.DELETE,
                    file=path,
                    source=str((old.get("source") or {}).get("name") or ""),
                    name=key[1],
                    before=old.get("value"),
                    after=None,
                    reason=PRUNE_REASON,
                )
            )
        else:
            new_entries.append(old)
    if all(c.action is Action.NOOP for c in changes):
        return EvalFileOutcome(path, Action.NOOP, None, tuple(changes))
    if not new_entries:
        return EvalFileOutcome(path, Action.DELETE, None, tuple(changes))
    action = Action.UPDATE if existing_text is not None else Action.CREATE
    return EvalFileOutcome(path, action, dump_eval_file(new_entries), tuple(changes))


def _entry_yaml(want: DesiredEvalEntry, date_text: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "dataset": {"id": want.dataset_id, "task_id": want.task_id},
        "value": want.value,
        "date": date_text,
        "source": {"url": want.source_url, "name": want.source_name},
    }
    if want.notes:
        entry["notes"] = want.notes
    return entry


def _key(desired: DesiredRepo, key: tuple[str, str]) -> MetricKey:
    return MetricKey(
        target=EVAL_RESULTS,
        model=desired.repo_id,
        task=key[1],
        dataset=key[0],
        config=None,
        split=None,
        metric=key[1],
    )


def _change(
    desired: DesiredRepo,
    path: str,
    want: DesiredEvalEntry,
    action: Action,
    before: Any,
) -> MetricChange:
    return MetricChange(
        key=_key(desired, (want.dataset_id, want.task_id)),
        action=action,
        file=path,
        source=want.source_name,
        name=want.notes or want.task_id,
        before=before,
        after=want.value,
        provenance=want.provenance,
    )
