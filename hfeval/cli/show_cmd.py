"""`hfeval show` (not built yet)."""

from __future__ import annotations

import click


@click.command()
def show() -> None:
    """Not built yet."""
    raise click.ClickException("hfeval show is not built yet")
