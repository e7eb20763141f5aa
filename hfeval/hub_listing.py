"""Hub reads about accounts and listings: who the token is (`whoami`) and model listings.

Kept apart from `hub.py`, which owns reading and writing one repo; this module reads across
repos. Client errors become `HubError`s through the same translation `hub.py` uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from huggingface_hub import HfApi, constants

from hfeval.credentials import dotenv_token
from hfeval.hub import hub_call  # one translation of client errors for every Hub call
from hfeval.token_access import READ_ONLY_ROLES, WRITE_ROLES

ListingSort = Literal["trending", "downloads", "likes", "created", "modified"]
_SORT_PARAMETER = {
    "trending": "trending_score",
    "downloads": "downloads",
    "likes": "likes",
    "created": "created_at",
    "modified": "last_modified",
}
# What `discover` needs of each listed model; `expand` keeps the Hub's answer small.
_EXPAND = ["sha", "downloads", "likes", "trendingScore", "model-index"]


@dataclass(frozen=True)
class Account:
    """The token's account as the Hub reports it; never holds the token."""

    name: str
    fullname: str | None
    orgs: tuple[str, ...]
    token_name: str | None
    token_role: str | None  # "read", "write" or "fineGrained"

    @property
    def can_write(self) -> bool | None:
        """True/False for write and read-only roles (`token_access`'s sets, which apply checks too);
        None for fine-grained tokens (it depends on the repo)."""
        if self.token_role in WRITE_ROLES:
            return True
        if self.token_role in READ_ONLY_ROLES:
            return False
        return None


@dataclass(frozen=True)
class ListedModel:
    """One model of a listing, with what `discover` filters on."""

    repo_id: str
    sha: str | None
    downloads: int
    likes: int
    trending_score: int
    has_model_index: bool  # a model-index with at least one result


class HubListing:
    """Account and listing reads against one endpoint, with the token hfeval would use."""

    def __init__(self, endpoint: str | None = None) -> None:
        self.endpoint = (endpoint or constants.ENDPOINT).rstrip("/")
        self._api = HfApi(endpoint=self.endpoint, token=dotenv_token())

    def account(self) -> Account:
        """Who the token belongs to (`GET /api/whoami-v2`)."""
        data = hub_call("whoami", lambda: self._api.whoami(cache=True))
        return account_from_whoami(data)

    def models(
        self, *, author: str | None = None, sort: ListingSort = "trending"
    ) -> Iterator[ListedModel]:
        """Models on the Hub, most popular first, fetched page by page as they are consumed."""
        pages = self._api.list_models(
            author=author,
            sort=_SORT_PARAMETER[sort],  # type: ignore[arg-type]
            expand=_EXPAND,  # type: ignore[arg-type]
        )
        iterator = iter(pages)
        while True:
            # Not retried here: a failed generator is finished; the client retries pages itself.
            info = hub_call("model listing", lambda: next(iterator, None), retry=False)
            if info is None:
                return
            yield ListedModel(
                repo_id=info.id,
                sha=info.sha,
                downloads=info.downloads or 0,
                likes=info.likes or 0,
                trending_score=info.trending_score or 0,
                has_model_index=has_results(info.model_index),
            )


def has_results(model_index: object) -> bool:
    """Whether a listed `model-index` holds any result (an entry with `results: []` holds none)."""
    if not isinstance(model_index, list):
        return False
    return any(isinstance(entry, dict) and entry.get("results") for entry in model_index)


def account_from_whoami(data: dict[str, Any]) -> Account:
    """The fields of a `whoami-v2` answer that say who would write, and with what rights."""
    orgs = tuple(str(org["name"]) for org in data.get("orgs") or [] if org.get("name"))
    token = ((data.get("auth") or {}).get("accessToken")) or {}
    return Account(
        name=str(data.get("name", "")),
        fullname=data.get("fullname"),
        orgs=orgs,
        token_name=token.get("displayName"),
        token_role=token.get("role"),
    )
