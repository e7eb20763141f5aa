"""Plan renderers: text for terminals, markdown for PR comments, JSON for machines.

All three read one `Plan` and the numbers in `plan.summary`; none computes a count of its own.
"""

from __future__ import annotations

from hfeval.render.json_ import render_json
from hfeval.render.markdown import render_markdown
from hfeval.render.text import render_text

__all__ = ["render_json", "render_markdown", "render_text"]
