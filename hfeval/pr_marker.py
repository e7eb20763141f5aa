"""The marker that ends every pull request description hfeval writes.

Its own module, so the planner (which looks for it to find hfeval's open PR) does not import
the apply machinery (templates, jinja2, publishing) just to read one string.
"""

from __future__ import annotations

PR_MARKER = "<!-- hfeval:managed -->"
