"""Faults injected into the sandbox Hub during plan and apply: each one is survived with exactly one
commit or pull request, the card intact, and a plan afterwards that has nothing left to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from hfeval.retrying import TIMEOUT_ENV
from hfeval.sandbox import Sandbox
from reliability.conftest import Rig
from reliability.scenario import (
    cli,
    commits_after_seed,
    lost_data,
    pull_requests,
    scores,
    write_spec,
    writes_and_losses,
)


@dataclass(frozen=True)
class FaultCase:
    name: str
    phase: str  # "plan": injected before planning; "apply": after the plan was saved
    method: str
    path: str  # {repo} is replaced by the repo id
    fault: dict[str, Any] = field(default_factory=dict)
    mode: str = "commit"
    waits: tuple[float, ...] | None = None  # the exact waits expected, when they are known


COMMIT = "/api/models/{repo}/commit/main"
INFO = "/api/models/{repo}"
CASES = [
    FaultCase("429 with RateLimit on model info", "plan", "GET", INFO,
              {"status": 429, "retry_after": 2, "times": 2}, waits=(3.0, 3.0)),
    FaultCase("429 with Retry-After only", "apply", "GET", INFO,
              {"status": 429, "headers": {"Retry-After": "5"}}, waits=(5.0,)),
    FaultCase("500 on model info", "plan", "GET", INFO, {"status": 500}, waits=(1.0,)),
    FaultCase("502 on model info", "apply", "GET", INFO, {"status": 502, "times": 2},
              waits=(1.0, 2.0)),
    FaultCase("connection reset on model info", "plan", "GET", INFO, {"reset": True}),
    FaultCase("slow model info (0.3 s)", "plan", "GET", INFO, {"status": None, "delay": 0.3},
              waits=()),
    FaultCase("503 on whoami", "apply", "GET", "/api/whoami-v2", {"status": 503}, mode="pr"),
    FaultCase("429 on the pull request listing", "apply", "GET", "/api/models/{repo}/discussions",
              {"status": 429, "retry_after": 1}, mode="pr", waits=(2.0,)),
    FaultCase("429 on the commit", "apply", "POST", COMMIT, {"status": 429, "retry_after": 1},
              waits=(2.0,)),
    FaultCase("500 on the commit (not landed)", "apply", "POST", COMMIT, {"status": 500}),
    FaultCase("503 on the commit (not landed)", "apply", "POST", COMMIT, {"status": 503}),
    FaultCase("connection reset on the commit", "apply", "POST", COMMIT, {"reset": True}),
    FaultCase("commit landed, answer lost as 502", "apply", "POST", COMMIT,
              {"status": 502, "after": True}, waits=()),
    FaultCase("commit landed, connection reset", "apply", "POST", COMMIT,
              {"reset": True, "after": True}, waits=()),
    FaultCase("slow commit answer (0.3 s)", "apply", "POST", COMMIT,
              {"status": None, "delay": 0.3, "after": True}, waits=()),
    FaultCase("PR opened, answer lost as 503", "apply", "POST", COMMIT,
              {"status": 503, "after": True}, mode="pr", waits=()),
    FaultCase("PR opened, connection reset", "apply", "POST", COMMIT,
              {"reset": True, "after": True}, mode="pr", waits=()),
    FaultCase("503 on opening the PR (not landed)", "apply", "POST", COMMIT, {"status": 503},
              mode="pr"),
]  # fmt: skip


def planned_with_fault(rig: Rig, name: str, *, method: str, path: str, **fault: Any) -> None:
    """Record the scenario, plan a commit-mode spec, then arm the fault for the apply."""
    rig.figures.fault_scenarios.append(name)
    write_spec(rig.work, rig.repo)
    assert cli("plan", "specs").code == 0
    rig.sandbox.faults.add(method=method, path_prefix=path.format(repo=rig.repo), **fault)


def _add(sandbox: Sandbox, case: FaultCase, repo: str) -> None:
    sandbox.faults.add(method=case.method, path_prefix=case.path.format(repo=repo), **case.fault)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_fault_is_survived_with_one_write_and_nothing_lost(case: FaultCase, rig: Rig) -> None:
    sandbox, card_repo, work, figures = rig.sandbox, rig.repo, rig.work, rig.figures
    figures.fault_scenarios.append(case.name)
    write_spec(work, card_repo, apply_mode=case.mode)
    hits = sandbox.faults.injected
    if case.phase == "plan":
        _add(sandbox, case, card_repo)
    planned = cli("plan", "specs")
    assert planned.code == 0, planned.text
    if case.phase == "apply":
        _add(sandbox, case, card_repo)
    applied = cli("apply")
    assert applied.code == 0, applied.text
    assert sandbox.faults.injected > hits, "the fault never fired"
    assert sandbox.faults.pending() == [] or case.fault.get("times") is None
    if case.waits is not None:
        assert tuple(rig.waits) == case.waits

    writes, lost = writes_and_losses(sandbox, card_repo, case.mode)
    figures.record(writes, lost)
    assert writes == 1
    assert lost == []
    again = cli("plan", "specs", "--detailed-exitcode")
    assert again.code == 0, again.text  # nothing left to do
    figures.fault_scenarios_survived += 1


def test_a_concurrent_writer_gets_a_412_and_keeps_their_edit(rig: Rig) -> None:
    sandbox, card_repo, no_wait, figures = rig.sandbox, rig.repo, rig.waits, rig.figures
    planned_with_fault(
        rig, "concurrent writer (412)",
        method="POST", path=COMMIT, status=None, concurrent_write=True,
    )  # fmt: skip
    stale = cli("apply")
    assert stale.code == 3, stale.text
    assert "moved" in stale.err and "Nothing was written" in stale.err
    history = sandbox.store.history(card_repo)
    assert [c.author for c in history[:1]] == ["concurrent-writer"]  # theirs, not ours
    assert no_wait == []  # a 412 is final: never retried
    # Plan again on top of their edit: both land, nothing is lost.
    assert cli("plan", "specs").code == 0
    assert cli("apply").code == 0
    text = sandbox.store.read_file(card_repo, "README.md").decode()
    assert "edited by another writer" in text
    lost = lost_data(sandbox, card_repo)
    figures.record(1, lost)
    assert lost == []
    assert commits_after_seed(sandbox, card_repo) == 2  # theirs and ours
    figures.fault_scenarios_survived += 1


def test_a_commit_that_keeps_failing_gives_up_within_the_budget(rig: Rig) -> None:
    sandbox, card_repo, no_wait, figures = rig.sandbox, rig.repo, rig.waits, rig.figures
    planned_with_fault(
        rig, "503 on every commit (bounded, then rerun)",
        method="POST", path=COMMIT, status=503, times=None,
    )  # fmt: skip
    failed = cli("apply")
    assert failed.code == 1
    assert "503" in failed.err and "run the same apply again" in failed.err
    assert no_wait == [1.0, 2.0, 4.0]  # 4 attempts, each checked for a landed commit first
    assert commits_after_seed(sandbox, card_repo) == 0
    sandbox.faults.clear()
    assert cli("apply").code == 0
    assert lost_data(sandbox, card_repo) == []
    assert commits_after_seed(sandbox, card_repo) == 1
    figures.fault_scenarios_survived += 1


def test_a_rate_limit_longer_than_the_budget_fails_at_once_and_clearly(rig: Rig) -> None:
    sandbox, card_repo, no_wait, figures = rig.sandbox, rig.repo, rig.waits, rig.figures
    planned_with_fault(
        rig, "429 asking for an hour (refused, then rerun)",
        method="GET", path=INFO, status=429, retry_after=3600,
    )  # fmt: skip
    failed = cli("apply")
    assert failed.code == 1
    assert no_wait == []
    assert "rate limited by the Hub (429)" in failed.err
    assert commits_after_seed(sandbox, card_repo) == 0
    assert cli("apply").code == 0
    assert commits_after_seed(sandbox, card_repo) == 1
    figures.fault_scenarios_survived += 1


def test_an_update_to_our_pr_whose_answer_was_lost_is_found_not_resent(rig: Rig) -> None:
    sandbox, repo = rig.sandbox, rig.repo
    rig.figures.fault_scenarios.append("PR update landed, answer lost as 502")
    write_spec(rig.work, repo, apply_mode="pr")
    assert cli("plan", "specs").code == 0 and cli("apply").code == 0
    (num,) = pull_requests(sandbox, repo)
    # The card's table changes on main: the next plan updates the open PR.
    readme = sandbox.store.read_file(repo, "README.md").decode()
    sandbox.store.commit_files(repo, {"README.md": readme.replace("| 68.3 |", "| 69.1 |")})
    planned = cli("plan", "specs")
    assert f"pull request #{num}" in planned.out, planned.text
    before = len(sandbox.store.history(repo, f"refs/pr/{num}"))
    sandbox.faults.add(
        method="POST", path_prefix=f"/api/models/{repo}/commit/", status=502, after=True
    )
    applied = cli("apply")
    assert applied.code == 0, applied.text
    assert rig.waits == []  # found, not resent
    assert pull_requests(sandbox, repo) == [num]
    commits = len(sandbox.store.history(repo, f"refs/pr/{num}")) - before
    rig.figures.record(commits, [])
    assert commits == 1
    text = sandbox.store.read_file(repo, "README.md", f"refs/pr/{num}").decode()
    assert scores(text) == {"mmlu": 69.1, "gsm8k": 55.0}
    assert cli("plan", "specs", "--detailed-exitcode").code == 0
    rig.figures.fault_scenarios_survived += 1


@pytest.mark.parametrize(
    ("name", "method", "path", "mode", "probe"),
    [
        ("model info hangs past the client timeout", "GET", INFO, "commit", None),
        # probe: what the landed check reads (the head; our PRs and their details) after the
        # checks before the write read it once (the head; the PR list, empty then).
        (
            "commit landed, answer hangs past the client timeout",
            "POST", COMMIT, "commit", ("/api/models/{repo}/revision/", 1 + 1),
        ),
        (
            "PR opened, answer hangs past the client timeout",
            "POST", COMMIT, "pr", ("/api/models/{repo}/discussions", 1 + 2),
        ),
    ],
)  # fmt: skip
def test_a_hub_that_stops_answering_times_out_and_is_survived(
    name: str, method: str, path: str, mode: str, probe: tuple[str, int] | None, rig: Rig,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    rig.figures.fault_scenarios.append(name)
    write_spec(rig.work, rig.repo, apply_mode=mode)
    assert cli("plan", "specs").code == 0
    monkeypatch.setenv(TIMEOUT_ENV, "0.4")
    faults = rig.sandbox.faults
    faults.add(
        method=method,
        path_prefix=path.format(repo=rig.repo),
        status=None,
        delay=1.5,
        after=method == "POST",  # the write is done; only its answer hangs
    )
    # Counts the reads that decide the write (the checks, and the landed check after a timeout).
    counter = faults.add(
        method="GET", path_prefix=(probe or ("/-", 0))[0].format(repo=rig.repo), status=None,
        delay=0.001, times=None,
    )  # fmt: skip
    hits = faults.injected
    applied = cli("apply")
    assert applied.code == 0, applied.text
    # A hung read is retried after a backoff; a hung write is looked for, never resent.
    assert rig.waits == ([1.0] if method == "GET" else [])
    if probe is not None:
        assert faults.injected - hits == 1 + probe[1]  # the hung write, then the reads
        rig.figures.faults_injected -= probe[1]  # the counter only observed: not a fault
    faults.remove(counter.id)
    writes, lost = writes_and_losses(rig.sandbox, rig.repo, mode)
    rig.figures.record(writes, lost)
    assert (writes, lost) == (1, [])
    rig.figures.fault_scenarios_survived += 1
