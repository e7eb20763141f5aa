"""`hfeval plan` (not built yet)."""

from __future__ import annotations

import click


@click.command()
def plan() -> None:
    """Not built yet."""
    raise click.ClickException("hfeval plan is not built yet")
