"""The rich console every command prints tables through: colour and width follow the stream.

On a terminal rich measures the window. Anywhere else (a pipe, a file, CI logs) the console is
as wide as it needs to be, so `hfeval tables FILE | cat` never breaks a line at 80 columns, and
colour is off unless FORCE_COLOR asks for it (NO_COLOR and --no-color always win).
"""

from __future__ import annotations

import sys

from rich.console import Console

from hfeval.cli.options import color_wanted

# Wide enough for any line hfeval prints; rich needs a number when there is no terminal.
PIPE_WIDTH = 100_000


def output_console(*, stderr: bool = False, no_color: bool = False) -> Console:
    """A console on stdout (or stderr): wraps only on a terminal, colours only when wanted."""
    stream = sys.stderr if stderr else sys.stdout
    terminal = stream.isatty()
    colour = color_wanted(no_color=no_color, isatty=terminal)
    return Console(
        stderr=stderr,
        highlight=False,
        width=None if terminal else PIPE_WIDTH,
        soft_wrap=not terminal,
        force_terminal=colour,
        no_color=not colour,
        color_system=("auto" if terminal else "standard") if colour else None,
    )
