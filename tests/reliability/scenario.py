"""A small spec repo and model card for the reliability scenarios, and checks that nothing was lost.

Every scenario plans and applies through the CLI (in-process, `CliRunner`) or a subprocess against
the shared sandbox Hub, then checks the card on the Hub: the body and the keys hfeval does not
manage are byte-for-byte the original ones, the planned scores are there, and the number of
commits and pull requests is exactly what one clean apply makes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from hfeval.card import parse_card
from hfeval.cli import main
from hfeval.sandbox import Sandbox

MODEL_LABEL = "rel-model"
FRONT = (
    "---\nlicense: apache-2.0  # kept as written\ntags:\n- text-generation\n- reliability\n---\n"
)
BODY = (
    "# Rel model\n\nA card for the reliability scenarios.\n\n## Results\n\n"
    f"| Benchmark | {MODEL_LABEL} | other-model |\n|---|---|---|\n"
    "| MMLU | 68.3 | 60.1 |\n| GSM8K | 55.0 | 40.2 |\n\nFooter text stays exactly as it is.\n"
)
CARD = FRONT + BODY
EXPECTED_SCORES = {"mmlu": 68.3, "gsm8k": 55.0}


@dataclass(frozen=True)
class Run:
    """One CLI run: exit code and its two streams."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def write_spec(work: Path, repo_id: str, *, apply_mode: str = "commit", extra: str = "") -> Path:
    """specs/<name>.yaml reading table 1 of the repo's own README."""
    specs = work / "specs"
    specs.mkdir(parents=True, exist_ok=True)
    path = specs / f"{repo_id.split('/')[1]}.yaml"
    path.write_text(
        f"model: {repo_id}\napply: {apply_mode}\nsources:\n"
        f"  - readme:\n      table: 1\n      model: {MODEL_LABEL}\n{extra}",
        encoding="utf-8",
    )
    return path


def cli(*args: str, env: dict[str, str] | None = None) -> Run:
    """`hfeval ARGS` in this process (cwd as set by the test)."""
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def cli_subprocess(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """`hfeval ARGS` in a child process (HF_ENDPOINT/HF_TOKEN inherited), so it can be killed."""
    command = [sys.executable, "-c", "from hfeval.cli import main; main()", *args]
    done = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def body_and_unmanaged(text: str) -> tuple[str, dict[str, object]]:
    """The README body and every front matter key except model-index."""
    card = parse_card(text, where="README.md")
    metadata = card.metadata()
    metadata.pop("model-index", None)
    return text.split("\n---\n", 1)[1], metadata


def scores(text: str) -> dict[str, float]:
    """metric type -> value over every model-index result hfeval wrote."""
    found: dict[str, float] = {}
    for entry in parse_card(text, where="README.md").get("model-index") or []:
        for result in entry.get("results", []):
            for metric in result.get("metrics", []):
                found[str(metric["type"])] = float(metric["value"])
    return found


def lost_data(sandbox: Sandbox, repo_id: str, revision: str = "main") -> list[str]:
    """What the card at `revision` lost compared with the original card plus the planned scores."""
    text = sandbox.store.read_file(repo_id, "README.md", revision).decode("utf-8")
    problems = []
    body, unmanaged = body_and_unmanaged(text)
    original_body, original_unmanaged = body_and_unmanaged(CARD + "")
    if "edited by another writer" not in body and body != original_body:
        problems.append("the README body changed")
    if unmanaged != original_unmanaged:
        problems.append("a key hfeval does not manage changed")
    if "license: apache-2.0  # kept as written" not in text:
        problems.append("an unmanaged line lost its exact bytes")
    got = scores(text)
    for name, value in EXPECTED_SCORES.items():
        if got.get(name) != value:
            problems.append(f"{name} is {got.get(name)!r}, planned {value}")
    return problems


def writes_and_losses(sandbox: Sandbox, repo_id: str, mode: str) -> tuple[int, list[str]]:
    """(commits or PRs hfeval made, what the written card lost) for a commit- or PR-mode apply."""
    if mode == "commit":
        return commits_after_seed(sandbox, repo_id), lost_data(sandbox, repo_id)
    assert commits_after_seed(sandbox, repo_id) == 0, "a PR-mode apply wrote to main"
    prs = pull_requests(sandbox, repo_id)
    return len(prs), lost_data(sandbox, repo_id, f"refs/pr/{prs[0]}") if prs else ["no PR"]


def commits_after_seed(sandbox: Sandbox, repo_id: str) -> int:
    """Commits on main since the repo was created (its first commit is the seed)."""
    return len(sandbox.store.history(repo_id)) - 1


def pull_requests(sandbox: Sandbox, repo_id: str) -> list[int]:
    return [pr.num for pr in sandbox.store.pull_requests(repo_id)]
