"""Test-wide setup: point huggingface_hub at a local sandbox before anything imports it.

huggingface_hub reads HF_ENDPOINT once at import, so the sandbox port is chosen here, at conftest
import time, and the session fixture `sandbox_url` starts the server on it.
"""

from __future__ import annotations

import os
import socket
import tempfile


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


SANDBOX_PORT = _free_port()
SANDBOX_URL = f"http://127.0.0.1:{SANDBOX_PORT}"
os.environ["HF_ENDPOINT"] = SANDBOX_URL
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="hfeval-test-hf-home-")
os.environ["HF_TOKEN"] = "hf_dummy_test_token_not_secret"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
os.environ["HF_HUB_DISABLE_UPDATE_CHECK"] = "1"
os.environ.pop("HF_HUB_OFFLINE", None)
os.environ.pop("AA_API_KEY", None)
