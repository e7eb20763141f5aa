"""Plan one repo: desired metadata + what the Hub holds (main and hfeval's open PR) -> RepoPlan.

Pure. The README is rewritten only through `card.set_key`, so a repo whose metadata already
matches gets no file change at all, and a changed one differs only inside `model-index`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from hfeval.card import parse_card, set_key
from hfeval.compile import MODEL_INDEX, DesiredRepo
from hfeval.errors import CardError
from hfeval.eval_results import ForeignFiles, InvalidEvalFile, plan_eval_files
from hfeval.model_index import README, merge_model_index
from hfeval.plan import Action, Conflict, Delivery, FileChange, MetricChange, RepoPlan
from hfeval.validation import validate_model_index


@dataclass(frozen=True)
class OpenPullRequest:
    """hfeval's own open PR on the repo and the managed files at its head."""

    num: int
    head: str
    files: Mapping[str, str | None]


@dataclass(frozen=True)
class ObservedRepo:
    """The Hub side of one repo: files at the head of `revision`, and hfeval's open PR if any."""

    revision: str
    commit: str
    files: Mapping[str, str]
    open_pr: OpenPullRequest | None = None
    # `.eval_results` files of other people's open PRs, checked for duplicates before posting.
    foreign_eval: tuple[ForeignFiles, ...] = ()


class RepoPlanningError(Exception):
    """This repo cannot be planned (invalid card or file); the message says why and what to do."""


def plan_repo(desired: DesiredRepo, observed: ObservedRepo, *, mode: str, today: date) -> RepoPlan:
    """Diff one repo. Raises RepoPlanningError when its current metadata cannot be edited safely.

    `today` is not used any more (`.eval_results` dates are run dates from the sources); it stays
    in the signature for callers.
    """
    files: list[FileChange] = []
    metrics: list[MetricChange] = []
    conflicts: tuple[Conflict, ...] = ()
    unmanaged: tuple[tuple[str, int], ...] = ()
    notes = list(desired.notes)
    if MODEL_INDEX in desired.targets:
        readme_change, readme_metrics, conflicts, unmanaged, readme_notes = _plan_readme(
            desired, observed
        )
        metrics.extend(readme_metrics)
        notes.extend(readme_notes)
        if readme_change is not None:
            files.append(readme_change)
    try:
        eval_plan = plan_eval_files(observed.files, desired, others=observed.foreign_eval)
    except InvalidEvalFile as error:
        raise RepoPlanningError(f"an .eval_results file hfeval writes is invalid: {error}") from (
            error
        )
    conflicts += eval_plan.conflicts
    notes.extend(eval_plan.notes)
    for outcome in eval_plan.outcomes:
        metrics.extend(outcome.changes)
        before = observed.files.get(outcome.path)
        if outcome.action is Action.DELETE:
            files.append(FileChange(outcome.path, Action.DELETE, None, None, before))
        elif outcome.new_text is not None:
            files.append(FileChange.write(outcome.path, outcome.new_text, outcome.action, before))
    delivery, pr_num, pr_head = _delivery(files, observed, mode)
    return RepoPlan(
        repo_id=desired.repo_id,
        spec_path=desired.spec_path,
        model_name=desired.model_name,
        mode=mode,
        revision=observed.revision,
        base_commit=observed.commit,
        delivery=delivery,
        pr_num=pr_num,
        pr_head=pr_head,
        files=tuple(files),
        metrics=tuple(sorted(metrics, key=_metric_order)),
        conflicts=conflicts,
        unmanaged=unmanaged,
        notes=tuple(dict.fromkeys(notes)),
        findings=desired.findings,
    )


def _plan_readme(
    desired: DesiredRepo, observed: ObservedRepo
) -> tuple[
    FileChange | None,
    list[MetricChange],
    tuple[Conflict, ...],
    tuple[tuple[str, int], ...],
    list[str],
]:
    text = observed.files.get(README)
    try:
        card = parse_card(text or "", where=f"{desired.repo_id}/{README}")
    except CardError as error:
        raise RepoPlanningError(
            f"README.md front matter cannot be parsed ({error.message}); hfeval will not rewrite it"
        ) from error
    current = card.get("model-index")
    notes: list[str] = []
    if current is not None:
        problems = validate_model_index(current)
        if problems:
            if not desired.replace_invalid:
                raise RepoPlanningError(
                    f"the existing model-index is invalid: {problems[0]}"
                    + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
                    + "; left untouched (set `replace_invalid: true` in the spec to replace it)"
                )
            notes.append(
                f"the existing model-index is invalid ({problems[0]}); "
                "it is replaced because the spec sets replace_invalid: true"
            )
            current = None
    outcome = merge_model_index(current, desired)
    if not outcome.changed and not notes:
        return None, list(outcome.changes), outcome.conflicts, outcome.unmanaged, notes
    new_text = set_key(card, "model-index", outcome.model_index)
    if text is not None and new_text == text:
        return None, list(outcome.changes), outcome.conflicts, outcome.unmanaged, notes
    action = Action.CREATE if text is None else Action.UPDATE
    return (
        FileChange.write(README, new_text, action, before=text),
        list(outcome.changes),
        outcome.conflicts,
        outcome.unmanaged,
        notes,
    )


def _delivery(
    files: list[FileChange], observed: ObservedRepo, mode: str
) -> tuple[Delivery, int | None, str | None]:
    if not files:
        return Delivery.NONE, None, None
    if mode == "commit":
        return Delivery.COMMIT, None, None
    pr = observed.open_pr
    if pr is None:
        return Delivery.NEW_PR, None, None
    if all(pr.files.get(f.path) == f.content for f in files):
        return Delivery.PR_UP_TO_DATE, pr.num, pr.head
    return Delivery.UPDATE_PR, pr.num, pr.head


def _metric_order(change: MetricChange) -> tuple[str, ...]:
    key = change.key
    return (
        change.file,
        key.target,
        key.model,
        key.task,
        key.dataset,
        key.config or "",
        key.split or "",
        change.source,
        key.metric,
    )
