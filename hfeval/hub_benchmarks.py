"""Hub reads for publishing `.eval_results`: benchmarks, others' open PRs and the Hub's verdict.

I/O through `hub.Hub` (its client, retries and error translation). One `BenchmarkReader` per run
caches what every spec shares: the official benchmark list (`list_datasets(benchmark="official")`,
which huggingface_hub 2.4 sends as `GET /api/datasets?filter=benchmark:official`) and each
benchmark dataset's `eval.yaml` task ids (`hf_hub_download` keeps the file on disk by commit, so a
warm run costs one HEAD per dataset). Nothing here is read unless a spec targets eval-results.

`verdict` reads `GET /api/models/{id}[/revision/{rev}]?expand=evalResults` over raw HTTP because
huggingface_hub's `model_info` drops the `{"filename", "error"}` items this is for.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from huggingface_hub import get_session, hf_raise_for_status
from huggingface_hub.errors import EntryNotFoundError, RepositoryNotFoundError
from huggingface_hub.hf_api import RepoFile
from huggingface_hub.utils._headers import build_hf_headers

from hfeval.benchmark_catalog import BenchmarkCatalog, eval_yaml_tasks
from hfeval.eval_files import is_eval_file
from hfeval.eval_results import ForeignFiles
from hfeval.hub import Hub, hub_call

EVAL_YAML = "eval.yaml"


@dataclass(frozen=True)
class VerdictItem:
    """One item of the Hub's `evalResults`: an entry it accepted, or a file it rejected."""

    filename: str
    error: str | None
    data: Any = None


class BenchmarkReader:
    """Benchmark facts and PR files from the Hub, cached for one run (thread-safe)."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self._lock = threading.Lock()
        self._tasks_lock = threading.Lock()
        self._official: frozenset[str] | None = None
        self._tasks: dict[str, tuple[str, ...] | None] = {}

    def official(self) -> frozenset[str]:
        """Lower-cased ids of the Hub's official benchmark datasets."""
        with self._lock:
            if self._official is None:
                api = self.hub.api
                found = hub_call(
                    "list_datasets(benchmark=official)",
                    lambda: [d.id for d in api.list_datasets(benchmark="official")],
                )
                self._official = frozenset(d.lower() for d in found)
            return self._official

    def tasks(self, dataset_id: str) -> tuple[str, ...] | None:
        """The `tasks[].id` of a dataset's eval.yaml; None when it has none or it cannot be read."""
        key = dataset_id.lower()
        # Held while reading: specs planned in parallel ask for the same few benchmarks at once,
        # and each must be read once per run.
        with self._tasks_lock:
            if key not in self._tasks:
                self._tasks[key] = self._read_tasks(dataset_id)
            return self._tasks[key]

    def catalog(self, dataset_ids: Collection[str]) -> BenchmarkCatalog:
        """What the Hub says about these datasets (eval.yaml is read for official ones only)."""
        if not dataset_ids:
            return BenchmarkCatalog()
        official = self.official()
        wanted = sorted({d for d in dataset_ids if d.lower() in official})
        return BenchmarkCatalog(official, {d.lower(): self.tasks(d) for d in wanted})

    def open_pr_files(self, repo_id: str, *, skip: int | None = None) -> list[ForeignFiles]:
        """`.eval_results` files of every open PR on `repo_id` (any author), but PR `skip`."""
        api = self.hub.api

        def fetch() -> list[ForeignFiles]:
            prs = [
                pr
                for pr in api.get_repo_discussions(
                    repo_id, discussion_type="pull_request", discussion_status="open"
                )
                if pr.num != skip
            ]
            if not prs:
                return []
            refs = api.list_repo_refs(repo_id, include_pull_requests=True)
            heads = {ref.ref: ref.target_commit for ref in refs.pull_requests or []}
            found = []
            for pr in sorted(prs, key=lambda p: p.num):
                head = heads.get(f"refs/pr/{pr.num}")
                if head is None:
                    continue
                files = self._eval_files_at(repo_id, head)
                if files:
                    found.append(ForeignFiles(f"open PR #{pr.num} by {pr.author}", files))
            return found

        return hub_call(repo_id, fetch)

    def verdict(self, repo_id: str, revision: str | None = None) -> list[VerdictItem]:
        """The Hub's `evalResults` for `repo_id` at `revision` (default main)."""
        path = f"/api/models/{repo_id}"
        if revision is not None:
            path += f"/revision/{quote(revision, safe='')}"

        def fetch() -> list[VerdictItem]:
            response = get_session().get(
                f"{self.hub.endpoint}{path}",
                params={"expand": "evalResults"},
                headers=build_hf_headers(token=self.hub.api.token),
            )
            hf_raise_for_status(response)
            items = response.json().get("evalResults") or []
            return [
                VerdictItem(str(i.get("filename", "")), i.get("error"), i.get("data"))
                for i in items
                if isinstance(i, dict)
            ]

        return hub_call(repo_id, fetch)

    def _eval_files_at(self, repo_id: str, commit: str) -> dict[str, str]:
        api = self.hub.api
        try:
            tree = list(api.list_repo_tree(repo_id, ".eval_results", revision=commit))
        except EntryNotFoundError:
            return {}
        files = {}
        for item in tree:
            if isinstance(item, RepoFile) and is_eval_file(item.path):
                local = api.hf_hub_download(repo_id, item.path, revision=commit)
                files[item.path] = Path(str(local)).read_text(encoding="utf-8")
        return files

    def _read_tasks(self, dataset_id: str) -> tuple[str, ...] | None:
        api = self.hub.api

        def fetch() -> str | None:
            try:
                local = api.hf_hub_download(dataset_id, EVAL_YAML, repo_type="dataset")
            except (EntryNotFoundError, RepositoryNotFoundError):
                return None
            return Path(str(local)).read_text(encoding="utf-8")

        text = hub_call(dataset_id, fetch)
        return None if text is None else eval_yaml_tasks(text)
