"""The reliability suite's figures: every scenario records what it tried, and the terminal summary
prints the table (faults injected and survived, bad inputs refused, crash points recovered, data
lost, tokens leaked, duplicate writes). docs/reliability.md states the figures of a full run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import hfeval.hub as hub_module
from hfeval.sandbox import Sandbox
from reliability.figures import FIGURES, Figures
from reliability.scenario import CARD


@pytest.fixture(scope="session")
def figures() -> Figures:
    return FIGURES


@pytest.fixture
def no_wait(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The Hub client's retry waits, recorded instead of slept."""
    waits: list[float] = []
    monkeypatch.setattr(hub_module, "_sleep", waits.append)
    return waits


@pytest.fixture
def card_repo(hub_repo: Callable[..., str]) -> str:
    """A fresh repo holding the scenario card."""
    repo_id: str = hub_repo({"README.md": CARD}, name="rel-card")
    return repo_id


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty spec repo as the working directory."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def injected(sandbox: Sandbox, figures: Figures) -> Iterator[None]:
    """Count the requests the sandbox's faults acted on during the test."""
    before = sandbox.faults.injected
    yield
    figures.faults_injected += sandbox.faults.injected - before


@dataclass(frozen=True)
class Rig:
    """What a fault scenario works with: the Hub, a fresh card repo, a spec repo as the cwd, the
    recorded retry waits and the figures (faults hit during the test are counted)."""

    sandbox: Sandbox
    repo: str
    work: Path
    waits: list[float]
    figures: Figures


@pytest.fixture
def rig(
    sandbox: Sandbox,
    card_repo: str,
    work: Path,
    no_wait: list[float],
    injected: None,
    figures: Figures,
) -> Rig:
    return Rig(sandbox, card_repo, work, no_wait, figures)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not (FIGURES.fault_scenarios or FIGURES.bad_inputs or FIGURES.crash_points):
        return
    terminalreporter.section("hfeval reliability figures")
    width = max(len(name) for name, _ in FIGURES.rows())
    for name, value in FIGURES.rows():
        terminalreporter.write_line(f"{name:<{width}}  {value}")
