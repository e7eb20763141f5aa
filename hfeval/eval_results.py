"""`.eval_results` planning: desired entries + every file on main (+ others' open PRs) -> edits.

Pure. Nothing is re-serialised from the desired state: each entry hfeval writes is merged into
the entry already there (`eval_files.EvalDocument`, ruamel round trip), so `verifyToken`,
`dataset.revision`, `source.user`/`org`, hand-written `notes` and unknown keys stay, and a file
the plan does not change is not touched at all.

Ownership is per entry: an entry is hfeval's when its `source.url` is one the spec produces (the
README's page, the model's Artificial Analysis page, a log file), or when it has the spec's
source name and links into the same Hub repo (a log file at an older commit), wherever it sits;
a source name alone is not enough, since other tools name their sources alike. Matching is by
identity (dataset id case-insensitively, task id, notes); `owned_match` says which entries are
evidently the same.

For a desired entry hfeval does not own yet, the same identity anywhere else (any file on main,
any open PR of anyone) means `already present` (same value: nothing is written) or a `score
conflict` (another value: not written, shown as a conflict). An owned entry is kept current even
then, and a differing duplicate is still shown. Entries found in earlier hfeval's per-source
files move to the per-benchmark file; the old file is deleted once nothing is left in it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hfeval.compile import EVAL_RESULTS, DesiredRepo
from hfeval.eval_edits import EvalFileOutcome, file_outcomes, merge_entry
from hfeval.eval_entries import DesiredEvalEntry, entry_key
from hfeval.eval_files import (
    EvalDocument,
    InvalidEvalFile,
    is_eval_file,
    new_entry,
    parse_eval_file,
)
from hfeval.model_index import PRUNE_REASON, same_value
from hfeval.plan import Action, Conflict, MetricChange, MetricKey

__all__ = ["EvalFileOutcome", "EvalPlan", "InvalidEvalFile", "parse_eval_file", "plan_eval_files"]


@dataclass(frozen=True)
class ForeignFiles:
    """`.eval_results` files somewhere hfeval does not write: e.g. another user's open PR."""

    where: str  # "open PR #3 by other-user"
    files: Mapping[str, str]


@dataclass(frozen=True)
class EvalPlan:
    outcomes: tuple[EvalFileOutcome, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass
class _Held:
    """One existing entry on main: its file, node, identity and whether hfeval owns it."""

    path: str
    node: Any
    key: tuple[str, str, str]
    owned: bool


@dataclass
class _Planner:
    desired: DesiredRepo
    docs: dict[str, EvalDocument]
    held: list[_Held]
    foreign: list[tuple[str, str, Mapping[str, Any]]]  # (where, path, entry)
    changes: list[MetricChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    matched: set[int] = field(default_factory=set)

    def place(self, want: DesiredEvalEntry) -> None:
        mine = self.owned_match(want)
        if mine is None:
            if self.duplicate(want):
                return
            doc = self.doc(want.file)
            doc.append(
                new_entry(
                    want.dataset_id,
                    want.task_id,
                    want.value,
                    date=want.date,
                    source_url=want.source_url,
                    source_name=want.source_name,
                    notes=want.notes,
                )
            )
            self.record(want, Action.CREATE, None)
            return
        self.matched.add(id(mine.node))
        self.duplicate(want, owned=True)
        before = mine.node.get("value")
        value_changed, metadata = merge_entry(mine.node, want)
        moved = mine.path in self.desired.legacy_eval_files and mine.path != want.file
        if moved:
            self.docs[mine.path].remove(mine.node)
            self.doc(want.file).append(mine.node)
            metadata.append(f"moved from {mine.path}")
        elif value_changed or metadata:
            self.docs[mine.path].edited = True
        where = want.file if moved else mine.path  # an entry is edited in the file it sits in
        reason = "; ".join(metadata) or None
        if value_changed:
            self.record(want, Action.UPDATE, before, reason=reason, file=where)
        elif metadata:
            self.record(want, Action.UPDATE, before, category="metadata", reason=reason, file=where)
        else:
            self.record(want, Action.NOOP, before, file=where)

    def owned_match(self, want: DesiredEvalEntry) -> _Held | None:
        """hfeval's entry for `want`: the same identity, else one that is evidently the same.

        Evidently the same: earlier hfeval's card label as notes; hand-written notes on the only
        entry of that task with the same value (kept, no-op); or the task id earlier hfeval
        wrote (GPQA `gpqa_diamond`, now `diamond`), which is fixed in place.
        """
        free = [h for h in self.held if h.owned and id(h.node) not in self.matched]
        exact = next((h for h in free if h.key == want.key), None)
        if exact is not None:
            return exact
        wanted = {e.key for e in self.desired.eval_entries}
        for held in free:
            if held.key in wanted or held.key[0] != want.key[0]:
                continue
            notes = held.node.get("notes")
            same_notes = held.key[2] == want.key[2] or (
                want.legacy_notes is not None and notes == want.legacy_notes
            )
            if held.key[1] == want.key[1]:
                if same_notes or (
                    not want.notes
                    and self.only_entry_of(held)
                    and same_value(held.node.get("value"), want.value)
                ):
                    return held
            elif same_notes and held.key[1] == want.earlier_task_id:
                return held
        return None

    def only_entry_of(self, held: _Held) -> bool:
        return sum(1 for h in self.held if h.key[:2] == held.key[:2]) == 1

    def duplicate(self, want: DesiredEvalEntry, *, owned: bool = False) -> bool:
        """Report the same identity elsewhere; True when hfeval must not write its own entry."""
        elsewhere: list[tuple[str, Mapping[str, Any]]] = [
            (f"{h.path} on main", h.node) for h in self.held if not h.owned and h.key == want.key
        ]
        elsewhere += [
            (f"{path} in {where}", entry)
            for where, path, entry in self.foreign
            if _key_of(entry) == want.key
        ]
        if not elsewhere:
            return False
        differing = [
            (where, e) for where, e in elsewhere if not same_value(e.get("value"), want.value)
        ]
        for where, entry in differing:
            self.conflicts.append(
                Conflict(
                    key=_metric_key(self.desired, want),
                    hub_value=entry.get("value", ""),
                    hub_source=where,
                    spec_value=want.value,
                    provenance=want.provenance,
                )
            )
        if owned:
            return False
        if not differing:
            where = elsewhere[0][0]
            self.notes.append(
                f"already present: {want.dataset_id} {want.label} = {want.value:g} is in {where}; "
                "nothing to write"
            )
        return True

    def orphans(self) -> None:
        """Owned entries no source produces any more: removed with prune, else kept."""
        for held in self.held:
            if not held.owned or id(held.node) in self.matched or not self.desired.prune:
                continue
            self.docs[held.path].remove(held.node)
            source = held.node.get("source") if isinstance(held.node.get("source"), Mapping) else {}
            self.changes.append(
                MetricChange(
                    key=MetricKey(
                        EVAL_RESULTS, self.desired.repo_id, held.key[1], held.key[0], None, None,
                        held.key[1] + (f" ({held.node.get('notes')})" if held.key[2] else ""),
                    ),
                    action=Action.DELETE,
                    file=held.path,
                    source=str(source.get("name") or ""),
                    name=held.key[1],
                    before=held.node.get("value"),
                    after=None,
                    reason=PRUNE_REASON,
                )
            )  # fmt: skip

    def doc(self, path: str) -> EvalDocument:
        if path not in self.docs:
            self.docs[path] = EvalDocument.new(path)
        return self.docs[path]

    def record(
        self,
        want: DesiredEvalEntry,
        action: Action,
        before: Any,
        *,
        category: str = "value",
        reason: str | None = None,
        file: str | None = None,
    ) -> None:
        self.changes.append(
            MetricChange(
                key=_metric_key(self.desired, want),
                action=action,
                file=file or want.file,
                source=want.source_name,
                name=want.label,
                before=before,
                after=want.value,
                category=category,
                provenance=want.provenance,
                reason=reason,
            )
        )


def plan_eval_files(
    current: Mapping[str, str], desired: DesiredRepo, *, others: Sequence[ForeignFiles] = ()
) -> EvalPlan:
    """Plan every `.eval_results` edit; raises InvalidEvalFile for a broken file hfeval writes."""
    if EVAL_RESULTS not in desired.targets:
        return EvalPlan()
    writes = {*desired.eval_files, *desired.legacy_eval_files}
    docs: dict[str, EvalDocument] = {}
    notes: list[str] = []
    for path, text in sorted(current.items()):
        if not is_eval_file(path):
            continue
        try:
            docs[path] = EvalDocument.load(path, text)
        except InvalidEvalFile as error:
            if path in writes:
                raise InvalidEvalFile(f"{path}: {error}") from error
            notes.append(f"{path} is not a valid .eval_results file ({error}); not compared")
    planner = _Planner(desired, docs, _held(docs, desired), _foreign(others))
    planner.notes += notes
    for want in desired.eval_entries:
        planner.place(want)
    planner.orphans()
    return EvalPlan(
        outcomes=tuple(file_outcomes(docs, planner.changes)),
        conflicts=tuple(planner.conflicts),
        notes=tuple(planner.notes),
    )


def _held(docs: Mapping[str, EvalDocument], desired: DesiredRepo) -> list[_Held]:
    urls = {url for _, url in desired.managed_sources}
    urls |= {e.source_url for e in desired.eval_entries}
    names = {name for name, _ in desired.managed_sources}
    homes = {_home(url) for url in urls}
    held = []
    for path, doc in docs.items():
        for node in doc.entries:
            source = node.get("source") if isinstance(node.get("source"), Mapping) else {}
            url = str(source.get("url"))
            # A log source links each entry to its file at a commit: a later run's link differs,
            # but the same source name within the same Hub repo is still hfeval's own entry.
            owned = url in urls or (source.get("name") in names and _home(url) in homes)
            held.append(_Held(path, node, _key_of(node), owned))
    return held


def _home(url: str) -> str:
    """The Hub repo a URL points into (`https://hf.co/datasets/ns/name`), else the URL itself."""
    scheme, _, rest = url.partition("://")
    parts = rest.split("/")
    size = 4 if len(parts) > 1 and parts[1] in ("datasets", "spaces") else 3
    return f"{scheme}://{'/'.join(parts[:size])}" if len(parts) > size else url


def _foreign(others: Sequence[ForeignFiles]) -> list[tuple[str, str, Mapping[str, Any]]]:
    found: list[tuple[str, str, Mapping[str, Any]]] = []
    for other in others:
        for path, text in sorted(other.files.items()):
            try:
                entries = parse_eval_file(text)
            except InvalidEvalFile:
                continue
            found += [(other.where, path, entry) for entry in entries]
    return found


def _key_of(entry: Mapping[str, Any]) -> tuple[str, str, str]:
    dataset = entry.get("dataset") if isinstance(entry.get("dataset"), Mapping) else {}
    assert isinstance(dataset, Mapping)
    return entry_key(dataset.get("id"), dataset.get("task_id"), entry.get("notes"))


def _metric_key(desired: DesiredRepo, want: DesiredEvalEntry) -> MetricKey:
    return MetricKey(
        target=EVAL_RESULTS,
        model=desired.repo_id,
        task=want.task_id,
        dataset=want.dataset_id,
        config=None,
        split=None,
        metric=want.label,
    )
