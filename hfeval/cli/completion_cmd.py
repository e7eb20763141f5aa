"""`hfeval completion SHELL`: print the shell completion script (click's `_HFEVAL_COMPLETE`)."""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

COMPLETE_VAR = "_HFEVAL_COMPLETE"


@click.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the completion script for SHELL; source it from your shell's start-up file.

    Commands, options and choices complete with TAB. The script calls hfeval with
    _HFEVAL_COMPLETE set, which is click's completion protocol.

    \b
    Examples:
      hfeval completion bash >> ~/.bashrc
      hfeval completion zsh > "${fpath[1]}/_hfeval"
      hfeval completion fish > ~/.config/fish/completions/hfeval.fish
    """
    root = ctx.find_root()
    script_class = get_completion_class(shell)
    if script_class is None:  # click knows the three shells the Choice allows
        raise click.UsageError(f"no completion for {shell}")
    script = script_class(root.command, {}, root.info_name or "hfeval", COMPLETE_VAR)
    click.echo(script.source())
