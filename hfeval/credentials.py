"""Which Hugging Face token hfeval writes with, and where it came from (never the token itself).

The order is the one Hugging Face users expect, with the spec repo's `.env` slotted in where
python-dotenv would put it (it fills the environment, never overrides it):

1. `HF_TOKEN` (or the legacy `HUGGING_FACE_HUB_TOKEN`) in the environment, and an OIDC exchange
   when `HF_OIDC_RESOURCE` is set (huggingface_hub does both itself);
2. `HF_TOKEN` in `.env` at the spec repo root (the directory hfeval runs from, or the spec set's
   root) - the same file the Artificial Analysis key is read from;
3. the token file `hf auth login` saved (`$HF_HOME/token`, or `HF_TOKEN_PATH`).

Only step 2 needs hfeval: `dotenv_token` returns that token so the Hub client can be given it
explicitly; in every other case hfeval passes no token and huggingface_hub's own `get_token()`
resolves it. `token_source` describes the outcome for `hfeval whoami` and error hints.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from hfeval.sources.aa_settings import read_dotenv

TOKEN_VARIABLES = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")
NO_TOKEN_HINT = (
    "set HF_TOKEN, run `hf auth login`, or put HF_TOKEN=... in the spec repo's .env "
    "(create a token at https://huggingface.co/settings/tokens)"
)

SourceKind = Literal["environment", "oidc", "dotenv", "token-file", "none"]


@dataclass(frozen=True)
class TokenSource:
    """Where the token in effect comes from; `where` names the variable or file."""

    kind: SourceKind
    where: str | None

    def describe(self) -> str:
        if self.kind == "environment":
            return f"the {self.where} environment variable"
        if self.kind == "oidc":
            return "an OIDC token exchange (HF_OIDC_RESOURCE)"
        if self.kind == "dotenv":
            return f"HF_TOKEN in {self.where}"
        if self.kind == "token-file":
            return f"the token file {self.where} (saved by `hf auth login`)"
        return "no token found"


def _env_token(environ: Mapping[str, str]) -> str | None:
    return next((name for name in TOKEN_VARIABLES if environ.get(name, "").strip()), None)


def dotenv_token(
    roots: Sequence[Path] = (Path("."),), environ: Mapping[str, str] | None = None
) -> str | None:
    """HF_TOKEN from the first `.env` under `roots` that sets it, unless the environment has one.

    None also when an OIDC exchange is configured: that is an explicit choice of the CI setup.
    """
    env = os.environ if environ is None else environ
    if _env_token(env) or env.get("HF_OIDC_RESOURCE"):
        return None
    for root in roots:
        value = read_dotenv(root / ".env").get("HF_TOKEN", "").strip()
        if value:
            return value
    return None


def token_source(
    roots: Sequence[Path] = (Path("."),),
    environ: Mapping[str, str] | None = None,
    token_path: Path | None = None,
) -> TokenSource:
    """Where the token hfeval would send comes from, following the order in the module doc."""
    env = os.environ if environ is None else environ
    if env.get("HF_OIDC_RESOURCE"):
        return TokenSource("oidc", None)
    variable = _env_token(env)
    if variable:
        return TokenSource("environment", variable)
    for root in roots:
        if read_dotenv(root / ".env").get("HF_TOKEN", "").strip():
            return TokenSource("dotenv", str(root / ".env"))
    path = token_path or _default_token_path()
    try:
        saved = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        saved = ""
    return TokenSource("token-file", str(path)) if saved else TokenSource("none", None)


def _default_token_path() -> Path:
    # Imported late: huggingface_hub reads HF_ENDPOINT and HF_HOME once, at import.
    from huggingface_hub import constants

    return Path(constants.HF_TOKEN_PATH)
