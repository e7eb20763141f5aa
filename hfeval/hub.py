"""The Hub boundary: every read and write of a model repo goes through here.

All traffic uses one `huggingface_hub.HfApi` bound to an explicit endpoint (`--endpoint`, else
`HF_ENDPOINT` as huggingface_hub read it at import). Client exceptions become `HubError`s that name
the repo and say what to do; 429, 5xx and dropped connections on calls the client does not retry
itself are retried under `hfeval.retrying.RetryPolicy`, and a commit whose answer was lost is
looked for (`hfeval.landed`) before it is ever sent again.

This module owns the `Hub` client (reads, snapshots, the commit) and its retry policy; the
records it returns are in `hub_records.py`, error translation in `hub_call.py` and cached file
reads at a commit in `hub_files.py`. Every name is importable from here.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from huggingface_hub import (
    CommitOperationAdd,
    CommitOperationDelete,
    HfApi,
    constants,
)

from hfeval.credentials import dotenv_token
from hfeval.errors import HubError
from hfeval.hub_call import WRITE_ACCESS_HINT, translated_call
from hfeval.hub_files import MAX_TEXT_BYTES, CommitFiles, decode_text
from hfeval.hub_records import CommitResult, Identity, PullRequest, RemoteFile, RepoSnapshot
from hfeval.landed import landed_commit
from hfeval.redaction import register_secret
from hfeval.retrying import RetryPolicy, install_request_timeout
from hfeval.token_access import TokenAccess

__all__ = [
    "EVAL_RESULTS_DIR",
    "MAX_TEXT_BYTES",
    "README",
    "WRITE_ACCESS_HINT",
    "CommitResult",
    "Hub",
    "Identity",
    "PullRequest",
    "RemoteFile",
    "RepoSnapshot",
    "decode_text",
]

EVAL_RESULTS_DIR = ".eval_results"
README = "README.md"

T = TypeVar("T")

# huggingface_hub warns about an invalid model-index while parsing model_info's cardData; hfeval
# reports that itself, with the repo and what is wrong, so the bare warning is only noise.
logging.getLogger("huggingface_hub.repocard_data").setLevel(logging.ERROR)

# Indirection so tests can observe the backoff without waiting for it.
_sleep = time.sleep
_POLICY = RetryPolicy(max_attempts=4, sleep=lambda seconds: _sleep(seconds))


def hub_call(where: str, fn: Callable[[], T], *, retry: bool = True) -> T:
    """Run one client call with hub.py's retries and translate client errors (`hub_call.py`)."""
    return translated_call(where, fn, policy=_POLICY, retry=retry)


def _reported_sha(sha: str | None, where: str) -> str:
    """The commit sha an info call answered with; a HubError when the Hub left it out."""
    if not sha:
        raise HubError("the Hub did not report a commit sha", where=where)
    return sha


class Hub:
    """A Hub client bound to one endpoint; one instance per command run."""

    def __init__(self, endpoint: str | None = None, token: str | None = None) -> None:
        self.endpoint = (endpoint or constants.ENDPOINT).rstrip("/")
        # No token given: HF_TOKEN from the spec repo's .env, else huggingface_hub's own lookup.
        token = token or dotenv_token()
        register_secret(token)  # a token from .env or --token is redacted like HF_TOKEN
        # A Hub that stops answering times out instead of hanging (model_info and dataset_info
        # send their own timeout, None unless given, so they get it explicitly).
        self._timeout = install_request_timeout()
        self._api = HfApi(endpoint=self.endpoint, token=token)
        self._token = token
        # Files read at a commit never change, so they are cached by endpoint, repo and sha.
        self._files = CommitFiles(self.endpoint, token, hub_call)

    @property
    def api(self) -> HfApi:
        """The client, for readers in other modules (`hub_benchmarks`); they call through
        `hub_call`."""
        return self._api

    # -- reads ---------------------------------------------------------------------------------

    def head(self, repo_id: str, revision: str = "main") -> str:
        """The commit sha that `revision` resolves to."""
        info = hub_call(
            repo_id, lambda: self._api.model_info(repo_id, revision=revision, timeout=self._timeout)
        )
        return _reported_sha(info.sha, repo_id)

    def read_file(self, repo_id: str, path: str, revision: str | None = None) -> RemoteFile:
        """Read one text file at `revision` (default main), resolving the revision to a sha."""
        commit = self.head(repo_id, revision or "main")
        return RemoteFile(repo_id, path, commit, self._files.read(repo_id, path, commit))

    def snapshot(self, repo_id: str, revision: str = "main") -> RepoSnapshot:
        """README.md and every `.eval_results/*.yaml` at the current head of `revision`."""
        # Only the head sha and the file list: without `expand` the Hub also sends cardData,
        # which the client turns into ModelCardData and EvalResult objects nobody reads here.
        info = hub_call(
            repo_id,
            lambda: self._api.model_info(
                repo_id, revision=revision, expand=["sha", "siblings"], timeout=self._timeout
            ),
        )
        commit = _reported_sha(info.sha, repo_id)
        names = [s.rfilename for s in info.siblings or []]
        wanted = [
            name
            for name in names
            if name == README
            or (name.startswith(f"{EVAL_RESULTS_DIR}/") and name.endswith((".yaml", ".yml")))
        ]
        files: dict[str, str] = {}
        for name in sorted(wanted):
            text = self._files.read(repo_id, name, commit)
            if text is not None:
                files[name] = text
        return RepoSnapshot(repo_id, revision, commit, files)

    def model_revision(self, repo_id: str, revision: str = "main") -> tuple[str, str]:
        """(commit sha, content id) of a model repo at `revision`.

        The content id hashes every file's path and blob id except README.md and
        `.eval_results/`: what an evaluation ran against. A commit that only edits metadata
        (hfeval's own apply) keeps the content id, so stored evaluation results stay valid.
        """
        info = hub_call(
            repo_id,
            lambda: self._api.model_info(
                repo_id, revision=revision, files_metadata=True, timeout=self._timeout
            ),
        )
        commit = _reported_sha(info.sha, repo_id)
        parts = sorted(
            f"{s.rfilename}\0{s.lfs.sha256 if s.lfs else s.blob_id}"
            for s in info.siblings or []
            if s.rfilename != README and not s.rfilename.startswith(f"{EVAL_RESULTS_DIR}/")
        )
        content = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return commit, content

    def whoami(self) -> Identity:
        data = hub_call("whoami", lambda: self._api.whoami(cache=True))
        orgs = tuple(str(org.get("name")) for org in data.get("orgs", []) if org.get("name"))
        return Identity(
            name=str(data.get("name", "")), orgs=orgs, access=TokenAccess.from_whoami(data)
        )

    def pull_requests(
        self, repo_id: str, *, author: str | None, status: str = "all"
    ) -> list[PullRequest]:
        """Pull requests on `repo_id` by `author` (None: anyone), newest first, with their heads."""

        def fetch() -> list[PullRequest]:
            found = []
            for item in self._api.get_repo_discussions(
                repo_id,
                author=author,
                discussion_type="pull_request",
                discussion_status=status,  # type: ignore[arg-type]
            ):
                details = self._api.get_discussion_details(repo_id, item.num)
                opening = next((e for e in details.events if e.type == "comment"), None)
                description = getattr(opening, "content", "") if opening is not None else ""
                found.append(
                    PullRequest(
                        num=item.num,
                        status=item.status,
                        author=item.author,
                        title=item.title,
                        description=description or "",
                        head=None,
                    )
                )
            if not found:
                return found
            refs = self._api.list_repo_refs(repo_id, include_pull_requests=True)
            heads = {ref.ref: ref.target_commit for ref in refs.pull_requests or []}
            return [
                PullRequest(p.num, p.status, p.author, p.title, p.description, heads.get(p.ref))
                for p in found
            ]

        return hub_call(repo_id, fetch)

    def read_files_at(self, repo_id: str, commit: str, paths: list[str]) -> dict[str, str | None]:
        return {path: self._files.read(repo_id, path, commit) for path in paths}

    def dataset_files(self, repo_id: str, revision: str | None = None) -> tuple[str, list[str]]:
        """(commit sha, every file path) of a dataset repo at `revision` (default main)."""
        where = f"datasets/{repo_id}"
        info = hub_call(
            where,
            lambda: self._api.dataset_info(
                repo_id, revision=revision or "main", timeout=self._timeout
            ),
        )
        return _reported_sha(info.sha, where), sorted(s.rfilename for s in info.siblings or [])

    def dataset_file(self, repo_id: str, path: str, commit: str) -> Path:
        """A dataset repo file at `commit`, downloaded once into the Hub cache (keyed by sha)."""
        where = f"datasets/{repo_id}"
        local = hub_call(
            where,
            lambda: self._api.hf_hub_download(repo_id, path, repo_type="dataset", revision=commit),
        )
        return Path(str(local))

    # -- writes --------------------------------------------------------------------------------

    def commit(
        self,
        repo_id: str,
        files: Mapping[str, bytes | None],
        *,
        message: str,
        description: str,
        parent_commit: str,
        revision: str | None = None,
        create_pr: bool = False,
    ) -> CommitResult:
        """Write `files` (None deletes) on top of `parent_commit`; the Hub answers 412 if stale.

        Commits are never retried blindly: after an answer that leaves the outcome unknown (5xx,
        dropped connection) the Hub is read first, and a commit or PR that landed is returned as
        it is; `parent_commit` turns any other duplicate into a 412.
        """
        operations: list[CommitOperationAdd | CommitOperationDelete] = []
        for path, content in sorted(files.items()):
            if content is None:
                operations.append(CommitOperationDelete(path_in_repo=path))
            else:
                operations.append(CommitOperationAdd(path_in_repo=path, path_or_fileobj=content))

        def send() -> CommitResult:
            info = self._api.create_commit(
                repo_id,
                operations,
                commit_message=message,
                commit_description=description,
                parent_commit=parent_commit,
                revision=revision,
                create_pr=create_pr,
            )
            return CommitResult(
                oid=info.oid, url=info.commit_url, pr_num=info.pr_num, pr_url=info.pr_url
            )

        def landed() -> CommitResult | None:
            return landed_commit(
                self,
                repo_id,
                files,
                parent_commit=parent_commit,
                revision=revision or "main",
                create_pr=create_pr,
                description=description,
            )

        return hub_call(repo_id, lambda: _POLICY.call_write(send, landed), retry=False)

    def pr_url(self, repo_id: str, pr_num: int) -> str:
        return f"{self.endpoint}/{repo_id}/discussions/{pr_num}"
