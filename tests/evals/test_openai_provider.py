"""inspect's `openai-api` provider against a local OpenAI-compatible server, through
`hfeval eval` and `hfeval plan` (needs the `openai` package: the inspect extra has it)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from openai_server import ChatServer
from test_eval_flow import write_spec

from hfeval.cli import main


@pytest.fixture
def chat_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ChatServer]:
    server = ChatServer(wrong=frozenset({"What is 6 * 7?"}))
    # openai-api/<service>/<model> reads <SERVICE>_BASE_URL and <SERVICE>_API_KEY.
    monkeypatch.setenv("LOCALCHAT_BASE_URL", server.url)
    monkeypatch.setenv("LOCALCHAT_API_KEY", "not-a-secret")
    yield server
    server.stop()


def test_openai_api_provider_runs_against_a_local_server(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    hub_repo: Callable[..., str],
    chat_server: ChatServer,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HFEVAL_CACHE_DIR", str(tmp_path / "cache"))
    repo_id = hub_repo()
    write_spec(
        tmp_path,
        repo_id,
        model="openai-api/localchat/acme-chat",
        model_args={},
        generate={"temperature": 0, "max_tokens": 16},
    )
    runner = CliRunner()
    result = runner.invoke(main, ["eval", "specs"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(chat_server.requests) == 5  # one chat completion per sample
    first = chat_server.requests[0]
    assert first["model"] == "acme-chat" and first["temperature"] == 0
    assert first["max_tokens"] == 16

    result = runner.invoke(main, ["plan", "specs", "--json", "--no-save"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (metric,) = [
        m for m in json.loads(result.stdout)["changes"][0]["metrics"] if m["file"] == "README.md"
    ]
    assert metric["after"] == 80.0  # 6 * 7 was answered 43
    assert metric["provenance"]["details"]["model"] == "openai-api/localchat/acme-chat"
