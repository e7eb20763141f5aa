"""Publishing `.eval_results` against the sandbox Hub, through the CLI and huggingface_hub:
the official list and eval.yaml tasks, duplicates on main and in another user's open PR, the
Hub's verdict after apply, `validate --hub`, and `--fail-on-disagreement`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hfeval.cli import main
from hfeval.hub import Hub
from hfeval.hub_benchmarks import BenchmarkReader
from hfeval.sandbox import Sandbox

RepoFactory = Callable[..., str]
OTHER = "other-user"
CARD = "---\nlicense: mit\n---\n# m\n\n| Benchmark | m |\n|---|---|\n| GPQA Diamond | 41.7 |\n"
THEIRS = (
    "- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n  value: {value}\n"
    "  source:\n    url: https://example.org/paper\n    name: Paper\n"
)


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_spec(
    repo_id: str,
    *,
    config: str = "",
    sources: str = "  - readme: {table: 1, model: m}\n",
    apply: str = "commit",
) -> None:
    Path("specs").mkdir(exist_ok=True)
    Path("hfeval.yaml").write_text("targets: [eval-results]\n" + config)
    Path("specs/m.yaml").write_text(f"model: {repo_id}\napply: {apply}\nsources:\n{sources}")


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_reader_lists_official_benchmarks_and_reads_their_tasks(hub_repo: RepoFactory) -> None:
    plain = hub_repo({"README.md": "# data\n"}, namespace="bench", repo_type="dataset")
    reader = BenchmarkReader(Hub())
    official = reader.official()
    assert {"idavidrein/gpqa", "openai/gsm8k", "cais/hle", "tiger-lab/mmlu-pro"} <= official
    assert plain.lower() not in official
    assert reader.tasks("Idavidrein/gpqa") == ("diamond", "main")
    assert reader.tasks(plain) is None
    assert reader.official() is official  # cached for the run


def test_another_users_open_pr_with_another_score_is_a_conflict(
    sandbox: Sandbox, hub_repo: RepoFactory
) -> None:
    repo = hub_repo({"README.md": CARD})
    sandbox.store.commit_files(
        repo, {".eval_results/gpqa.yaml": THEIRS.format(value=39.0)}, author=OTHER, create_pr=True
    )
    write_spec(repo)
    result = cli("plan", "specs", "--no-color", "--detailed-exitcode")
    assert result.exit_code == 0, result.output  # nothing to write
    assert (
        "! score conflict: Idavidrein/gpqa diamond is 39.0 in .eval_results/gpqa.yaml in open "
        f"PR #1 by {OTHER}; the spec says 41.7" in result.output
    )
    assert "1 conflict" in result.output or "conflict" in result.output.splitlines()[-2]


def test_the_same_score_on_main_or_in_an_open_pr_is_already_present(
    sandbox: Sandbox, hub_repo: RepoFactory
) -> None:
    on_main = hub_repo(
        {"README.md": CARD, ".eval_results/gpqa_diamond.yaml": THEIRS.format(value=41.7)}
    )
    write_spec(on_main)
    result = cli("plan", "specs", "--no-color", "--detailed-exitcode", "--show-unchanged")
    assert result.exit_code == 0, result.output
    assert (
        "already present: Idavidrein/gpqa diamond = 41.7 is in "
        ".eval_results/gpqa_diamond.yaml on main" in result.output
    )

    in_pr = hub_repo({"README.md": CARD})
    sandbox.store.commit_files(
        in_pr, {".eval_results/gpqa.yaml": THEIRS.format(value=41.7)}, author=OTHER, create_pr=True
    )
    write_spec(in_pr)
    result = cli("plan", "specs", "--no-color", "--detailed-exitcode", "--show-unchanged")
    assert result.exit_code == 0, result.output
    assert f"is in .eval_results/gpqa.yaml in open PR #1 by {OTHER}" in result.output


def benchmark(hub_repo: RepoFactory, tasks: list[str]) -> str:
    eval_yaml = "name: Bench\nevaluation_framework: inspect-ai\ntasks:\n" + "".join(
        f"  - id: {t}\n" for t in tasks
    )
    return hub_repo({"eval.yaml": eval_yaml}, namespace="bench", repo_type="dataset")


def registry(dataset: str, task: str) -> str:
    return (
        "registry:\n  - id: gpqa_diamond\n"
        f"    eval_results_dataset: {dataset}\n    eval_results_task: {task}\n"
    )


def test_task_ids_are_checked_against_the_benchmarks_eval_yaml(hub_repo: RepoFactory) -> None:
    repo = hub_repo({"README.md": CARD})
    several = benchmark(hub_repo, ["alpha", "beta"])
    write_spec(repo, config=registry(several, "gpqa_diamond"))
    result = cli("plan", "specs", "--no-color", "--verbose")
    assert result.exit_code == 0, result.output
    assert (
        f"not publishable to .eval_results: \"GPQA Diamond\" (task id 'gpqa_diamond' is not a "
        f"task of {several}'s eval.yaml (alpha, beta))" in result.output
    )
    single = benchmark(hub_repo, ["only"])
    write_spec(repo, config=registry(single, "gpqa_diamond"))
    result = cli("plan", "specs", "--no-color")
    assert f"+ {single} only = 41.7" in result.output


@pytest.mark.parametrize("mode", ["commit", "pr"])
def test_apply_reports_the_hubs_error_item(
    sandbox: Sandbox, hub_repo: RepoFactory, mode: str
) -> None:
    repo = hub_repo({"README.md": CARD})
    dataset = benchmark(hub_repo, ["alpha"])
    write_spec(repo, config=registry(dataset, "alpha"), apply=mode)
    assert cli("plan", "specs", "--no-color").exit_code == 0
    # The benchmark renames its task between plan and apply: the Hub now rejects the file.
    sandbox.store.commit_files(
        dataset, {"eval.yaml": "tasks:\n  - id: beta\n"}, repo_type="dataset"
    )
    result = cli("apply")
    name = dataset.split("/")[1].lower().replace("-", "_")
    assert result.exit_code == 1, result.output
    where = repo if mode == "commit" else f"{repo}@refs/pr/1"  # a PR is read at its revision
    assert (
        f"Hub verdict: {where}: the Hub rejected .eval_results/{name}.yaml (a file hfeval wrote): "
        '"[0].dataset.task_id" must be one of [beta]' in result.output
    )


def test_validate_hub_checks_repos_hfeval_did_not_write(hub_repo: RepoFactory) -> None:
    good = hub_repo({".eval_results/gpqa.yaml": THEIRS.format(value=41.7)})
    bad = hub_repo(
        {
            ".eval_results/broken.yaml": "- dataset: {id: cais/hle}\n  value: 3\n",
            ".eval_results/wrong_task.yaml": THEIRS.format(value=1.0).replace(
                "diamond", "gpqa_diamond"
            ),
            ".eval_results/not_official.yaml": THEIRS.format(value=1.0).replace(
                "Idavidrein/gpqa", "cais/mmlu"
            ),
        }
    )
    result = cli("validate", "--hub", good)
    assert result.exit_code == 0, result.output
    assert f"OK: {good}" in result.output
    result = cli("validate", "--hub", bad)
    assert result.exit_code == 1
    out = result.output
    assert (
        f'{bad}: check failed for .eval_results/broken.yaml: "[0].dataset.task_id" is required'
        in out
    )
    assert f"{bad}: the Hub rejected .eval_results/broken.yaml" in out
    assert "gpqa_diamond is not a task of Idavidrein/gpqa (eval.yaml tasks: diamond, main)" in out
    assert "cais/mmlu is not an official benchmark" in out
    assert f"{bad}: the Hub rejected .eval_results/wrong_task.yaml" in out


def test_fail_on_disagreement_makes_a_disagreement_an_error(hub_repo: RepoFactory) -> None:
    repo = hub_repo({"README.md": CARD})
    Path("specs").mkdir()
    Path("specs/other.md").write_text(CARD.replace("41.7", "65.2"))
    sources = (
        "  - readme: {table: 1, model: m}\n"
        "  - readme: {file: other.md, table: 1, model: m, url: https://example.org/r}\n"
    )
    write_spec(repo, sources=sources)
    result = cli("plan", "specs", "--no-color")
    assert result.exit_code == 0, result.output
    assert "# warning: GPQA Diamond: Model README says 41.7" in result.output
    assert "but Model README says 65.2" in result.output
    result = cli("plan", "specs", "--no-color", "--fail-on-disagreement")
    assert result.exit_code == 1
    assert "1 source disagreement" in result.output


def test_open_prs_without_eval_results_files_are_read_quietly(
    sandbox: Sandbox, hub_repo: RepoFactory
) -> None:
    repo = hub_repo({"README.md": CARD})
    sandbox.store.commit_files(
        repo, {"README.md": CARD + "\nMore.\n"}, author=OTHER, create_pr=True
    )
    sandbox.store.commit_files(
        repo, {".eval_results/x.yaml": THEIRS.format(value=1.0)}, author=OTHER, create_pr=True
    )
    found = BenchmarkReader(Hub()).open_pr_files(repo)
    assert [(f.where, sorted(f.files)) for f in found] == [
        (f"open PR #2 by {OTHER}", [".eval_results/x.yaml"])
    ]
    assert BenchmarkReader(Hub()).open_pr_files(repo, skip=2) == []
