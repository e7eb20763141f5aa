"""The Hub's verdict on `.eval_results`, after apply and for `hfeval validate --hub`.

The Hub validates each `.eval_results` file after the push and reports a failing one only as an
`{"filename", "error"}` item of `expand=evalResults` (eval-results-2026 §1.2). After apply, every
repo hfeval wrote is read back (main, or the PR's `refs/pr/N`) and each error item is reported,
marked when it is a file hfeval wrote. `check_repo` adds the local checks for any repo: each file
parses, passes the Hub-style schema check, names an official benchmark and one of its eval.yaml
tasks. Reading is in `hub_benchmarks.BenchmarkReader`; the judging here is pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hfeval.apply.outcome import WRITTEN, ApplyReport
from hfeval.benchmark_catalog import BenchmarkCatalog
from hfeval.eval_files import InvalidEvalFile, is_eval_file, parse_eval_file
from hfeval.hub_benchmarks import BenchmarkReader, VerdictItem
from hfeval.plan import Plan
from hfeval.validation import validate_eval_results


@dataclass(frozen=True)
class Problem:
    """One problem with one file of one repo; `ours` when hfeval wrote that file."""

    repo_id: str
    revision: str
    filename: str
    message: str
    ours: bool = False
    from_hub: bool = True

    def text(self) -> str:
        where = f"{self.repo_id}@{self.revision}" if self.revision != "main" else self.repo_id
        by = " (a file hfeval wrote)" if self.ours else ""
        said = "the Hub rejected" if self.from_hub else "check failed for"
        return f"{where}: {said} {self.filename}{by}: {self.message}"


def hub_problems(
    repo_id: str, revision: str, items: Sequence[VerdictItem], written: Sequence[str] = ()
) -> list[Problem]:
    """The error items of one `evalResults` answer."""
    return [
        Problem(repo_id, revision, item.filename, item.error, ours=item.filename in written)
        for item in items
        if item.error is not None
    ]


def after_apply(plan: Plan, report: ApplyReport, reader: BenchmarkReader) -> list[Problem]:
    """Read back every repo apply wrote `.eval_results` to, at the revision it wrote."""
    written = {
        repo.repo_id: [f.path for f in repo.files if is_eval_file(f.path)] for repo in plan.repos
    }
    problems: list[Problem] = []
    for outcome in report.outcomes:
        paths = written.get(outcome.repo_id) or []
        if outcome.kind not in WRITTEN or outcome.dry_run or not paths:
            continue
        revision = f"refs/pr/{outcome.pr_num}" if outcome.pr_num is not None else "main"
        items = reader.verdict(outcome.repo_id, None if revision == "main" else revision)
        problems += hub_problems(outcome.repo_id, revision, items, paths)
    return problems


def local_problems(
    repo_id: str, files: Mapping[str, str], catalog: BenchmarkCatalog
) -> list[Problem]:
    """hfeval's own checks of every `.eval_results` file of a repo (no network)."""
    problems: list[Problem] = []
    for path, text in sorted(files.items()):
        if not is_eval_file(path):
            continue
        try:
            entries = parse_eval_file(text)
        except InvalidEvalFile as error:
            problems.append(Problem(repo_id, "main", path, str(error), from_hub=False))
            continue
        messages = validate_eval_results(entries)
        for index, entry in enumerate(entries):
            dataset = entry.get("dataset")
            if not isinstance(dataset, Mapping) or messages:
                continue
            dataset_id, task_id = str(dataset.get("id")), str(dataset.get("task_id"))
            if not catalog.is_official(dataset_id):
                messages.append(f'"[{index}].dataset.id" {dataset_id} is not an official benchmark')
                continue
            tasks = catalog.tasks_of(dataset_id) or ()
            if task_id not in tasks:
                listed = ", ".join(tasks) or "none"
                messages.append(
                    f'"[{index}].dataset.task_id" {task_id} is not a task of {dataset_id} '
                    f"(eval.yaml tasks: {listed})"
                )
        problems += [Problem(repo_id, "main", path, m, from_hub=False) for m in messages]
    return problems


def datasets_named(files: Mapping[str, str]) -> set[str]:
    """Every `dataset.id` the readable `.eval_results` files name."""
    found = set()
    for path, text in files.items():
        if not is_eval_file(path):
            continue
        try:
            entries = parse_eval_file(text)
        except InvalidEvalFile:
            continue
        for entry in entries:
            dataset = entry.get("dataset")
            if isinstance(dataset, Mapping) and dataset.get("id"):
                found.add(str(dataset["id"]))
    return found
