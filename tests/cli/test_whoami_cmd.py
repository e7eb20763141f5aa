"""`hfeval whoami` and the token lookup behind every Hub call: HF_TOKEN, then the spec repo's
`.env`, then the token file `hf auth login` writes under HF_HOME; the token is never printed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from huggingface_hub import constants

from hfeval.cli import main
from hfeval.hub import Hub
from hfeval.sandbox import Sandbox, SandboxConfig, SandboxUser, start_sandbox

OTHER_USER_TOKEN = "hf_other_user_token_not_secret"  # tests/conftest.py maps it to other-user
DUMMY_TOKEN = "hf_dummy_test_token_not_secret"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def token_file() -> Iterator[Path]:
    """The file `hf auth login` writes ($HF_HOME/token); removed after the test."""
    path = Path(constants.HF_TOKEN_PATH)
    yield path
    path.unlink(missing_ok=True)


@pytest.fixture
def no_env_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HUGGING_FACE_HUB_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_whoami_shows_user_orgs_role_and_source_but_never_the_token(sandbox: Sandbox) -> None:
    code, out = run("whoami")
    assert code == 0, out
    assert out.splitlines()[0] == f"sandbox-user on {sandbox.url}"
    assert "orgs:  sandbox-org" in out
    assert 'token: "sandbox", role write, from the HF_TOKEN environment variable' in out
    assert "apply: auto commits to repos of sandbox-user, sandbox-org" in out
    assert DUMMY_TOKEN not in out
    code, out = run("whoami", "--json")
    document = json.loads(out)
    assert document["user"] == "sandbox-user" and document["orgs"] == ["sandbox-org"]
    assert document["token"] == {
        "name": "sandbox",
        "role": "write",
        "can_write": True,
        "source": "environment",
        "from": "the HF_TOKEN environment variable",
    }
    assert DUMMY_TOKEN not in out


def test_token_saved_by_hf_auth_login_is_used_without_hf_token(
    sandbox: Sandbox, no_env_token: Path, token_file: Path
) -> None:
    token_file.parent.mkdir(parents=True, exist_ok=True)
    token_file.write_text(OTHER_USER_TOKEN)
    code, out = run("whoami", "--json")
    assert code == 0, out
    document = json.loads(out)
    assert document["user"] == "other-user"
    assert document["token"]["source"] == "token-file"
    assert str(token_file) in document["token"]["from"]
    assert Hub().whoami().name == "other-user"  # the same token for reads and writes
    assert OTHER_USER_TOKEN not in out


def test_hf_token_in_dotenv_is_used_but_never_overrides_the_environment(
    sandbox: Sandbox, no_env_token: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (no_env_token / ".env").write_text(f'# local secrets\nHF_TOKEN="{OTHER_USER_TOKEN}"\n')
    code, out = run("whoami")
    assert code == 0, out
    assert out.startswith("other-user on ")
    assert "from HF_TOKEN in .env" in out
    assert Hub().whoami().name == "other-user"
    monkeypatch.setenv("HF_TOKEN", DUMMY_TOKEN)
    code, out = run("whoami")
    assert out.startswith("sandbox-user on ")
    assert Hub().whoami().name == "sandbox-user"


def test_no_token_anywhere_is_an_error_with_the_ways_to_log_in(
    no_env_token: Path, token_file: Path
) -> None:
    token_file.unlink(missing_ok=True)
    result = CliRunner().invoke(main, ["whoami"])
    assert result.exit_code == 1
    assert "Error: whoami: no Hugging Face token found" in result.stderr
    assert "hf auth login" in result.stderr and ".env" in result.stderr


def test_a_read_only_token_is_called_out(tmp_path: Path) -> None:
    server = start_sandbox(
        tmp_path / "hub",
        config=SandboxConfig(user=SandboxUser("reader", orgs=("acme",)), read_only=True),
    )
    try:
        code, out = run("whoami", "--endpoint", server.url)
        assert code == 0, out
        assert "role read" in out
        assert "the token lacks write access" in out
        code, out = run("whoami", "--endpoint", server.url, "--json")
        assert json.loads(out)["token"]["can_write"] is False
    finally:
        server.stop()


def test_plan_reads_hf_token_from_the_spec_repos_dotenv_from_any_directory(
    sandbox: Sandbox, no_env_token: Path, token_file: Path
) -> None:
    token_file.unlink(missing_ok=True)
    repo_id = "other-user/dotenv-planned"
    sandbox.store.create_repo(
        repo_id, {"README.md": "# x\n\n| MMLU | GSM8K |\n|---|---|\n| 1 | 2 |\n"}
    )
    spec_repo = no_env_token / "spec-repo"
    (spec_repo / "specs").mkdir(parents=True)
    (spec_repo / "hfeval.yaml").write_text("apply: auto\n")
    (spec_repo / ".env").write_text(f"HF_TOKEN={OTHER_USER_TOKEN}\n")
    (spec_repo / "specs" / "x.yaml").write_text(
        f"model: {repo_id}\nsources:\n  - readme: {{table: 1}}\n"
    )
    # Run from elsewhere: only the spec repo's .env can say who we are (auto -> direct commit).
    code, out = run("plan", str(spec_repo / "specs"), "--no-save")
    assert code == 0, out
    assert f"# {repo_id} will be updated by direct commit" in out
    assert OTHER_USER_TOKEN not in out
