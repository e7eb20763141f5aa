"""Reading what a token may do from whoami, as the Hub reports classic and fine-grained tokens."""

from __future__ import annotations

from typing import Any

from hfeval.token_access import TokenAccess


def whoami(access_token: dict[str, Any] | None) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "user", "name": "me", "orgs": [{"name": "acme"}]}
    if access_token is not None:
        data["auth"] = {"type": "access_token", "accessToken": access_token}
    return data


def fine_grained(global_: list[str], scoped: list[tuple[str, list[str]]]) -> TokenAccess:
    return TokenAccess.from_whoami(
        whoami(
            {
                "displayName": "ci",
                "role": "fineGrained",
                "fineGrained": {
                    "canReadGatedRepos": False,
                    "global": global_,
                    "scoped": [
                        {"entity": {"_id": "1", "type": "org", "name": name}, "permissions": p}
                        for name, p in scoped
                    ],
                },
            }
        )
    )


def test_classic_roles() -> None:
    read = TokenAccess.from_whoami(whoami({"displayName": "r", "role": "read"}))
    write = TokenAccess.from_whoami(whoami({"displayName": "w", "role": "write"}))
    assert (
        read.refusal("acme/x", pull_request=True) == 'the token is read-only (whoami role "read")'
    )
    assert read.refusal("acme/x", pull_request=False) is not None
    assert write.refusal("acme/x", pull_request=False) is None


def test_unknown_auth_leaves_the_decision_to_the_hub() -> None:
    assert TokenAccess.from_whoami(whoami(None)).refusal("acme/x", pull_request=False) is None
    assert TokenAccess.from_whoami({"auth": "odd"}).role is None


def test_fine_grained_scopes_per_namespace() -> None:
    access = fine_grained(["discussion.write"], [("acme", ["repo.content.read", "repo.write"])])
    assert access.refusal("acme/x", pull_request=False) is None
    assert access.refusal("other/x", pull_request=True) is None  # global discussion.write
    assert access.refusal("other/x", pull_request=False) == (
        "the fine-grained token lacks repo.write on other/x"
    )


def test_fine_grained_without_write_scopes() -> None:
    access = fine_grained([], [("acme", ["repo.content.read"])])
    assert access.refusal("acme/x", pull_request=True) == (
        "the fine-grained token lacks discussion.write or repo.write on acme/x"
    )
    assert access.permissions_on("acme/x") == {"repo.content.read"}
