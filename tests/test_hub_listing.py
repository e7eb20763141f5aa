"""`hfeval.hub_listing`: reading a whoami answer, and the model listing through the real client."""

from __future__ import annotations

from collections.abc import Callable

from hfeval.hub_listing import Account, HubListing, account_from_whoami
from hfeval.sandbox import Sandbox


def test_account_keeps_user_orgs_and_role_but_no_token() -> None:
    data = {
        "name": "acme-bot",
        "fullname": "Acme Bot",
        "orgs": [{"name": "acme"}, {"name": "labs"}, {"type": "org"}],
        "auth": {"type": "access_token", "accessToken": {"displayName": "ci", "role": "write"}},
    }
    account = account_from_whoami(data)
    assert account == Account("acme-bot", "Acme Bot", ("acme", "labs"), "ci", "write")
    assert account.can_write is True
    read = account_from_whoami({**data, "auth": {"accessToken": {"role": "read"}}})
    assert read.can_write is False and read.token_name is None
    fine = account_from_whoami({**data, "auth": {"accessToken": {"role": "fineGrained"}}})
    assert fine.can_write is None  # depends on the repo: scopes decide
    assert account_from_whoami({"name": "old-server"}).token_role is None


def test_models_lists_the_sandbox_with_popularity_and_model_index_flag(
    sandbox: Sandbox, hub_repo: Callable[..., str]
) -> None:
    plain = hub_repo(namespace="listing-ns")
    indexed = hub_repo(
        {"README.md": "---\nmodel-index:\n- name: x\n  results: []\n---\n# x\n"},
        namespace="listing-ns",
    )
    listed = {model.repo_id: model for model in HubListing().models(author="listing-ns")}
    assert set(listed) == {plain, indexed}
    assert listed[plain].has_model_index is False
    assert listed[plain].sha == sandbox.store.head(plain)
    assert listed[plain].downloads == 0
    assert listed[indexed].has_model_index is False  # `results: []` is no evaluation at all


def test_can_write_agrees_with_the_apply_access_check_on_admin_tokens() -> None:
    admin = account_from_whoami({"name": "boss", "auth": {"accessToken": {"role": "admin"}}})
    assert admin.can_write is True
