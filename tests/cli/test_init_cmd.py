"""`hfeval init` end to end: the spec it writes validates and plans, on every corpus card and
held-out fixture, through the CLI and the sandbox Hub (the README read as a local file, the model
repo on the sandbox)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmark_modules import benchmark_module
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
CORPUS: Path = benchmark_module("init_choices").DEFAULT_CORPUS


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


AURORA = (ROOT / "tests" / "choose" / "fixtures" / "aurora_card.md").read_text(encoding="utf-8")


@pytest.fixture
def aurora(sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A Hub repo whose card is the Aurora fixture; the working directory is a fresh folder."""
    repo = "init-demo/aurora-7b-instruct"
    if not sandbox.store.exists(repo):
        sandbox.store.create_repo(repo, {"README.md": AURORA})
    monkeypatch.chdir(tmp_path)
    return repo


def test_init_on_a_repo_id_fills_model_and_plans(aurora: str, sandbox: Sandbox) -> None:
    code, output = run("init", aurora)
    assert code == 0, output
    path = Path("specs") / f"{aurora}.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"model: {aurora}\n" in text
    assert '      table: 3  # "Instruction-tuned models", models as columns, 2 score(s)\n' in text
    assert '      model: "Aurora-7B-Instruct"  # matches' in text
    assert 'marked as the card\'s own; bold; not "Aurora-7B-Base"\n' in text
    assert '# - readme: {table: 4, model: "Aurora-7B-Base"}  # other model:' in text
    assert "file:" not in text
    assert '# table 2: heading "Hyperparameters" describes the model' in text
    code, planned = run("plan", str(path), "--no-save", "--endpoint", sandbox.url, "--no-color")
    assert code == 0, planned
    assert 'README table 3, column "Aurora-7B-Instruct"' in planned
    code, again = run("init", aurora)
    assert code == 1 and "exists" in again


def test_init_json_carries_reasons_and_runners_up(aurora: str) -> None:
    code, output = run("init", aurora, "--json")
    assert code == 0
    document = json.loads(output)
    assert document["chosen"] == [3]
    table = next(t for t in document["tables"] if t["table"] == 3)
    assert table["verdict"] == "own"
    labels = [c["label"] for c in table["candidates"]]
    assert labels[0] == "Aurora-7B-Instruct"
    assert "Aurora-7B-Base" in labels
    assert all(c["reason"] for c in table["candidates"])
    assert document["names"][0] == {"text": "aurora-7b-instruct", "from": "repo id"}


def test_init_with_a_local_file_writes_a_relative_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "aurora.md").write_text(AURORA, encoding="utf-8")
    out = tmp_path / "specs" / "deep" / "aurora.yaml"
    code, output = run(
        "init", "cards/aurora.md", "--repo", "acme/aurora-7b-instruct", "--out", str(out)
    )
    assert code == 0, output
    [loaded] = load_specs([out]).specs
    source = loaded.spec.sources[0].readme
    assert source is not None and source.file == "../../cards/aurora.md"
    resolved = loaded.readme_file(source)
    assert resolved is not None
    assert resolved.resolve() == (tmp_path / "cards" / "aurora.md").resolve()


def test_init_without_a_repo_guesses_a_placeholder_it_says_is_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "aurora.md").write_text(AURORA, encoding="utf-8")
    code, output = run("init", "aurora.md", "--stdout")
    assert code == 0, output
    assert "model: your-org/aurora-7b-instruct  # a guess from the card's title" in output


def test_readme_without_table_is_decided_at_plan_time_and_shown(
    aurora: str, sandbox: Sandbox
) -> None:
    spec = Path("specs") / "aurora.yaml"
    spec.parent.mkdir()
    spec.write_text(f"model: {aurora}\nsources:\n  - readme: {{}}\n", encoding="utf-8")
    code, planned = run("plan", str(spec), "--no-save", "--endpoint", sandbox.url, "--no-color")
    assert code == 0, planned
    assert 'README table 3 (chosen), column "Aurora-7B-Instruct"' in planned
    assert "readme: {} chose README table 3" in planned


def test_all_tables_also_writes_tables_that_repeat_chosen_scores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    table = "| Model | MMLU |\n|---|---|\n| Orion-7b | 58.4 |\n| Orion-70b | 70.1 |\n"
    Path("card.md").write_text(f"# Orion-7B\n\n{table}\n## 中文\n\n{table}", encoding="utf-8")
    code, default = run("init", "card.md", "--repo", "orion/Orion-7B", "--stdout")
    assert code == 0
    assert default.count("  - readme:") == 1
    assert '# - readme: {file: "card.md", table: 2, model: "Orion-7b"}  # repeat:' in default
    code, everything = run(
        "init", "card.md", "--repo", "orion/Orion-7B", "--stdout", "--all-tables"
    )
    assert code == 0
    assert everything.count("  - readme:") == 2
