"""`hfeval sandbox`: help text, a busy port, and a real run in a subprocess stopped with Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import httpx
from click.testing import CliRunner
from huggingface_hub import HfApi

from hfeval.cli import main
from hfeval.sandbox import Sandbox


def test_help_explains_the_command() -> None:
    result = CliRunner().invoke(main, ["sandbox", "--help"])
    assert result.exit_code == 0
    for option in ("--data", "--seed", "--host", "--port", "--user", "--org", "--read-only"):
        assert option in result.output
    assert "HF_ENDPOINT" in result.output


def test_a_busy_port_is_a_clean_error(tmp_path: Path, sandbox: Sandbox) -> None:
    result = CliRunner().invoke(
        main, ["sandbox", "--data", str(tmp_path), "--port", str(sandbox.port)]
    )
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{sandbox.port}" in result.output


def test_serves_a_seeded_hub_until_interrupted(tmp_path: Path) -> None:
    seed = tmp_path / "seed" / "acme" / "tiny"
    seed.mkdir(parents=True)
    (seed / "README.md").write_text("---\nlicense: mit\n---\n# Tiny\n")
    command = [
        sys.executable, "-c", "from hfeval.cli import main; main()", "sandbox",
        "--data", str(tmp_path / "data"), "--seed", str(tmp_path / "seed"), "--port", "0",
        "--user", "alice", "--org", "acme",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        banner = [process.stdout.readline() for _ in range(3)]
        assert banner[0].startswith("hfeval sandbox Hub serving 1 model repo(s)")
        assert banner[2].strip().startswith("export HF_ENDPOINT=http://127.0.0.1:")
        url = banner[2].strip().removeprefix("export HF_ENDPOINT=")
        api = HfApi(endpoint=url, token="anything")
        assert api.whoami()["name"] == "alice"
        assert api.model_info("acme/tiny").card_data["license"] == "mit"  # type: ignore[index]
        assert httpx.get(f"{url}/_sandbox/health").json() == {"status": "ok"}
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=20)
    assert process.returncode == 0, errors
    assert "stopping" in errors
