"""`hfeval whoami`: who hfeval would write as - account, orgs, token role and source, no token."""

from __future__ import annotations

import json

import click

from hfeval.cli.options import endpoint_option
from hfeval.credentials import NO_TOKEN_HINT, token_source
from hfeval.errors import HubError


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON document.")
@endpoint_option
def whoami(as_json: bool, endpoint: str | None) -> None:
    """Show the account hfeval would write as, its organisations and the token's role.

    The token is looked up as Hugging Face tools do: HF_TOKEN in the environment, else HF_TOKEN
    in the spec repo's .env, else the token saved by `hf auth login`. The token itself is never
    printed. `apply: auto` commits directly to repos of the account and its organisations and
    opens pull requests elsewhere.

    \b
    Examples:
      hfeval whoami
      hfeval whoami --json | jq -r .token.role
    """
    from hfeval.hub_listing import HubListing  # late: pulls in the Hub client

    source = token_source()
    if source.kind == "none":
        raise HubError("no Hugging Face token found", where="whoami", hint=NO_TOKEN_HINT)
    listing = HubListing(endpoint)
    account = listing.account()
    if as_json:
        document = {
            "endpoint": listing.endpoint,
            "user": account.name,
            "fullname": account.fullname,
            "orgs": list(account.orgs),
            "token": {
                "name": account.token_name,
                "role": account.token_role,
                "can_write": account.can_write,
                "source": source.kind,
                "from": source.describe(),
            },
        }
        click.echo(json.dumps(document, indent=2))
        return
    fullname = (
        f" ({account.fullname})" if account.fullname and account.fullname != account.name else ""
    )
    click.echo(f"{account.name}{fullname} on {listing.endpoint}")
    click.echo(f"  orgs:  {', '.join(account.orgs) or 'none'}")
    name = f'"{account.token_name}", ' if account.token_name else ""
    click.echo(f"  token: {name}role {account.token_role or 'unknown'}, from {source.describe()}")
    owners = ", ".join((account.name, *account.orgs))
    if account.can_write is None:
        click.echo(
            "A fine-grained token: what it may write depends on its scopes "
            "(repo.write for commits, discussion.write for pull requests)."
        )
    elif account.can_write is False:
        click.echo(
            'This token can only read: `hfeval apply` will fail with "the token lacks write '
            'access". Create a write token at https://huggingface.co/settings/tokens.'
        )
    else:
        click.echo(f"apply: auto commits to repos of {owners}; elsewhere it opens pull requests.")
