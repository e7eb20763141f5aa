"""`hfeval discover` on a sandbox Hub: text for people, `--ids` for pipes, `--json` for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from hfeval.cli import main
from hfeval.sandbox import Sandbox, SandboxConfig, SandboxUser, start_sandbox
from hfeval.sandbox.api_listing import set_model_stats

CARD = """# {name}

| Benchmark | {name} | Rival |
|-----------|--------|-------|
| MMLU      | 64.1   | 60.2  |
| GSM8K     | 55.0   | 49.3  |
| HellaSwag | 80.0   | 79.1  |
"""


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Sandbox]:
    server = start_sandbox(
        tmp_path / "hub", config=SandboxConfig(user=SandboxUser("acme"), models_page_size=1)
    )
    for name, downloads in (("lumen-7b", 10), ("lumen-13b", 30), ("plain", 20)):
        text = CARD.format(name=name) if name != "plain" else "# plain\n\nNo tables here.\n"
        server.store.create_repo(f"acme/{name}", {"README.md": text})
        set_model_stats(server.store, f"acme/{name}", downloads=downloads)
    server.store.create_repo("zeta/other", {"README.md": CARD.format(name="other")})
    yield server
    server.stop()


def run(hub: Sandbox, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["discover", "--endpoint", hub.url, *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_lines_start_with_the_repo_id_and_the_summary_goes_to_stderr(hub: Sandbox) -> None:
    code, out, err = run(hub, "--author", "acme", "--sort", "downloads")
    assert code == 0, err
    assert out.splitlines() == [
        "acme/lumen-13b  1 score table  30 downloads",
        "acme/lumen-7b   1 score table  10 downloads",
    ]
    assert "2 candidates among 3 models scanned (0 with model-index, 1 without score tables" in err
    assert "Next: hfeval init acme/lumen-13b" in err


def test_ids_and_json_forms(hub: Sandbox) -> None:
    code, out, _ = run(hub, "--sort", "downloads", "--ids", "--limit", "2")
    assert (code, out) == (0, "acme/lumen-13b\nacme/lumen-7b\n")
    code, out, _ = run(hub, "--json", "--author", "zeta")
    document = json.loads(out)
    assert document["candidates"] == [
        {
            "repo_id": "zeta/other",
            "score_tables": 1,
            "downloads": 0,
            "likes": 0,
            "trending_score": 0,
        }
    ]
    assert document["scanned"] == 1 and document["errors"] == []
