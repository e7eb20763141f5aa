"""Artificial Analysis settings: environment variables first, then the spec repo's `.env`.

- `AA_API_KEY`: the API key (sent only as the `x-api-key` header).
- `AA_API_URL`: base URL, default `https://artificialanalysis.ai/api/v2`.
- `AA_API_FLAVOR`: `auto` (default), `language`, `language-free` or `classic` (`aa_client.py`).
- `HFEVAL_CACHE_DIR`: cache root, default `~/.cache/hfeval` (environment only; `aa_cache.py`).

A value set in the environment wins over the `.env` file, so CI secrets override a developer's
local file. The `.env` file sits at the spec repo root (next to `hfeval.yaml`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from hfeval.redaction import register_secret

DEFAULT_BASE_URL: Final = "https://artificialanalysis.ai/api/v2"


def read_dotenv(path: Path) -> dict[str, str]:
    """The `KEY=value` pairs of a `.env` file (`export`, quotes, `#` comments); {} if absent."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    values: dict[str, str] = {}
    for line in lines:
        text = line.strip()
        if not text or text.startswith("#") or "=" not in text:
            continue
        name, _, value = text.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[name.strip()] = value
    return values


def setting(name: str, spec_root: Path, environ: Mapping[str, str]) -> str | None:
    """One setting: a non-blank environment value, else the `.env` value, else None."""
    value = environ.get(name, "").strip() or read_dotenv(spec_root / ".env").get(name, "").strip()
    return value or None


def load_api_key(spec_root: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """`AA_API_KEY` from the environment, else from `<spec_root>/.env`, else None."""
    key = setting("AA_API_KEY", spec_root, os.environ if environ is None else environ)
    register_secret(key)  # redacted from every output like the Hub token
    return key
