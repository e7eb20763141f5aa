"""Golden plans for the scenarios a reviewer meets, built through the real pipeline.

Each scenario is a README on the "Hub" (and maybe hfeval's open PR) plus a spec's README table;
the table goes through the extractor, the registry, compile and the per-repo diff, and the
resulting Plan is rendered as text, markdown and JSON into golden/scenarios/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from pytest_regressions.file_regression import FileRegressionFixture

from hfeval.compile import compile_repo
from hfeval.diff import ObservedRepo, OpenPullRequest, RepoPlanningError, plan_repo
from hfeval.errors import HfevalError
from hfeval.eval_results import ForeignFiles
from hfeval.plan import Plan, RepoPlan
from hfeval.registry import default_registry
from hfeval.render import render_json, render_markdown, render_text
from hfeval.sources.readme import readme_source_result
from hfeval.spec.models import ReadmeSource

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "scenarios"
TODAY = date(2026, 11, 29)
BASE = "9f3c2a1e" + "0" * 32
PR_HEAD = "4d5e6f70" + "0" * 32
URL = "https://huggingface.co/acme/m"

TABLE = """
| Benchmark | other-7b | m |
|---|---|---|
| MMLU | 60.1 | {mmlu} |
| GSM8K | 40.0 | {gsm8k} |
| MMLU-Pro | 30.9 | {mmlu_pro} |
"""


def card(front_matter: str = "", **scores: str) -> str:
    values = {"mmlu": "64.8", "gsm8k": "57.9", "mmlu_pro": "35.1"} | scores
    head = f"---\nlicense: apache-2.0\n{front_matter}---\n" if front_matter is not None else ""
    return head + "# m\n" + TABLE.format(**values)


LEADERBOARD = """model-index:
- name: m
  results:
  - task:
      type: text-generation
    dataset:
      name: MMLU
      type: cais/mmlu
    metrics:
    - type: mmlu
      value: 70.0
    source:
      name: Open LLM Leaderboard
      url: https://example.org/leaderboard
"""


@dataclass
class Scenario:
    hub_card: str
    table_card: str | None = None  # the README the spec reads (default: the Hub card)
    targets: tuple[str, ...] = ("model-index",)
    mode: str = "commit"
    prune: bool = False
    replace_invalid: bool = False
    exclude: list[str] = field(default_factory=list)
    pr_from: Scenario | None = None  # hfeval's open PR holds what this scenario would write
    eval_files: dict[str, str] = field(default_factory=dict)  # .eval_results files on main
    others: tuple[ForeignFiles, ...] = ()  # other users' open PRs


def planned(scenario: Scenario, *, file_text: str | None = None) -> RepoPlan:
    hub_files = {
        "README.md": file_text if file_text is not None else scenario.hub_card,
        **scenario.eval_files,
    }
    source = ReadmeSource(table=1, model="m", exclude=scenario.exclude or None)
    result = readme_source_result(
        scenario.table_card or hub_files["README.md"],
        source,
        repo_id="acme/m",
        file=None,
        revision=BASE,
        source_url=URL,
        registry=default_registry(),
    )
    desired = compile_repo(
        repo_id="acme/m",
        spec_path="specs/acme/m.yaml",
        model_name="m",
        targets=scenario.targets,
        prune=scenario.prune,
        replace_invalid=scenario.replace_invalid,
        results=[result],
        registry=default_registry(),
    )
    open_pr = None
    if scenario.pr_from is not None:
        proposal = planned(scenario.pr_from)
        open_pr = OpenPullRequest(7, PR_HEAD, {f.path: f.content for f in proposal.files})
    observed = ObservedRepo("main", BASE, hub_files, open_pr=open_pr, foreign_eval=scenario.others)
    return plan_repo(desired, observed, mode=scenario.mode, today=TODAY)


def applied(scenario: Scenario) -> str:
    """The Hub card after the first version of the metadata was committed."""
    (readme,) = [f for f in planned(scenario).files if f.path == "README.md"]
    assert readme.content is not None
    return readme.content


FIRST = Scenario(card())
SCENARIOS: dict[str, Scenario] = {
    "create": FIRST,
    "no_op": Scenario(applied(FIRST)),
    "update": Scenario(applied(FIRST), table_card=card(mmlu="65.3")),
    "drift_table_changed": Scenario(applied(FIRST), table_card=card(gsm8k="**58.4**", mmlu="-")),
    "metadata_only_rename": Scenario(
        applied(FIRST), table_card=card().replace("| MMLU |", "| MMLU (5-shot) |")
    ),
    "prune": Scenario(applied(FIRST), exclude=["GSM8K"], prune=True),
    "kept_without_prune": Scenario(applied(FIRST), exclude=["GSM8K"]),
    "unmanaged_kept_and_conflict": Scenario(card(LEADERBOARD)),
    "invalid_model_index": Scenario(card("model-index:\n- results: []\n")),
    "invalid_model_index_replaced": Scenario(
        card("model-index:\n- results: []\n"), replace_invalid=True
    ),
    "both_targets": Scenario(card(), targets=("model-index", "eval-results")),
    # Earlier hfeval's per-source file moves (one value changed, a verifyToken dropped with it);
    # GSM8K is already on main in the author's file; another user's PR says otherwise.
    "eval_results_migrate_and_duplicates": Scenario(
        card(mmlu_pro="36.0"),
        targets=("eval-results",),
        eval_files={
            ".eval_results/model-readme.yaml": (
                "  - dataset:\n      id: TIGER-Lab/MMLU-Pro\n      task_id: mmlu_pro\n"
                "    value: 35.1\n    verifyToken: eyJ.token\n    date: '2026-11-01'\n"
                f"    source:\n      url: {URL}\n      name: Model README\n"
            ),
            ".eval_results/gsm8k_8shot.yaml": (
                "- dataset:\n    id: openai/gsm8k\n    task_id: gsm8k\n  value: 57.9\n"
                "  source:\n    url: https://example.org/report\n    name: Tech report\n"
            ),
        },
        others=(
            ForeignFiles(
                "open PR #4 by other-user",
                {
                    ".eval_results/mmlu_pro.yaml": (
                        "- dataset:\n    id: tiger-lab/mmlu-pro\n    task_id: mmlu_pro\n"
                        "  value: 33.0\n"
                    )
                },
            ),
        ),
    ),
    "pr_new": Scenario(card(), mode="pr"),
    "pr_up_to_date": Scenario(card(), mode="pr", pr_from=Scenario(card())),
    "pr_needs_update": Scenario(card(mmlu="65.3"), mode="pr", pr_from=Scenario(card(mmlu="64.8"))),
}


def plan_of(name: str, scenario: Scenario) -> Plan:
    try:
        repo = planned(scenario)
    except (RepoPlanningError, HfevalError) as error:
        repo = RepoPlan("acme/m", "specs/acme/m.yaml", "m", scenario.mode, error=str(error))
    return Plan(repos=(repo,), spec_hashes={"specs/acme/m.yaml": "0" * 64})


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_golden(name: str, file_regression: FileRegressionFixture) -> None:
    plan = plan_of(name, SCENARIOS[name])
    for suffix, text in (
        (".txt", render_text(plan)),
        (".md", render_markdown(plan)),
        (".json", render_json(plan)),
    ):
        file_regression.check(text.encode(), binary=True, fullpath=GOLDEN / f"{name}{suffix}")


def test_text_json_and_exit_code_agree_on_every_scenario() -> None:
    for name, scenario in SCENARIOS.items():
        plan = plan_of(name, scenario)
        text = render_text(plan)
        assert ("No changes." in text) == (plan.exit_code(detailed=True) == 0), name


def test_drift_that_removes_the_column_is_a_clear_error() -> None:
    scenario = Scenario(applied(FIRST), table_card=card().replace("| m |", "| m-v2 |"))
    with pytest.raises(HfevalError, match=r"m-v2"):
        planned(scenario)


def test_scenario_goldens_never_contain_a_token() -> None:
    for path in GOLDEN.glob("*"):
        assert not re.search(r"hf_[A-Za-z0-9]{8,}", path.read_text()), path


def test_file_diff_shows_only_the_front_matter_hunk(file_regression: FileRegressionFixture) -> None:
    plan = plan_of("update", SCENARIOS["update"])
    text = render_text(plan, show_file_diff=True)
    file_regression.check(text.encode(), binary=True, fullpath=GOLDEN / "update_file_diff.txt")
    diff = text.split("--- a/README.md", 1)[1]
    assert "-      value: 64.8" in diff and "+      value: 65.3" in diff
    assert "| GSM8K |" not in diff  # the body is never part of the diff
