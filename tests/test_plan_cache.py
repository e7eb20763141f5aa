"""The memo of `plan_repo`: a hit is the same plan, and any change to an input is a miss."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from builders import desired_repo

import hfeval
from hfeval import plan_cache
from hfeval.compile import DesiredRepo
from hfeval.diff import ObservedRepo, OpenPullRequest, RepoPlanningError, plan_repo
from hfeval.eval_results import ForeignFiles
from hfeval.plan import RepoPlan
from hfeval.plan_cache import PlanCache, plan_key

TODAY = date(2026, 11, 29)
BASE = "a" * 40
CARD = (
    "---\nlicense: apache-2.0  # keep\n---\n# Model\n\n"
    "| Benchmark | m |\n|---|---|\n| MMLU | 64.8 |\n"
)


def want(value: float = 64.8, **flags: bool) -> DesiredRepo:
    return desired_repo({"MMLU": value}, targets=("model-index",), **flags)


def seen(readme: str = CARD, **extra: object) -> ObservedRepo:
    return ObservedRepo(revision="main", commit=BASE, files={"README.md": readme}, **extra)  # type: ignore[arg-type]


class Counting:
    """`plan_repo`, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(
        self, desired: DesiredRepo, observed: ObservedRepo, *, mode: str, today: date
    ) -> RepoPlan:
        self.calls += 1
        return plan_repo(desired, observed, mode=mode, today=today)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Counting:
    counter = Counting()
    monkeypatch.setattr(plan_cache, "plan_repo", counter)
    return counter


@pytest.mark.parametrize("readme", [CARD, None], ids=["changes", "no-change"])
def test_a_second_plan_with_the_same_inputs_is_read_back_equal(
    tmp_path: Path, counting: Counting, readme: str | None
) -> None:
    desired = want()
    if readme is None:  # the card as hfeval would write it: nothing to change
        first = plan_repo(desired, seen(), mode="commit", today=TODAY)
        readme = first.files[0].content
        assert readme is not None
    observed = seen(readme)
    cache = PlanCache(tmp_path)
    computed = cache.plan(desired, observed, mode="pr", today=TODAY)
    again = PlanCache(tmp_path).plan(desired, observed, mode="pr", today=TODAY)
    assert counting.calls == 1
    assert again == computed == plan_repo(desired, observed, mode="pr", today=TODAY)
    assert computed.has_changes is (readme == CARD)
    assert len(list(tmp_path.rglob("*.json"))) == 1


def test_every_input_is_in_the_key() -> None:
    base = plan_key(want(), seen(), mode="pr", today=TODAY)
    pr = OpenPullRequest(num=3, head="b" * 40, files={"README.md": CARD})
    variants = {
        "value": plan_key(want(64.9), seen(), mode="pr", today=TODAY),
        "flag": plan_key(want(replace_invalid=True), seen(), mode="pr", today=TODAY),
        "spec path": plan_key(
            replace(want(), spec_path="other.yaml"), seen(), mode="pr", today=TODAY
        ),
        "notes": plan_key(replace(want(), notes=("n",)), seen(), mode="pr", today=TODAY),
        "readme": plan_key(want(), seen(CARD + "\n"), mode="pr", today=TODAY),
        "commit": plan_key(want(), replace(seen(), commit="c" * 40), mode="pr", today=TODAY),
        "revision": plan_key(want(), replace(seen(), revision="dev"), mode="pr", today=TODAY),
        "other file": plan_key(
            want(),
            replace(seen(), files={"README.md": CARD, ".eval_results/x.yaml": "a: 1\n"}),
            mode="pr",
            today=TODAY,
        ),
        "open pr": plan_key(want(), seen(open_pr=pr), mode="pr", today=TODAY),
        "pr head": plan_key(
            want(), seen(open_pr=replace(pr, head="d" * 40)), mode="pr", today=TODAY
        ),
        "pr files": plan_key(
            want(), seen(open_pr=replace(pr, files={"README.md": None})), mode="pr", today=TODAY
        ),
        "others' prs": plan_key(
            want(),
            seen(foreign_eval=(ForeignFiles("open PR #4 by x", {"a": "b"}),)),
            mode="pr",
            today=TODAY,
        ),
        "mode": plan_key(want(), seen(), mode="commit", today=TODAY),
        "today": plan_key(want(), seen(), mode="pr", today=date(2026, 11, 30)),
    }
    assert base not in variants.values()
    assert len(set(variants.values())) == len(variants)


def test_the_key_covers_hfevals_code(monkeypatch: pytest.MonkeyPatch) -> None:
    before = plan_key(want(), seen(), mode="pr", today=TODAY)
    monkeypatch.setattr(plan_cache, "package_fingerprint", lambda: "edited checkout")
    assert plan_key(want(), seen(), mode="pr", today=TODAY) != before


def test_the_package_fingerprint_hashes_every_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "hfeval"
    (package / "deep").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    module = package / "deep" / "diffing.py"
    module.write_text("A = 1\n")
    monkeypatch.setattr(hfeval, "__file__", str(package / "__init__.py"))
    plan_cache.package_fingerprint.cache_clear()
    try:
        first = plan_cache.package_fingerprint()
        plan_cache.package_fingerprint.cache_clear()
        module.write_text("A = 2\n")
        assert plan_cache.package_fingerprint() != first
    finally:
        plan_cache.package_fingerprint.cache_clear()


def test_the_key_is_the_same_in_another_process() -> None:
    """String hashing is salted per process; the key must not depend on it (else never a hit)."""
    script = (
        "import sys; sys.path.insert(0, 'tests'); from test_plan_cache import *; "
        "pr = OpenPullRequest(num=3, head='b' * 40, files={'README.md': CARD}); "
        "print(plan_key(want(), seen(open_pr=pr), mode='pr', today=TODAY))"
    )
    root = Path(__file__).parent.parent
    keys = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert len(keys) == 1 and len(keys.pop()) == 64


def test_errors_are_not_stored(tmp_path: Path, counting: Counting) -> None:
    broken = "---\na: [\n---\n"
    for _ in range(2):
        with pytest.raises(RepoPlanningError, match="cannot be parsed"):
            PlanCache(tmp_path).plan(want(), seen(broken), mode="pr", today=TODAY)
    assert counting.calls == 2 and not list(tmp_path.rglob("*.json"))


def test_a_malformed_entry_is_a_miss(tmp_path: Path, counting: Counting) -> None:
    cache = PlanCache(tmp_path)
    cache.plan(want(), seen(), mode="pr", today=TODAY)
    (entry,) = tmp_path.rglob("*.json")
    entry.write_text('{"repo": "half')
    again = cache.plan(want(), seen(), mode="pr", today=TODAY)
    assert counting.calls == 2 and again == plan_repo(want(), seen(), mode="pr", today=TODAY)


def test_a_read_only_cache_directory_still_plans(tmp_path: Path, counting: Counting) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = PlanCache(blocker / "plans")  # cannot be created: a file is in the way
    for _ in range(2):
        assert cache.plan(want(), seen(), mode="pr", today=TODAY).has_changes
    assert counting.calls == 2


def test_a_replan_of_unchanged_repos_diffs_nothing_again(
    tmp_path: Path, sandbox_url: str, hub_repo, counting: Counting
) -> None:
    from hfeval.hub import Hub
    from hfeval.planner import build_plan
    from hfeval.spec import load_specs

    repos = [hub_repo({"README.md": CARD}) for _ in range(2)]

    def write_spec(index: int, name: str) -> None:
        spec = tmp_path / "specs" / f"s{index}.yaml"
        spec.parent.mkdir(parents=True, exist_ok=True)
        spec.write_text(
            f"model: {repos[index]}\nname: {name}\napply: commit\n"
            "sources:\n  - readme: {table: 1, model: m}\n"
        )

    for index in range(len(repos)):
        write_spec(index, "m")

    def plan() -> object:
        return build_plan(load_specs([tmp_path / "specs"]), Hub(sandbox_url), today=TODAY)

    first = plan()
    assert counting.calls == 2
    assert plan() == first and counting.calls == 2
    write_spec(0, "m2")
    changed = plan()
    assert counting.calls == 3 and changed != first
