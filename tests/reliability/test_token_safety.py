"""A recognisable token sent through every path text leaves hfeval by: CLI output and errors,
logs, the saved plan, PR and commit texts, the apply report, exceptions from huggingface_hub
that quote headers, and a crash's traceback. It must appear in none. A read-only or
under-scoped token is refused before anything is sent."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from conftest import sandbox_config
from huggingface_hub.errors import HfHubHTTPError

import hfeval.hub as hub_module
from hfeval.errors import HubError
from hfeval.redaction import install_log_redaction, redact, register_secret
from hfeval.sandbox import Sandbox, SandboxUser, start_sandbox
from reliability.figures import Figures
from reliability.scenario import CARD, cli, pull_requests, write_spec

CANARY = "hf_CanaryTokenReliability0123456789abcdefXYZ"
OTHER_SECRET = "aa-key-canary-5f1e2d3c4b"  # not token-shaped: only known-secret redaction finds it


@pytest.fixture
def canary(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("HF_TOKEN", CANARY)
    monkeypatch.setenv("AA_API_KEY", OTHER_SECRET)
    return CANARY


def _check(figures: Figures, path: str, *texts: str) -> None:
    figures.token_paths.append(path)
    leaked = [t for t in texts if CANARY in t or OTHER_SECRET in t]
    figures.tokens_leaked += len(leaked)
    assert leaked == [], f"{path} leaked a secret"


def _leaky_body() -> str:
    return (
        '{"error": "upstream proxy said: Authorization: Bearer ' + CANARY + " x-api-key="
        + OTHER_SECRET + '"}'
    )  # fmt: skip


def test_a_hub_error_quoting_the_token_reaches_no_output_plan_or_report(
    sandbox: Sandbox, card_repo: str, work: Path, canary: str, no_wait: list[float],
    figures: Figures,
) -> None:  # fmt: skip
    write_spec(work, card_repo)
    sandbox.faults.add(
        method="GET", path_prefix=f"/api/models/{card_repo}", status=500, body=_leaky_body(),
        times=None,
    )  # fmt: skip
    planned = cli("plan", "specs")
    assert planned.code == 1 and "Hub request failed (500)" in planned.text
    _check(figures, "plan output with a Hub error", planned.out, planned.err)
    assert not (work / ".hfeval" / "plan.json").exists()  # a failed plan is not saved
    as_json = cli("plan", "specs", "--json", "--no-save")
    _check(figures, "plan --json", as_json.text)
    as_markdown = cli("plan", "specs", "--format", "markdown", "--no-save")
    _check(figures, "plan --format markdown", as_markdown.text)
    applied_with_error = cli("apply")
    _check(figures, "apply report with a plan error", applied_with_error.text)
    sandbox.faults.clear()

    assert cli("plan", "specs").code == 0
    _check(figures, "saved plan file", (work / ".hfeval" / "plan.json").read_text())
    _check(figures, "hfeval show", cli("show").text)
    sandbox.faults.add(
        method="POST", path_prefix=f"/api/models/{card_repo}/commit", status=403,
        body=_leaky_body(), times=None,
    )  # fmt: skip
    applied = cli("apply")
    assert applied.code == 1 and "403" in applied.err
    _check(figures, "apply report with a failed commit", applied.out, applied.err)


def test_pr_and_commit_texts_never_carry_the_token(
    sandbox: Sandbox, card_repo: str, work: Path, canary: str, figures: Figures
) -> None:
    write_spec(work, card_repo, apply_mode="pr")
    templates = work / "templates"
    templates.mkdir()
    (templates / "pr_description.j2").write_text(
        f"Pasted by mistake: token={CANARY} and {OTHER_SECRET}\n"
    )
    (templates / "pr_title.j2").write_text(f"Evals (auth: Bearer {CANARY})\n")
    assert cli("plan", "specs").code == 0
    applied = cli("apply")
    assert applied.code == 0, applied.text
    (num,) = pull_requests(sandbox, card_repo)
    texts = [repr(pr) for pr in sandbox.store.pull_requests(card_repo)]  # title and comments
    history = sandbox.store.history(card_repo, f"refs/pr/{num}")
    texts += [f"{commit.message}\n{commit.description}" for commit in history]
    _check(figures, "PR title, description and commit message", *texts)
    assert "Pasted by mistake" in "".join(texts)  # the template did reach the Hub, masked


def test_an_exception_from_huggingface_hub_with_headers_is_redacted(
    canary: str, figures: Figures
) -> None:
    request = httpx2.Request("GET", "http://hub.test/api/models/acme/x")
    response = httpx2.Response(502, request=request, json={"error": "bad gateway"})
    message = f"502 Bad Gateway; request headers: {{'authorization': 'Bearer {CANARY}'}}"

    def raising() -> None:
        raise HfHubHTTPError(message, response=response)

    with pytest.raises(HubError) as caught:
        hub_module.hub_call("acme/x", raising, retry=False)
    error = caught.value
    _check(figures, "HubError from an HfHubHTTPError", str(error), repr(error), error.message)

    def transport() -> None:
        raise httpx2.ConnectError(f"proxy refused Authorization: Bearer {CANARY}")

    with pytest.raises(HubError) as unreachable:
        hub_module.hub_call("acme/x", transport, retry=False)
    _check(figures, "HubError from a transport error", str(unreachable.value))


def test_an_internal_error_traceback_is_redacted(
    work: Path, canary: str, monkeypatch: pytest.MonkeyPatch, figures: Figures
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"bug while holding token {CANARY} (key {OTHER_SECRET})")

    monkeypatch.setattr("hfeval.cli.plan_cmd.plan_specs", crash)
    run = cli("plan", "specs")
    assert run.code == 1
    assert "internal error" in run.err and "RuntimeError" in run.err
    _check(figures, "internal error traceback", run.text)


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def test_log_records_are_redacted(log_stream: io.StringIO, canary: str, figures: Figures) -> None:
    install_log_redaction()
    logging.getLogger("huggingface_hub.utils").warning("Authorization: Bearer %s", CANARY)
    logging.getLogger("hfeval.hub").warning("retrying with key %s", OTHER_SECRET)
    try:
        raise ValueError(f"token {CANARY}")
    except ValueError:
        logging.getLogger("hfeval").exception("failed")
    text = log_stream.getvalue()
    assert "retrying with key" in text and "Traceback" in text
    _check(figures, "log records (message, args, traceback)", text)


def test_redact_masks_known_secrets_and_token_shapes(canary: str, figures: Figures) -> None:
    register_secret("custom-secret-value-123")
    text = redact(
        f"{CANARY} {OTHER_SECRET} custom-secret-value-123 xhf_abcdefghijklmnopqrstuvw "
        "Authorization: Basic dXNlcjpwYXNz cookie=session123"
    )
    assert "custom-secret" not in text and "abcdefghijkl" not in text
    assert redact("hf_hub_download failed") == "hf_hub_download failed"
    assert "dXNlcjpwYXNz" not in text and "session123" not in text
    _check(figures, "redact()", text)


@pytest.fixture
def scoped_hub(tmp_path: Path) -> Iterator[Sandbox]:
    """A private sandbox where `hf_readonly…` is read-only and two tokens are fine-grained."""
    config = sandbox_config(
        read_tokens=frozenset({"hf_readonly_token_0001"}),
        tokens={
            "hf_finegrained_read_0001": SandboxUser(
                "sandbox-user", token_role="fineGrained", permissions=("repo.content.read",)
            ),
            "hf_finegrained_write_001": SandboxUser(
                "sandbox-user", token_role="fineGrained", permissions=("repo.write",)
            ),
        },
    )
    hub = start_sandbox(tmp_path / "scoped-hub", config=config)
    yield hub
    hub.stop()


@pytest.mark.parametrize(
    ("token", "refused"),
    [
        ("hf_readonly_token_0001", 'read-only (whoami role "read")'),
        ("hf_finegrained_read_0001", "lacks repo.write"),
        ("hf_finegrained_write_001", None),
    ],
)
def test_a_token_that_may_not_write_is_refused_before_anything_is_sent(
    token: str, refused: str | None, scoped_hub: Sandbox, work: Path,
    monkeypatch: pytest.MonkeyPatch, figures: Figures,
) -> None:  # fmt: skip
    repo = "sandbox-user/scoped"
    scoped_hub.store.create_repo(repo, {"README.md": CARD}, author="sandbox-user")
    write_spec(work, repo)
    monkeypatch.setenv("HF_TOKEN", token)
    endpoint = ("--endpoint", scoped_hub.url)
    assert cli("plan", "specs", *endpoint).code == 0
    # Any POST reaching the Hub would use up this marker fault.
    marker = scoped_hub.faults.add(method="POST", path_prefix="/", status=599, times=None)
    applied = cli("apply", *endpoint)
    if refused is None:
        assert applied.code == 1 and "599" in applied.err  # it did try to write
        return
    assert applied.code == 1, applied.text
    assert refused in applied.err and "nothing was written" in applied.err
    assert scoped_hub.faults.injected == 0, "a write was sent"
    assert cli("apply", "--dry-run", *endpoint).code == 0  # a dry run needs no write access
    assert len(scoped_hub.store.history(repo)) == 1
    assert marker in scoped_hub.faults.pending()
    _check(figures, f"refusal message for {token[:14]}…", applied.text)


def test_a_token_in_content_hfeval_would_publish_refuses_the_repo(
    sandbox: Sandbox, card_repo: str, work: Path, canary: str, figures: Figures
) -> None:
    write_spec(work, card_repo, extra=f"      url: https://example.test/results?token={CANARY}\n")
    planned = cli("plan", "specs")
    assert planned.code == 1
    assert "would contain a token hfeval holds" in planned.text
    assert not (work / ".hfeval" / "plan.json").exists()
    applied = cli("apply", "--yes")
    assert applied.code == 1
    assert len(sandbox.store.history(card_repo)) == 1 and pull_requests(sandbox, card_repo) == []
    _check(figures, "card content with a token (refused)", planned.text, applied.text)
