"""Named points where a test can kill hfeval outright, to prove a rerun finishes the work.

`crash_point("apply-before-commit")` does nothing unless the environment variable
`HFEVAL_TEST_CRASH_AT` names that point; then the process sends itself SIGKILL, which no handler,
`finally` or atexit can soften: exactly what a killed CI job or a power cut does. The points are
placed around everything apply writes (the plan file, each commit or pull request).
"""

from __future__ import annotations

import os
import signal

CRASH_ENV = "HFEVAL_TEST_CRASH_AT"

POINTS = (
    "plan-file-written",  # `hfeval plan`: the new plan file written, not yet renamed into place
    "apply-checked",  # every repo read and decided, nothing sent yet
    "apply-before-commit",  # a commit or new PR about to be sent
    "apply-after-commit",  # the Hub answered the commit; nothing reported yet
)


def crash_point(name: str) -> None:
    """SIGKILL this process when HFEVAL_TEST_CRASH_AT is `name` (a test hook; see POINTS)."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
