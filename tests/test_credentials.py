"""`hfeval.credentials`: the order in which a token is looked for, decided without the network."""

from __future__ import annotations

from pathlib import Path

from hfeval.credentials import TokenSource, dotenv_token, token_source


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_environment_wins_over_dotenv_and_token_file(tmp_path: Path) -> None:
    write(tmp_path / ".env", "HF_TOKEN=from-dotenv\n")
    token_file = write(tmp_path / "token", "from-file\n")
    for variable in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"):
        environ = {variable: "from-env"}
        assert dotenv_token([tmp_path], environ) is None  # huggingface_hub reads it itself
        assert token_source([tmp_path], environ, token_file) == TokenSource("environment", variable)


def test_dotenv_fills_in_only_when_the_environment_has_none(tmp_path: Path) -> None:
    write(tmp_path / ".env", "export HF_TOKEN='from-dotenv'  \nAA_API_KEY=x\n")
    token_file = write(tmp_path / "token", "from-file\n")
    environ = {"HF_TOKEN": "   "}  # blank counts as unset, as huggingface_hub treats it
    assert dotenv_token([tmp_path], environ) == "from-dotenv"
    source = token_source([tmp_path], environ, token_file)
    assert source == TokenSource("dotenv", str(tmp_path / ".env"))
    assert source.describe() == f"HF_TOKEN in {tmp_path / '.env'}"


def test_first_root_with_a_token_is_used(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a" / ".env", "AA_API_KEY=only-aa\n")
    write(tmp_path / "b" / ".env", "HF_TOKEN=from-b\n")
    assert dotenv_token([tmp_path / "a", tmp_path / "b"], {}) == "from-b"


def test_token_file_then_nothing(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    assert token_source([tmp_path], {}, token_file) == TokenSource("none", None)
    assert token_source([tmp_path], {}, token_file).describe() == "no token found"
    write(token_file, "hf_saved\n")
    source = token_source([tmp_path], {}, token_file)
    assert source == TokenSource("token-file", str(token_file))
    assert "hf auth login" in source.describe()
    assert dotenv_token([tmp_path], {}) is None


def test_oidc_exchange_is_left_to_huggingface_hub(tmp_path: Path) -> None:
    write(tmp_path / ".env", "HF_TOKEN=from-dotenv\n")
    environ = {"HF_OIDC_RESOURCE": "https://huggingface.co"}
    assert dotenv_token([tmp_path], environ) is None
    assert token_source([tmp_path], environ).kind == "oidc"
