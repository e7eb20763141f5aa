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


# --- sandbox Hub fixtures (owned by the sandbox helper) ------------------------------------------

import itertools  # noqa: E402
import re  # noqa: E402
from collections.abc import Callable, Iterator, Mapping  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from hfeval.sandbox import Sandbox, SandboxConfig, SandboxUser, start_sandbox  # noqa: E402
from hfeval.sandbox.api_benchmarks import seed_benchmarks  # noqa: E402

SANDBOX_USER = "sandbox-user"
SANDBOX_ORG = "sandbox-org"
# A second account, for "someone else opened this PR" tests: pass token=OTHER_USER_TOKEN.
OTHER_USER = "other-user"
OTHER_USER_TOKEN = "hf_other_user_token_not_secret"
DEFAULT_README = "---\nlicense: apache-2.0\n---\n# Test model\n\nA model card for tests.\n"

HubRepoFactory = Callable[..., str]
_repo_numbers = itertools.count(1)


def sandbox_config(**overrides: Any) -> SandboxConfig:
    """The test sandbox's settings: `sandbox-user` (in `sandbox-org`) for HF_TOKEN, and
    `other-user` for OTHER_USER_TOKEN. Overrides go to `SandboxConfig` (e.g. read_only=True)."""
    settings: dict[str, Any] = {
        "user": SandboxUser(SANDBOX_USER, orgs=(SANDBOX_ORG,)),
        "tokens": {OTHER_USER_TOKEN: SandboxUser(OTHER_USER)},
    }
    settings.update(overrides)
    return SandboxConfig(**settings)


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """The shared sandbox Hub at HF_ENDPOINT (SANDBOX_URL), for the whole test session.

    Every test that talks to the Hub through `huggingface_hub` reaches this server, because
    HF_ENDPOINT points at it. Tests share it, so create your own repos with `hub_repo` rather than
    relying on fixed names. Use `sandbox.store` to set up or inspect state without HTTP
    (`store.commit_files(...)` moves a branch under a client's feet, `store.read_files(...)`,
    `store.pull_requests(...)`), and `sandbox.faults.add(...)` to inject 429/5xx/slow answers
    (faults left over when a test ends are cleared). For a read-only or namespace-enforcing Hub,
    start a private one with `start_sandbox(tmp_path, config=sandbox_config(read_only=True))`.
    """
    hub = start_sandbox(
        tmp_path_factory.mktemp("sandbox-hub"), port=SANDBOX_PORT, config=sandbox_config()
    )
    # The Hub's launch benchmarks (with eval.yaml), so eval-results plans can be published.
    seed_benchmarks(hub.store)
    yield hub
    hub.stop()


@pytest.fixture(scope="session")
def sandbox_url(sandbox: Sandbox) -> str:
    """The shared sandbox's URL (equal to HF_ENDPOINT)."""
    return sandbox.url


@pytest.fixture(autouse=True)
def _clear_sandbox_faults(request: pytest.FixtureRequest) -> Iterator[None]:
    """Drop faults a test registered on the shared sandbox but did not use up."""
    yield
    if "sandbox" in request.fixturenames:
        request.getfixturevalue("sandbox").faults.clear()


@pytest.fixture
def hub_repo(sandbox: Sandbox, request: pytest.FixtureRequest) -> HubRepoFactory:
    """A factory for uniquely named model repos on the shared sandbox; returns the repo id.

        repo_id = hub_repo({"README.md": card_text})            # sandbox-user/<test>-<n>
        repo_id = hub_repo(namespace="allenai", name="Olmo-3")   # allenai/Olmo-3-<n>
        repo_id = hub_repo(author=OTHER_USER)                    # first commit by someone else

    `files` defaults to a small README with a licence; contents may be `str` or `bytes`. The repo
    is written straight into the store (first commit holds exactly `files`), with no metadata
    check, so invalid cards can be set up on purpose.
    """
    test_name = re.sub(r"[^A-Za-z0-9]+", "-", request.node.name).strip("-")[:60] or "repo"

    def make(
        files: Mapping[str, bytes | str] | None = None,
        *,
        namespace: str = SANDBOX_USER,
        name: str | None = None,
        author: str | None = None,
        repo_type: str = "model",
    ) -> str:
        repo_id = f"{namespace}/{name or test_name}-{next(_repo_numbers)}"
        sandbox.store.create_repo(
            repo_id,
            {"README.md": DEFAULT_README} if files is None else files,
            author=author or namespace,
            repo_type=repo_type,
        )
        return repo_id

    return make


@pytest.fixture(scope="session")
def other_user_token(sandbox: Sandbox) -> str:
    """A token the shared sandbox maps to `other-user` (HF_TOKEN acts as `sandbox-user`)."""
    return OTHER_USER_TOKEN
