"""`hfeval discover`: find models whose README has benchmark tables but no structured metadata.

A model is a candidate when its listing shows no `model-index`, its README has at least one
score table (`score_table_count`), and no open pull request by hfeval (the `PR_MARKER` in its
description) is already waiting on it. Candidates come out in listing order (trending or
downloads), ready for `hfeval init`.

`score_table_count` is the one place that decides "this README has benchmark tables"; it is pure,
and everything else here is I/O through `HubListing` and `Hub`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from hfeval.choose import own_score_tables
from hfeval.errors import HfevalError
from hfeval.hub import README, Hub
from hfeval.hub_listing import HubListing, ListedModel, ListingSort


def score_table_count(readme_text: str, repo_id: str | None = None) -> int:
    """How many tables of a README hold the card's own model's scores.

    This is the `hfeval init` chooser's verdict (`own_score_tables`), so every model `discover`
    lists is one `init` can write a spec for: tables of other models, hyperparameters, downloads
    or prompts do not count.
    """
    return len(own_score_tables(readme_text, repo_id))


@dataclass(frozen=True)
class Candidate:
    """A model worth an `hfeval init`: its score tables and listing figures."""

    repo_id: str
    tables: int
    downloads: int
    likes: int
    trending_score: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "repo_id": self.repo_id,
            "score_tables": self.tables,
            "downloads": self.downloads,
            "likes": self.likes,
            "trending_score": self.trending_score,
        }


@dataclass
class Discovery:
    """What one run found, and why the other scanned models were left out."""

    candidates: list[Candidate] = field(default_factory=list)
    scanned: int = 0
    has_model_index: int = 0
    no_score_tables: int = 0
    open_hfeval_pr: int = 0
    failed: list[str] = field(default_factory=list)  # "repo: error", one line each

    def as_dict(self) -> dict[str, Any]:
        return {
            "candidates": [candidate.as_dict() for candidate in self.candidates],
            "scanned": self.scanned,
            "left_out": {
                "has_model_index": self.has_model_index,
                "no_score_tables": self.no_score_tables,
                "open_hfeval_pr": self.open_hfeval_pr,
                "failed": len(self.failed),
            },
            "errors": list(self.failed),
        }


@dataclass(frozen=True)
class _Verdict:
    model: ListedModel
    tables: int = 0
    open_pr: bool = False
    error: str | None = None


def discover(
    listing: HubListing,
    hub: Hub,
    *,
    limit: int = 20,
    scan: int = 100,
    author: str | None = None,
    sort: ListingSort = "trending",
    workers: int = 8,
    progress: Callable[[str], None] | None = None,
) -> Discovery:
    """Up to `limit` candidates among the first `scan` models of the listing, in listing order."""
    report = progress or (lambda _message: None)
    found = Discovery()
    listed = islice(listing.models(author=author, sort=sort), scan)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for batch in _batches(listed, max(1, workers)):
            found.scanned += len(batch)
            to_read = [model for model in batch if not model.has_model_index]
            found.has_model_index += len(batch) - len(to_read)
            verdicts = pool.map(lambda model: _judge(hub, model), to_read)
            for verdict in verdicts:
                _record(found, verdict)
                if len(found.candidates) >= limit:
                    return found
            report(f"Scanned {found.scanned} models, {len(found.candidates)} candidates …")
    return found


def _batches(models: Iterable[ListedModel], size: int) -> Iterator[list[ListedModel]]:
    iterator = iter(models)
    while batch := list(islice(iterator, size)):
        yield batch


def _judge(hub: Hub, model: ListedModel) -> _Verdict:
    """Read one model's README (and, when it has score tables, its open PRs)."""
    try:
        if model.sha:
            text = hub.read_files_at(model.repo_id, model.sha, [README])[README]
        else:
            text = hub.read_file(model.repo_id, README).text
        tables = score_table_count(text, model.repo_id) if text else 0
        if not tables:
            return _Verdict(model)
        return _Verdict(model, tables, open_pr=has_open_hfeval_pr(hub, model.repo_id))
    except HfevalError as error:
        return _Verdict(model, error=f"{model.repo_id}: {error.message}")


def has_open_hfeval_pr(hub: Hub, repo_id: str) -> bool:
    """Whether anyone's open pull request on the repo carries hfeval's marker."""
    from hfeval.pr_marker import PR_MARKER  # the marker apply writes into every PR

    requests = hub.pull_requests(repo_id, author=None, status="open")
    return any(PR_MARKER in request.description for request in requests)


def _record(found: Discovery, verdict: _Verdict) -> None:
    model = verdict.model
    if verdict.error is not None:
        found.failed.append(verdict.error)
    elif not verdict.tables:
        found.no_score_tables += 1
    elif verdict.open_pr:
        found.open_hfeval_pr += 1
    else:
        found.candidates.append(
            Candidate(
                model.repo_id,
                verdict.tables,
                model.downloads,
                model.likes,
                model.trending_score,
            )
        )
