"""`hfeval tables` and `hfeval extract` (not built yet)."""

from __future__ import annotations

import click


@click.command()
def tables() -> None:
    """Not built yet."""
    raise click.ClickException("hfeval tables is not built yet")


@click.command()
def extract() -> None:
    """Not built yet."""
    raise click.ClickException("hfeval extract is not built yet")
