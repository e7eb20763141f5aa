"""`hfeval apply` (and `hfeval plan`) killed with SIGKILL at every named point, or while the Hub is
slow to answer a commit that already landed: running it again finishes the work with exactly one
commit or pull request, and the card is whole (commits are atomic on the Hub side)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hfeval.crashpoints import CRASH_ENV, POINTS
from hfeval.sandbox import Sandbox
from reliability.figures import Figures
from reliability.scenario import cli, cli_subprocess, write_spec, writes_and_losses

APPLY_POINTS = [point for point in POINTS if point.startswith("apply-")]


def _finish_and_check(
    sandbox: Sandbox, repo: str, mode: str, figures: Figures, *, expect_written: int | None
) -> None:
    """The state right after the crash, then a rerun that completes it."""
    if expect_written is not None:
        written, _ = writes_and_losses(sandbox, repo, mode)
        assert written == expect_written, "the crash point is not where it claims to be"
    rerun = cli("apply")
    assert rerun.code == 0, rerun.text
    writes, lost = writes_and_losses(sandbox, repo, mode)
    figures.record(writes, lost)
    assert writes == 1
    assert lost == []
    assert cli("plan", "specs", "--detailed-exitcode").code == 0  # nothing left to do
    figures.crash_points_recovered += 1


@pytest.mark.parametrize("mode", ["commit", "pr"])
@pytest.mark.parametrize("point", APPLY_POINTS)
def test_apply_killed_at_a_point_is_finished_by_a_rerun(
    point: str, mode: str, sandbox: Sandbox, card_repo: str, work: Path, figures: Figures
) -> None:
    figures.crash_points.append(f"{point} ({mode})")
    write_spec(work, card_repo, apply_mode=mode)
    assert cli("plan", "specs").code == 0
    killed = cli_subprocess("apply", cwd=work, env={CRASH_ENV: point})
    assert killed.code == -signal.SIGKILL, killed.text
    _finish_and_check(
        sandbox, card_repo, mode, figures, expect_written=int(point == "apply-after-commit")
    )


def test_plan_killed_while_saving_leaves_the_previous_plan_whole(
    sandbox: Sandbox, card_repo: str, work: Path, figures: Figures
) -> None:
    figures.crash_points.append("plan-file-written")
    write_spec(work, card_repo)
    assert cli("plan", "specs").code == 0
    saved = (work / ".hfeval" / "plan.json").read_text()
    killed = cli_subprocess("plan", "specs", cwd=work, env={CRASH_ENV: "plan-file-written"})
    assert killed.code == -signal.SIGKILL
    assert (work / ".hfeval" / "plan.json").read_text() == saved  # old plan, whole
    json.loads(saved)
    _finish_and_check(sandbox, card_repo, "commit", figures, expect_written=0)


@pytest.mark.parametrize("mode", ["commit", "pr"])
def test_apply_killed_while_the_hub_is_slow_to_answer_a_landed_write(
    mode: str, sandbox: Sandbox, card_repo: str, work: Path, figures: Figures
) -> None:
    figures.crash_points.append(f"killed during a slow commit answer ({mode})")
    write_spec(work, card_repo, apply_mode=mode)
    assert cli("plan", "specs").code == 0
    sandbox.faults.add(
        method="POST",
        path_prefix=f"/api/models/{card_repo}/commit/main",
        status=None,
        delay=1.5,
        after=True,
    )
    command = [sys.executable, "-c", "from hfeval.cli import main; main()", "apply"]
    process = subprocess.Popen(
        command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while writes_and_losses(sandbox, card_repo, mode)[0] == 0:
            assert time.monotonic() < deadline, "the write never landed"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)  # the write landed; its answer is still delayed
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    _finish_and_check(sandbox, card_repo, mode, figures, expect_written=1)
