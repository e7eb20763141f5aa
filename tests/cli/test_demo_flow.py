"""The demo as a test: plan (changes, exit 2) -> apply -> plan ("No changes", exit 0), on the
example specs and seed repos, through the CLI and the real huggingface_hub client."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_regressions.file_regression import FileRegressionFixture

from hfeval.card import parse_card
from hfeval.cli import main
from hfeval.sandbox.auth import SandboxConfig, SandboxUser
from hfeval.sandbox.server import Sandbox, start_sandbox

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "demo" / "hub"
GOLDEN = ROOT / "golden" / "demo"


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Sandbox, Path]]:
    """A private sandbox seeded with demo/hub (the `acme` org is the token's), and a copy of
    specs/ as the working directory."""
    server = start_sandbox(
        tmp_path / "data",
        seed_dir=SEED,
        config=SandboxConfig(user=SandboxUser("demo-user", orgs=("acme",))),
    )
    work = tmp_path / "work"
    shutil.copytree(ROOT / "specs", work / "specs")
    monkeypatch.chdir(work)
    monkeypatch.setenv("AA_API_URL", f"{server.url}/aa/api/v2")
    monkeypatch.setenv("AA_API_KEY", "demo-key")
    monkeypatch.setenv("HFEVAL_CACHE_DIR", str(tmp_path / "cache"))
    yield server, work
    server.stop()


def run(*args: str, stdout_only: bool = False) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout if stdout_only else result.output


def stable(text: str, endpoint: str) -> str:
    """Mask what differs between runs: sandbox commit shas (they hash a timestamp), content
    hashes of dated .eval_results files, the fingerprint over both, and the sandbox port."""
    text = text.replace(endpoint, "http://127.0.0.1:PORT")
    text = re.sub(r"sha256:[0-9a-f]{64}|\b[0-9a-f]{64}\b", "<sha256>", text)
    text = re.sub(r"\b[0-9a-f]{40}\b", "<commit>", text)
    return re.sub(r"(@ main )[0-9a-f]{7}\b", r"\1<sha7>", text)


def body_of(text: str) -> str:
    card = parse_card(text, where="README.md")
    if not card.has_front_matter:
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.split(newline + "---" + newline, 1)[1]


def test_plan_apply_plan_reaches_no_changes(
    demo: tuple[Sandbox, Path], file_regression: FileRegressionFixture
) -> None:
    server, work = demo
    endpoint = ("--endpoint", server.url)

    code, output = run("plan", "specs", "--detailed-exitcode", "--no-color", *endpoint)
    assert code == 2, output
    code_json, output_json = run(
        "plan", "specs", "--json", "--no-save", *endpoint, stdout_only=True
    )
    assert code_json == 0
    assert json.loads(output_json)["summary"]["metrics"]["add"] == 26
    for name, text in (("first_plan.txt", output), ("first_plan.json", output_json)):
        golden = stable(text, server.url).encode()
        file_regression.check(golden, binary=True, fullpath=GOLDEN / name)
    assert "Plan: 4 repos to update" in output and "1 repo unchanged" in output
    assert "# acme/borealis-13b will be updated via pull request" in output
    assert '+ mmlu          = 64.8    # README table 1, column "Aurora-7B-Instruct"' in output
    assert '(2 unmanaged results kept: "Open LLM Leaderboard")' in output
    saved = json.loads((work / ".hfeval" / "plan.json").read_text())
    assert saved["summary"]["repos"]["update"] == 4
    assert "hf_" not in json.dumps(saved)
    nimbus = next(repo for repo in saved["changes"] if repo["repo"] == "acme/nimbus-1b")
    assert [e["state"] for e in nimbus["evaluations"]] == ["pending"]  # the saved plan knows
    assert "? ../evals/arith.py@arith = (known after eval)" in output
    assert "+ gsm8k         = 41.62    # lm-evaluation-harness" in output  # a logs: source
    assert '1 evaluation known after eval (run "hfeval eval")' in output

    code, output = run("eval", "specs", *endpoint)
    assert code == 0, output
    assert "Evaluations: 1 done, 0 failed." in output
    code, output = run("plan", "specs", "--detailed-exitcode", "--no-color", *endpoint)
    assert code == 2, output
    assert "+ arith = 80.0    # inspect-ai ../evals/arith.py@arith accuracy 0.8" in output
    assert "known after eval" not in output

    code, output = run("apply", *endpoint)
    assert code == 0, output
    assert "Apply complete! Repos: 4 committed, 1 PR opened" in output

    code, output = run("plan", "specs", "--detailed-exitcode", "--no-color", *endpoint)
    assert code == 0, output
    assert "No changes. Hub metadata matches the specs (5 repos checked)." in output
    assert "# acme/borealis-13b: open pull request #1 already has these changes" in output
    code, output = run("eval", "specs", *endpoint)
    assert code == 0 and "No evaluations pending (1 stored)." in output

    for repo in ("acme/aurora-7b-instruct", "acme/cirrus-2-mini"):
        seeded = (SEED / repo / "README.md").read_bytes().decode()
        written = server.store.read_file(repo, "README.md").decode()
        assert body_of(written) == body_of(seeded), repo
        assert parse_card(written, where=repo).get("model-index")
    cirrus = server.store.read_file("acme/cirrus-2-mini", "README.md").decode()
    assert "\r\n" in cirrus and "\n" not in cirrus.replace("\r\n", "")
    aurora = parse_card(
        server.store.read_file("acme/aurora-7b-instruct", "README.md").decode(), where="aurora"
    )
    assert aurora.get("tags") == ["chat", "instruction-tuned"]
    for name in ("gpqa", "gsm8k", "mmlu_pro"):  # one file per benchmark, as HF names them
        assert server.store.read_file("acme/aurora-7b-instruct", f".eval_results/{name}.yaml")


def test_two_applies_in_pr_mode_leave_exactly_one_pr(demo: tuple[Sandbox, Path]) -> None:
    server, work = demo
    endpoint = ("--endpoint", server.url)
    selection = ("--select", "acme/borealis-13b")
    code, output = run("plan", "specs", *selection, "--no-color", *endpoint)
    assert code == 0, output
    code, output = run("apply", *endpoint)
    assert code == 0, output
    # The open PR already holds the changes: nothing is saved and apply is not suggested.
    code, output = run("plan", "specs", *selection, "--no-color", *endpoint)
    assert code == 0, output
    assert not (work / ".hfeval" / "plan.json").exists()
    assert "hfeval apply" not in output
    code, output = run("apply", "--yes", *selection, *endpoint)
    assert code == 0, output
    prs = server.store.pull_requests("acme/borealis-13b")
    assert [(pr.num, pr.status) for pr in prs] == [(1, "open")]
    readme = server.store.read_file("acme/borealis-13b", "README.md", "refs/pr/1").decode()
    blocks = parse_card(readme, where="pr").get("model-index")[0]["results"]
    sources = [b["source"]["name"] for b in blocks]
    assert sources.count("Open LLM Leaderboard") == 2 and sources.count("Model README") == 4
    main_readme = server.store.read_file("acme/borealis-13b", "README.md").decode()
    assert main_readme == (SEED / "acme/borealis-13b/README.md").read_text()
