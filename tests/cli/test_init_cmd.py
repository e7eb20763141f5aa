"""`hfeval init` end to end: the spec it writes validates and plans, on every corpus card and
held-out fixture, through the CLI and the sandbox Hub (the README read as a local file, the model
repo on the sandbox)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from hfeval.cli import main
from hfeval.sandbox.server import Sandbox
from hfeval.spec import load_specs

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "tables" / "fixtures" / "heldout"
LABELS = YAML(typ="safe").load((ROOT / "tests" / "data" / "init_labels.yaml").read_text())
HELDOUT_LABELS = YAML(typ="safe").load(
    (ROOT / "tests" / "data" / "heldout_init_labels.yaml").read_text()
)
CORPUS = next(
    (p / "shared" / "corpus" / "real" for p in ROOT.parents if (p / "shared/corpus/real").is_dir()),
    ROOT.parent / "shared" / "corpus" / "real",
)


def run(*args: str, stdout_only: bool = False) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout if stdout_only else result.output


def _repo_for(card: Path, labels: dict[str, list[dict[str, object]]]) -> tuple[str, bool | None]:
    """The repo the card is labelled with, and whether it has own tables (None: not labelled)."""
    for entry in labels["cards"]:
        if entry["file"] == card.name:
            return str(entry["repo"]), bool(entry["own"])
    return f"cards/{card.stem.replace('_', '-')}", None


def _init_and_plan(
    sandbox: Sandbox, card: Path, repo: str, work: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    if not sandbox.store.exists(repo):
        sandbox.store.create_repo(repo, {"README.md": "---\nlicense: mit\n---\n# card\n"})
    monkeypatch.chdir(work)
    out = work / "specs" / f"{card.stem}.yaml"
    code, output = run("init", str(card), "--repo", repo, "--out", str(out))
    if code != 0:
        assert not out.exists()
        assert "no table was chosen" in output
        assert "# " in output  # the candidates and the verdicts, as comments
        return code, output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    [loaded] = load_specs([out]).specs
    assert loaded.spec.model == repo
    assert all(s.readme is not None and s.readme.file for s in loaded.spec.sources)
    code, planned = run(
        "plan", str(out), "--no-save", "--json", "--endpoint", sandbox.url, stdout_only=True
    )
    document = json.loads(planned)
    assert code == 0, planned
    assert not document.get("errors"), planned
    assert all(repo_plan.get("error") is None for repo_plan in document["changes"]), planned
    assert document["summary"]["repos"]["failed"] == 0, planned
    assert document["summary"]["metrics"]["add"] >= 1, planned
    return 0, text


CORPUS_CARDS = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []


@pytest.mark.corpus
@pytest.mark.parametrize("card", CORPUS_CARDS, ids=lambda p: p.stem)
def test_init_on_a_corpus_card_writes_a_spec_that_plans(
    card: Path, sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, has_own = _repo_for(card, LABELS)
    code, _ = _init_and_plan(sandbox, card, repo, tmp_path, monkeypatch)
    if has_own is not None:
        assert (code == 0) == has_own, "init writes a spec exactly for cards with own tables"


@pytest.mark.parametrize("card", sorted(HELDOUT.glob("*.md")), ids=lambda p: p.stem)
def test_init_on_a_heldout_fixture_writes_a_spec_that_plans(
    card: Path, sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whether init chooses at all is scored in tests/choose/test_init_labels.py; here, what it
    # writes must plan, and what it refuses must say why.
    repo, _ = _repo_for(card, HELDOUT_LABELS)
    _init_and_plan(sandbox, card, repo, tmp_path, monkeypatch)
