"""What the Hub says about its benchmarks: which datasets are official, and their eval.yaml tasks.

Pure data plus one decision: `resolve_task` picks the `.eval_results` task id for a benchmark
dataset, with the registry's id as a default that the dataset's own `eval.yaml` confirms or
replaces, and says the true reason when nothing can be published. `hfeval.hub_benchmarks` fills a
catalogue from the Hub; without one (eval-results not targeted, offline unit tests) the registry's
ids are used as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError


@dataclass(frozen=True)
class TaskChoice:
    """The task id to publish under (None: not publishable), and a note or the reason why not."""

    task_id: str | None
    reason: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class BenchmarkCatalog:
    """Official benchmark datasets (lower-cased ids) and their eval.yaml task ids.

    `tasks[id]` is None when the dataset has no readable eval.yaml.
    """

    official: frozenset[str] = frozenset()
    tasks: Mapping[str, tuple[str, ...] | None] = field(default_factory=dict)

    def is_official(self, dataset_id: str) -> bool:
        return dataset_id.lower() in self.official

    def tasks_of(self, dataset_id: str) -> tuple[str, ...] | None:
        return self.tasks.get(dataset_id.lower())


def resolve_task(
    dataset_id: str | None, default_task: str | None, catalog: BenchmarkCatalog | None
) -> TaskChoice:
    """The task id for `dataset_id`: the registry's `default_task`, checked against eval.yaml."""
    if dataset_id is None:
        return TaskChoice(None, "no Hub Benchmark dataset is known for it")
    if catalog is None:
        if default_task is None:
            return TaskChoice(
                None,
                f"the task id of {dataset_id} is not known; set eval_results_task for it in "
                "hfeval.yaml's registry",
            )
        return TaskChoice(default_task)
    if not catalog.is_official(dataset_id):
        return TaskChoice(
            None,
            f"{dataset_id} is not an official Hub benchmark "
            "(not listed by list_datasets(benchmark='official'))",
        )
    tasks = catalog.tasks_of(dataset_id)
    if not tasks:
        return TaskChoice(None, f"{dataset_id} has no eval.yaml with tasks, so no task id is known")
    if default_task in tasks:
        return TaskChoice(default_task)
    listed = ", ".join(tasks)
    if len(tasks) == 1:
        said = (
            f"the registry's {default_task!r} is not one"
            if default_task
            else "the registry has none"
        )
        return TaskChoice(
            tasks[0], note=f"task id {tasks[0]!r} of {dataset_id} read from its eval.yaml ({said})"
        )
    if default_task is None:
        return TaskChoice(
            None,
            f"{dataset_id} defines several tasks ({listed}) and the registry names none; set "
            "eval_results_task in hfeval.yaml's registry",
        )
    return TaskChoice(
        None, f"task id {default_task!r} is not a task of {dataset_id}'s eval.yaml ({listed})"
    )


def eval_yaml_tasks(text: str) -> tuple[str, ...] | None:
    """The task ids a benchmark's eval.yaml defines (None when it is not a readable eval.yaml)."""
    try:
        data = YAML(typ="safe", pure=True).load(text)
    except YAMLError:
        return None
    tasks = data.get("tasks") if isinstance(data, dict) else None
    if not isinstance(tasks, list):
        return None
    ids = [str(t["id"]) for t in tasks if isinstance(t, dict) and t.get("id") is not None]
    return tuple(ids) or None
