"""Artificial Analysis-compatible endpoint served by the sandbox (INTERFACE SKELETON).

The sandbox server routes every request whose path starts with `/aa/` here.
"""

from __future__ import annotations


def handle(
    method: str, path: str, query: dict[str, list[str]], headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    """Answer one request; `path` is the part after `/aa` (e.g. `/api/v2/data/llms/models`)."""
    return 404, {"Content-Type": "application/json"}, b'{"error": "not implemented"}'
