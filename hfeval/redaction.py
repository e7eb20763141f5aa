"""Token redaction at the edge: the one function that scrubs secrets from text leaving hfeval.

Secrets reach text in surprising ways (a client exception that quotes request headers, a proxy
error page echoing `Authorization`). Rather than trusting every message to be clean, `redact` runs
where text leaves the process: rendered errors (`hfeval.cli`), log records (`RedactingFilter`),
the saved plan file, commit and PR texts, and messages built from Hub answers (`hfeval.hub`).

It removes the secrets it knows (HF_TOKEN, the token huggingface_hub would send, AA_API_KEY and
anything `register_secret` was given) and anything shaped like one: `hf_…` tokens and the value
of `Authorization`, `X-Api-Key` and `Cookie` headers.
"""

from __future__ import annotations

import logging
import os
import re
import threading

MASK = "hf_***"
_SECRET_ENV = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "AA_API_KEY")
_MIN_SECRET_LENGTH = 12  # shorter values ("anything", a demo key) would mask ordinary words

# Hub tokens are "hf_" and 30-odd letters and digits; glued to other text they still count.
_TOKEN_SHAPE = re.compile(r"hf_[A-Za-z0-9]{20,}")
_HEADER_VALUE = re.compile(
    r"(?i)(\b(?:authorization|x-api-key|cookie|set-cookie)['\"]?\s*[:=]\s*['\"]?)"
    r"(?:(?:bearer|basic)\s+)?[^\s'\",;}]+"
)
_BEARER = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=\-]{6,}")

_registered: set[str] = set()
_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Remember a secret (e.g. a token passed with --token) so `redact` removes it everywhere."""
    if value and len(value) >= _MIN_SECRET_LENGTH:
        with _lock:
            _registered.add(value)


def known_secrets() -> list[str]:
    """Every secret value hfeval may hold right now, longest first."""
    found = {os.environ.get(name, "") for name in _SECRET_ENV}
    try:
        from huggingface_hub import get_token

        found.add(get_token() or "")
    except Exception:  # no token file, unreadable HF_HOME: nothing more to hide
        pass
    with _lock:
        found |= _registered
    return sorted((s for s in found if len(s) >= _MIN_SECRET_LENGTH), key=len, reverse=True)


def contains_secret(text: str) -> bool:
    """True when `text` holds a secret hfeval knows (exact values only, no shapes)."""
    return any(secret in text for secret in known_secrets())


def redact_known(text: str) -> str:
    """`text` with every known secret value replaced by a mask (no pattern matching)."""
    for secret in known_secrets():
        text = text.replace(secret, MASK)
    return text


def redact(text: str) -> str:
    """`text` with every known secret and token-shaped string replaced by a mask."""
    text = redact_known(text)
    text = _HEADER_VALUE.sub(lambda m: m.group(1) + MASK, text)
    text = _BEARER.sub(lambda m: m.group(1) + MASK, text)
    return _TOKEN_SHAPE.sub(MASK, text)


class RedactingFilter(logging.Filter):
    """A logging filter that renders each record's message once and redacts it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            # The traceback text is formatted later from exc_info; fold it in redacted now.
            formatter = logging.Formatter()
            cleaned += "\n" + redact(formatter.formatException(record.exc_info))
            record.exc_info = None
            record.exc_text = None
        record.msg, record.args = cleaned, None
        return True


def install_log_redaction() -> None:
    """Redact every record that reaches a handler of the root, hfeval or huggingface_hub loggers.

    With no handler configured, warnings would go to logging's last-resort handler, which takes
    no filters; a redacting stderr handler at WARNING stands in for it.
    """
    root = logging.getLogger()
    if not root.handlers:
        fallback = logging.StreamHandler()
        fallback.setLevel(logging.WARNING)
        root.addHandler(fallback)
    for name in (None, "hfeval", "huggingface_hub"):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(RedactingFilter())
