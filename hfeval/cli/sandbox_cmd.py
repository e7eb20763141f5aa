"""`hfeval sandbox` (not built yet)."""

from __future__ import annotations

import click


@click.command()
def sandbox() -> None:
    """Not built yet."""
    raise click.ClickException("hfeval sandbox is not built yet")
