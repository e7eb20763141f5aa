"""The sandbox Hub's repo info route, `GET /api/{t}/{id}[/revision/{rev}]` (hub-protocol §4.3),
with `expand=` (including `evalResults`, §2.4 and §4.11), `cardData` and `blobs=true` siblings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from hfeval.sandbox.api_benchmarks import task_problems
from hfeval.sandbox.api_repos import readable_snapshot
from hfeval.sandbox.frontmatter import card_data, read_front_matter, to_json_compatible
from hfeval.sandbox.records import Commit
from hfeval.sandbox.routing import Request, Response, Route, Services, repo_of, route
from hfeval.sandbox.store import Snapshot
from hfeval.validation import validate_eval_results

EVAL_RESULTS_FOLDER = ".eval_results/"
# What the Hub sends when the request has no `expand`.
DEFAULT_FIELDS = frozenset(
    {
        "author", "sha", "lastModified", "createdAt", "private", "disabled", "gated", "downloads",
        "likes", "tags", "pipeline_tag", "library_name", "cardData", "siblings",
    }
)  # fmt: skip


# The fields read from the card's front matter.
_CARD_FIELDS = frozenset({"cardData", "tags", "pipeline_tag", "library_name"})
_README_FIELDS = _CARD_FIELDS | {"model-index"}


def repo_info(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    repo_type, repo_id = repo_of(params)
    snapshot = readable_snapshot(services, request, repo_id, params.get("rev", "main"), repo_type)
    expand = request.query.get("expand", []) + request.query.get("expand[]", [])
    return Response.json(info_fields(services, snapshot, expand, blobs=request.flag("blobs")))


def info_fields(
    services: Services, snapshot: Snapshot, expand: list[str], *, blobs: bool
) -> dict[str, Any]:
    commit = snapshot.commit
    wanted = set(expand) or DEFAULT_FIELDS
    # Reading and parsing the card is most of this answer's cost; the real Hub keeps it parsed,
    # so a client asking only for `sha`/`siblings` must not make the sandbox its bottleneck.
    readme = _text(services, commit, "README.md") if wanted & _README_FIELDS else None
    card = card_data(readme) if readme is not None and wanted & _CARD_FIELDS else None
    tags = (card or {}).get("tags")
    fields: dict[str, Any] = {
        "author": snapshot.repo_id.split("/", 1)[0],
        "sha": commit.sha,
        "lastModified": commit.created_at,
        "createdAt": snapshot.created_at,
        "private": snapshot.private,
        "disabled": False,
        "gated": False,
        "downloads": 0,
        "likes": 0,
        "tags": [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else [],
        "pipeline_tag": (card or {}).get("pipeline_tag"),
        "library_name": (card or {}).get("library_name"),
        "cardData": card,
        "siblings": [
            _sibling(services, path, oid, blobs) for path, oid in sorted(commit.files.items())
        ],
    }
    if "model-index" in wanted:
        data = read_front_matter(readme).data if readme is not None else None
        fields["model-index"] = (
            to_json_compatible(data.get("model-index")) if isinstance(data, dict) else None
        )
    if "evalResults" in wanted:
        fields["evalResults"] = eval_result_items(services, commit)
    answer = {"_id": commit.sha[:24], "id": snapshot.repo_id}
    if snapshot.repo_type == "model":
        answer["modelId"] = snapshot.repo_id
    answer.update({key: value for key, value in fields.items() if key in wanted})
    return answer


def eval_result_items(services: Services, commit: Commit) -> list[dict[str, Any]]:
    """One item per entry of every `.eval_results/*.yaml`; a failing file is one error item."""
    items: list[dict[str, Any]] = []
    for path, oid in sorted(commit.files.items()):
        name = path.removeprefix(EVAL_RESULTS_FOLDER)
        if name == path or "/" in name or not name.endswith((".yaml", ".yml")):
            continue
        try:
            entries = YAML(typ="safe", pure=True).load(services.store.blobs.get(oid))
        except YAMLError as error:
            items.append({"filename": path, "error": f"Invalid YAML: {error}"})
            continue
        problems = validate_eval_results(entries) or task_problems(services.store, entries)
        if problems:
            items.append({"filename": path, "error": "\n".join(problems)})
            continue
        items += [{"filename": path, "data": to_json_compatible(entry)} for entry in entries]
    return items


def _sibling(services: Services, path: str, oid: str, blobs: bool) -> dict[str, Any]:
    if not blobs:
        return {"rfilename": path}
    return {"rfilename": path, "size": services.store.blobs.size(oid), "blobId": oid}


def _text(services: Services, commit: Commit, path: str) -> str | None:
    oid = commit.files.get(path)
    return None if oid is None else services.store.blobs.get(oid).decode("utf-8", errors="replace")


INFO_ROUTES: list[Route] = [
    route("GET", "/api/{t}/{ns}/{name}", repo_info),
    route("GET", "/api/{t}/{ns}/{name}/revision/{rev}", repo_info),
]
