"""`hfeval validate` (not built yet)."""

from __future__ import annotations

import click


@click.command()
def validate() -> None:
    """Not built yet."""
    raise click.ClickException("hfeval validate is not built yet")
