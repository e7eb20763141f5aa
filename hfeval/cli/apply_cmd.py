"""`hfeval apply` (not built yet)."""

from __future__ import annotations

import click


@click.command()
def apply() -> None:
    """Not built yet."""
    raise click.ClickException("hfeval apply is not built yet")
