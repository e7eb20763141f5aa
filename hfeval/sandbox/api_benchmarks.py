"""The sandbox Hub's benchmark datasets: the official listing and seedable `eval.yaml` repos.

`GET /api/datasets[?filter=benchmark:official]` lists dataset repos (hub-protocol §2.2; what
`HfApi.list_datasets(benchmark="official")` sends). In the sandbox a dataset is an official
benchmark when its main has an `eval.yaml`, so a test registers a benchmark by creating one.
`seed_benchmarks` creates the four launch benchmarks with task ids as Hugging Face's current
tooling spells them (eval-results-2026 §1.3); a repo that already exists is left alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hfeval.benchmark_catalog import eval_yaml_tasks
from hfeval.sandbox.failures import SandboxHttpError
from hfeval.sandbox.routing import Request, Response, Route, Services, route
from hfeval.sandbox.store import HubStore

OFFICIAL = "benchmark:official"

_FRAMEWORK = "evaluation_framework: inspect-ai\n"
LAUNCH_BENCHMARKS: dict[str, str] = {
    "Idavidrein/gpqa": "name: GPQA\n"
    + _FRAMEWORK
    + "tasks:\n  - id: diamond\n    config: gpqa_diamond\n    split: train\n"
    "  - id: main\n    config: gpqa_main\n    split: train\n",
    "cais/hle": "name: Humanity's Last Exam\n" + _FRAMEWORK + "tasks:\n  - id: hle\n",
    "TIGER-Lab/MMLU-Pro": "name: MMLU-Pro\n" + _FRAMEWORK + "tasks:\n  - id: mmlu_pro\n",
    "openai/gsm8k": "name: GSM8K\n" + _FRAMEWORK + "tasks:\n  - id: gsm8k\n    config: main\n",
}


def seed_benchmarks(store: HubStore, benchmarks: Mapping[str, str] = LAUNCH_BENCHMARKS) -> None:
    """Create each benchmark dataset (id -> eval.yaml text) the store lacks."""
    for dataset_id, eval_yaml in benchmarks.items():
        if not store.exists(dataset_id, repo_type="dataset"):
            store.create_repo(
                dataset_id,
                {"eval.yaml": eval_yaml, "README.md": f"# {dataset_id}\n"},
                repo_type="dataset",
                message="Register the benchmark",
            )


def list_datasets(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    filters = request.query.get("filter", [])
    official_only = OFFICIAL in filters
    items: list[dict[str, Any]] = []
    for dataset_id in services.store.repo_ids(repo_type="dataset"):
        try:
            snapshot = services.store.snapshot(dataset_id, "main", repo_type="dataset")
        except SandboxHttpError:
            continue
        if snapshot.private and not services.config.may_read_private(request.user, dataset_id):
            continue
        official = "eval.yaml" in snapshot.commit.files
        if official_only and not official:
            continue
        items.append(
            {
                "_id": snapshot.commit.sha[:24],
                "id": dataset_id,
                "author": dataset_id.split("/", 1)[0],
                "sha": snapshot.commit.sha,
                "private": snapshot.private,
                "tags": [OFFICIAL] if official else [],
            }
        )
    return Response.json(items)


BENCHMARK_ROUTES: list[Route] = [route("GET", "/api/datasets", list_datasets)]


def task_problems(store: HubStore, entries: list[Any]) -> list[str]:
    """Entries whose `dataset.task_id` is not a task of that benchmark's eval.yaml.

    Only datasets the sandbox holds with an eval.yaml are checked (the Hub's leaderboards are
    per task, so an unknown task id is a score on no leaderboard).
    """
    problems = []
    for index, entry in enumerate(entries):
        dataset = entry.get("dataset") if isinstance(entry, dict) else None
        if not isinstance(dataset, dict):
            continue
        tasks = _tasks(store, str(dataset.get("id")))
        if tasks is not None and dataset.get("task_id") not in tasks:
            problems.append(
                f'"[{index}].dataset.task_id" must be one of [{", ".join(tasks)}] '
                f"(the tasks of {dataset.get('id')}'s eval.yaml)"
            )
    return problems


def _tasks(store: HubStore, dataset_id: str) -> tuple[str, ...] | None:
    match = next(
        (d for d in store.repo_ids(repo_type="dataset") if d.lower() == dataset_id.lower()), None
    )
    if match is None:
        return None
    data = store.read_files(match, repo_type="dataset").get("eval.yaml")
    return None if data is None else eval_yaml_tasks(data.decode("utf-8", errors="replace"))
