"""The Hub boundary: every read and write of a model repo goes through here.

All traffic uses one `huggingface_hub.HfApi` bound to an explicit endpoint (`--endpoint`, else
`HF_ENDPOINT` as huggingface_hub read it at import). Client exceptions become `HubError`s that name
the repo and say what to do; 429, 5xx and dropped connections on calls the client does not retry
itself are retried under `hfeval.retrying.RetryPolicy`, and a commit whose answer was lost is
looked for (`hfeval.landed`) before it is ever sent again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import httpx2
from huggingface_hub import (
    CommitOperationAdd,
    CommitOperationDelete,
    HfApi,
    constants,
    get_session,
    hf_raise_for_status,
)
from huggingface_hub.errors import (
    BadRequestError,
    EntryNotFoundError,
    GatedRepoError,
    HfHubHTTPError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.utils._headers import build_hf_headers  # not re-exported for typing

from hfeval.credentials import dotenv_token
from hfeval.errors import HubError
from hfeval.landed import landed_commit
from hfeval.redaction import redact, register_secret
from hfeval.retrying import RetryPolicy, install_request_timeout
from hfeval.token_access import TokenAccess

EVAL_RESULTS_DIR = ".eval_results"
README = "README.md"

WRITE_ACCESS_HINT = (
    "run `hfeval whoami` to see the token's account and role; use a write token (or a "
    "fine-grained one with write access to this repo), or `apply: pr` for repos you do not own"
)
T = TypeVar("T")

# The largest card hfeval reads or rewrites; real ones are under 100 kB (the biggest in our corpus
# is 76 kB), so this only stops runaway files from being parsed and rewritten.
MAX_TEXT_BYTES = 2 * 10**6

# huggingface_hub warns about an invalid model-index while parsing model_info's cardData; hfeval
# reports that itself, with the repo and what is wrong, so the bare warning is only noise.
logging.getLogger("huggingface_hub.repocard_data").setLevel(logging.ERROR)

# Indirection so tests can observe the backoff without waiting for it.
_sleep = time.sleep
_POLICY = RetryPolicy(max_attempts=4, sleep=lambda seconds: _sleep(seconds))


@dataclass(frozen=True)
class RemoteFile:
    """One file read at a resolved commit; `text` is None when the file does not exist there."""

    repo_id: str
    path: str
    commit: str
    text: str | None


@dataclass(frozen=True)
class RepoSnapshot:
    """The files hfeval manages in one repo, read at one commit of one revision."""

    repo_id: str
    revision: str
    commit: str
    files: Mapping[str, str]  # README.md and .eval_results/*.yaml that exist at `commit`


@dataclass(frozen=True)
class Identity:
    """The token's user and the organisations it belongs to."""

    name: str
    orgs: tuple[str, ...]
    access: TokenAccess = field(default_factory=TokenAccess)  # what whoami says it may do

    def owns(self, repo_id: str) -> bool:
        namespace = repo_id.split("/", 1)[0]
        return namespace == self.name or namespace in self.orgs


@dataclass(frozen=True)
class PullRequest:
    """A pull request on a model repo, with the commit its `refs/pr/N` points at."""

    num: int
    status: str
    author: str | None
    title: str
    description: str
    head: str | None

    @property
    def ref(self) -> str:
        return f"refs/pr/{self.num}"


@dataclass(frozen=True)
class CommitResult:
    """What a write produced. `pr_num` is set when the commit opened or went to a PR."""

    oid: str
    url: str
    pr_num: int | None
    pr_url: str | None


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
        endpoint_key = hashlib.sha256(self.endpoint.encode()).hexdigest()[:16]
        self._file_cache = Path(constants.HF_HOME) / "hfeval" / "files" / endpoint_key

    @property
    def api(self) -> HfApi:
        """The client, for readers in other modules (`hub_benchmarks`); they call through `call`."""
        return self._api

    def call(self, where: str, fn: Callable[[], T]) -> T:
        """Run one client call with this module's retries and error translation."""
        return _call(where, fn)

    # -- reads ---------------------------------------------------------------------------------

    def head(self, repo_id: str, revision: str = "main") -> str:
        """The commit sha that `revision` resolves to."""
        info = _call(
            repo_id, lambda: self._api.model_info(repo_id, revision=revision, timeout=self._timeout)
        )
        if not info.sha:
            raise HubError("the Hub did not report a commit sha", where=repo_id)
        return info.sha

    def read_file(self, repo_id: str, path: str, revision: str | None = None) -> RemoteFile:
        """Read one text file at `revision` (default main), resolving the revision to a sha."""
        commit = self.head(repo_id, revision or "main")
        return RemoteFile(repo_id, path, commit, self._download(repo_id, path, commit))

    def snapshot(self, repo_id: str, revision: str = "main") -> RepoSnapshot:
        """README.md and every `.eval_results/*.yaml` at the current head of `revision`."""
        # Only the head sha and the file list: without `expand` the Hub also sends cardData,
        # which the client turns into ModelCardData and EvalResult objects nobody reads here.
        info = _call(
            repo_id,
            lambda: self._api.model_info(
                repo_id, revision=revision, expand=["sha", "siblings"], timeout=self._timeout
            ),
        )
        if not info.sha:
            raise HubError("the Hub did not report a commit sha", where=repo_id)
        names = [s.rfilename for s in info.siblings or []]
        wanted = [
            name
            for name in names
            if name == README
            or (name.startswith(f"{EVAL_RESULTS_DIR}/") and name.endswith((".yaml", ".yml")))
        ]
        files: dict[str, str] = {}
        for name in sorted(wanted):
            text = self._download(repo_id, name, info.sha)
            if text is not None:
                files[name] = text
        return RepoSnapshot(repo_id, revision, info.sha, files)

    def model_revision(self, repo_id: str, revision: str = "main") -> tuple[str, str]:
        """(commit sha, content id) of a model repo at `revision`.

        The content id hashes every file's path and blob id except README.md and
        `.eval_results/`: what an evaluation ran against. A commit that only edits metadata
        (hfeval's own apply) keeps the content id, so stored evaluation results stay valid.
        """
        info = _call(
            repo_id,
            lambda: self._api.model_info(
                repo_id, revision=revision, files_metadata=True, timeout=self._timeout
            ),
        )
        if not info.sha:
            raise HubError("the Hub did not report a commit sha", where=repo_id)
        parts = sorted(
            f"{s.rfilename}\0{s.lfs.sha256 if s.lfs else s.blob_id}"
            for s in info.siblings or []
            if s.rfilename != README and not s.rfilename.startswith(f"{EVAL_RESULTS_DIR}/")
        )
        content = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return info.sha, content

    def whoami(self) -> Identity:
        data = _call("whoami", lambda: self._api.whoami(cache=True))
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

        return _call(repo_id, fetch)

    def read_files_at(self, repo_id: str, commit: str, paths: list[str]) -> dict[str, str | None]:
        return {path: self._download(repo_id, path, commit) for path in paths}

    def dataset_files(self, repo_id: str, revision: str | None = None) -> tuple[str, list[str]]:
        """(commit sha, every file path) of a dataset repo at `revision` (default main)."""
        where = f"datasets/{repo_id}"
        info = _call(
            where,
            lambda: self._api.dataset_info(
                repo_id, revision=revision or "main", timeout=self._timeout
            ),
        )
        if not info.sha:
            raise HubError("the Hub did not report a commit sha", where=where)
        return info.sha, sorted(s.rfilename for s in info.siblings or [])

    def dataset_file(self, repo_id: str, path: str, commit: str) -> Path:
        """A dataset repo file at `commit`, downloaded once into the Hub cache (keyed by sha)."""
        where = f"datasets/{repo_id}"
        local = _call(
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

        return _call(repo_id, lambda: _POLICY.call_write(send, landed), retry=False)

    def pr_url(self, repo_id: str, pr_num: int) -> str:
        return f"{self.endpoint}/{repo_id}/discussions/{pr_num}"

    # -- internals -----------------------------------------------------------------------------

    def _download(self, repo_id: str, path: str, commit: str) -> str | None:
        """The text of `path` at `commit` (a full sha): from the cache, else one GET.

        One GET on the shared client, where `hf_hub_download` sends a HEAD first and sets up
        its blob/symlink cache, for files of a few kilobytes that are read once per commit.
        """
        cached = self._file_cache / repo_id / commit / path
        # A file missing at a commit stays missing: remembered so the next plan does not ask.
        absent = self._file_cache.with_name(self._file_cache.name + ".absent") / repo_id / commit
        absent = absent / path
        try:
            return cached.read_bytes().decode("utf-8")
        except (FileNotFoundError, NotADirectoryError):
            if absent.is_file():
                return None
        url = f"{self.endpoint}/{repo_id}/resolve/{commit}/{quote(path)}"

        def fetch() -> bytes | None:
            response = get_session().get(url, headers=build_hf_headers(token=self._token))
            try:
                hf_raise_for_status(response)
            except EntryNotFoundError:
                return None
            return response.content

        content = _call(repo_id, fetch)
        # Checked before caching: a file too big or not UTF-8 is refused, never stored.
        text = None if content is None else decode_text(content, f"{repo_id}/{path}@{commit[:7]}")
        if len(commit) == 40:  # only a full sha names content that cannot change
            _write_atomically(absent if content is None else cached, content or b"")
        return text


def _write_atomically(path: Path, content: bytes) -> None:
    """Write via a temporary name, so a concurrent reader sees the whole file or none."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}")
        partial.write_bytes(content)
        os.replace(partial, path)
    except OSError:
        pass  # the cache is an optimisation; a read-only HF_HOME just means no cache


def decode_text(data: bytes, where: str) -> str:
    """A file hfeval reads as text: UTF-8 and at most MAX_TEXT_BYTES, else a HubError."""
    size = len(data)
    if size > MAX_TEXT_BYTES:
        raise HubError(
            f"the file is {size / 1e6:.1f} MB, over hfeval's {MAX_TEXT_BYTES // 10**6} MB limit "
            "for a file it reads or rewrites",
            where=where,
            hint="model cards are usually well under 100 kB; move bulky content out of it",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HubError(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})",
            where=where,
            hint="the Hub expects UTF-8 model cards; save the file as UTF-8 and push it again",
        ) from error


def _call(where: str, fn: Callable[[], T], *, retry: bool = True) -> T:
    """Run one client call (retrying transient failures) and translate client errors."""
    try:
        return _POLICY.call(fn) if retry else fn()
    except GatedRepoError as error:
        raise HubError(
            "the repository is gated and this token has not been granted access",
            status=error.response.status_code,
            where=where,
            hint="accept the repo's conditions on its Hub page with this account, or use a "
            "token that has access",
        ) from error
    except RepositoryNotFoundError as error:
        raise HubError(
            "repository not found",
            status=404,
            where=where,
            hint="check the repo id; if it is private or gated, log in with `hf auth login` "
            "or set HF_TOKEN",
        ) from error
    except RevisionNotFoundError as error:
        raise HubError("revision not found", status=404, where=where) from error
    except BadRequestError as error:
        raise HubError(
            f"the Hub rejected the request: {_server_message(error)}",
            status=400,
            where=where,
        ) from error
    except HfHubHTTPError as error:
        status = error.response.status_code if error.response is not None else None
        raise HubError(
            _describe_status(status, error),
            status=status,
            where=where,
            hint=WRITE_ACCESS_HINT if status == 403 else None,
        ) from error
    except ValueError as error:
        # huggingface_hub raises a plain ValueError when validate-yaml rejects a README.
        raise HubError(redact(str(error)), where=where) from error
    except (httpx2.TransportError, OSError) as error:
        # Connection refused or reset, DNS, timeouts: retried for reads, looked after for commits.
        raise HubError(
            f"cannot reach the Hub: {redact(str(error)) or type(error).__name__}",
            where=where,
            hint="check HF_ENDPOINT / --endpoint and the network",
        ) from error


def _server_message(error: HfHubHTTPError) -> str:
    lines = redact(error.server_message or str(error)).strip().splitlines()
    return lines[0] if lines else f"HTTP {error.response.status_code}"


def _describe_status(status: int | None, error: HfHubHTTPError) -> str:
    if status == 401:
        return "the Hub refused the token (401); check HF_TOKEN or run `hf auth login`"
    if status == 403:
        return "the token lacks write access to this repo (403)"
    if status == 412:
        return "the branch moved since it was read (412)"
    if status == 429:
        return "rate limited by the Hub (429); try again later"
    return f"Hub request failed ({status}): {_server_message(error)}"
