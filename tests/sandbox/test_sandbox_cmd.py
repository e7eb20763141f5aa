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


def test_faults_file_and_read_tokens_for_a_rehearsal(tmp_path: Path) -> None:
    seed = tmp_path / "seed" / "acme" / "tiny"
    seed.mkdir(parents=True)
    (seed / "README.md").write_text("---\nlicense: mit\n---\n# Tiny\n")
    faults = tmp_path / "faults.yaml"
    faults.write_text(
        "- {path_prefix: /api/models/acme/tiny, method: GET, status: 429, retry_after: 7}\n"
    )
    command = [
        sys.executable, "-c", "from hfeval.cli import main; main()", "sandbox",
        "--data", str(tmp_path / "data"), "--seed", str(tmp_path / "seed"), "--port", "0",
        "--read-token", "hf_readonly", "--write-token", "hf_writer", "--faults", str(faults),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        banner = [process.stdout.readline() for _ in range(4)]
        assert banner[1].startswith(f"injecting 1 fault(s) from {faults}")
        url = banner[3].strip().removeprefix("export HF_ENDPOINT=")
        rate_limited = httpx.get(f"{url}/api/models/acme/tiny")
        assert rate_limited.status_code == 429
        assert rate_limited.headers["RateLimit"] == '"api";r=0;t=7'
        assert httpx.get(f"{url}/api/models/acme/tiny").status_code == 200  # used up
        read_only = HfApi(endpoint=url, token="hf_readonly")
        assert read_only.whoami()["auth"]["accessToken"]["role"] == "read"
        writer = HfApi(endpoint=url, token="hf_writer")
        assert writer.whoami()["auth"]["accessToken"]["role"] == "write"
        unlisted = HfApi(endpoint=url, token="anything")
        assert unlisted.whoami()["auth"]["accessToken"]["role"] == "read"
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=20)
    assert process.returncode == 0, errors


def test_a_bad_faults_file_is_a_clean_error(tmp_path: Path) -> None:
    faults = tmp_path / "faults.yaml"
    faults.write_text("- {path_prefix: /, colour: red}\n")
    result = CliRunner().invoke(
        main, ["sandbox", "--data", str(tmp_path / "d"), "--port", "0", "--faults", str(faults)]
    )
    assert result.exit_code == 1
    assert "unknown fault fields: colour" in result.output
