"""The sandbox Hub's benchmark leaderboards: `GET /api/datasets/{id}/leaderboard` (§2.5, §4.11).

A dataset repo with an `eval.yaml` at its root is a benchmark. Its leaderboard ranks, highest
value first, every valid `.eval_results` entry naming it: those on a model's `main`, and those an
open pull request adds (marked with `pullRequest`, the Hub's "community" results). Without
`base_model=false`, models whose card declares a `base_model` are left out, as on the Hub.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hfeval.sandbox.api_info import eval_result_items
from hfeval.sandbox.api_repos import readable_snapshot
from hfeval.sandbox.failures import SandboxHttpError, not_found
from hfeval.sandbox.frontmatter import card_data
from hfeval.sandbox.records import Commit
from hfeval.sandbox.routing import Request, Response, Route, Services, route


def leaderboard(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    dataset_id = f"{params['ns']}/{params['name']}"
    benchmark = readable_snapshot(services, request, dataset_id, "main", "dataset").commit
    if "eval.yaml" not in benchmark.files:
        raise not_found(f"{dataset_id} has no leaderboard: it has no eval.yaml")
    include_derived = (request.param("base_model") or "").lower() == "false"
    rows: list[dict[str, Any]] = []
    for model_id in services.store.repo_ids():
        try:
            main = readable_snapshot(services, request, model_id, "main", "model").commit
        except SandboxHttpError:
            continue  # private to someone else
        if not include_derived and _declares_base_model(services, main):
            continue
        rows += _rows(services, model_id, main, dataset_id, pull_request=None)
        published = {(row["filename"], row["value"]) for row in rows if row["modelId"] == model_id}
        for pull in services.store.pull_requests(model_id):
            if pull.status not in ("open", "draft"):
                continue
            head = services.store.snapshot(model_id, f"refs/pr/{pull.num}").commit
            rows += [
                row
                for row in _rows(services, model_id, head, dataset_id, pull_request=pull.num)
                if (row["filename"], row["value"]) not in published
            ]
    rows.sort(key=lambda row: -float(row["value"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return Response.json(rows)


def _rows(
    services: Services, model_id: str, commit: Commit, dataset_id: str, pull_request: int | None
) -> list[dict[str, Any]]:
    namespace = model_id.split("/", 1)[0]
    orgs = {
        *services.config.user.orgs,
        *(org for u in services.config.tokens.values() for org in u.orgs),
    }
    rows = []
    for item in eval_result_items(services, commit):
        data = item.get("data")
        if not isinstance(data, dict) or data["dataset"]["id"] != dataset_id:
            continue
        row: dict[str, Any] = {
            "modelId": model_id,
            "value": data["value"],
            "filename": item["filename"],
            "verified": False,
            "author": {"type": "org" if namespace in orgs else "user", "name": namespace},
        }
        if "source" in data:
            row["source"] = {**data["source"], "isExternal": True}
        if pull_request is not None:
            row["pullRequest"] = pull_request
        if "notes" in data:
            row["notes"] = data["notes"]
        rows.append(row)
    return rows


def _declares_base_model(services: Services, commit: Commit) -> bool:
    oid = commit.files.get("README.md")
    if oid is None:
        return False
    card = card_data(services.store.blobs.get(oid).decode("utf-8", errors="replace")) or {}
    return bool(card.get("base_model"))


LEADERBOARD_ROUTES: list[Route] = [
    route("GET", "/api/datasets/{ns}/{name}/leaderboard", leaderboard),
]
