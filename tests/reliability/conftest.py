"""The reliability suite's figures: every scenario records what it tried, and the terminal summary
prints the table (faults injected and survived, bad inputs refused, crash points recovered, data
lost, tokens leaked, duplicate writes). docs/reliability.md states the figures of a full run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import hfeval.hub as hub_module
from hfeval.sandbox import Sandbox
from scenario import CARD


@dataclass
class Figures:
    """Counters shared by the whole session; scenarios add to them as they pass their checks."""

    faults_injected: int = 0
    fault_scenarios: list[str] = field(default_factory=list)
    fault_scenarios_survived: int = 0
    bad_inputs: list[str] = field(default_factory=list)
    bad_inputs_refused: int = 0
    crash_points: list[str] = field(default_factory=list)
    crash_points_recovered: int = 0
    token_paths: list[str] = field(default_factory=list)
    tokens_leaked: int = 0
    data_lost: int = 0
    duplicate_writes: int = 0
    fuzz_examples: int = 0

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("faults injected (requests hit)", str(self.faults_injected)),
            (
                "fault scenarios survived",
                f"{self.fault_scenarios_survived}/{len(self.fault_scenarios)}",
            ),
            ("bad inputs refused cleanly", f"{self.bad_inputs_refused}/{len(self.bad_inputs)}"),
            (
                "crash points recovered",
                f"{self.crash_points_recovered}/{len(self.crash_points)}",
            ),
            ("token paths checked", str(len(self.token_paths))),
            ("tokens leaked", str(self.tokens_leaked)),
            ("data lost (cards with lost bytes or scores)", str(self.data_lost)),
            ("duplicate commits or PRs", str(self.duplicate_writes)),
            ("fuzz examples run", str(self.fuzz_examples)),
        ]


FIGURES = Figures()


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
def card_repo(hub_repo) -> str:  # type: ignore[no-untyped-def]
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


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not (FIGURES.fault_scenarios or FIGURES.bad_inputs or FIGURES.crash_points):
        return
    terminalreporter.section("hfeval reliability figures")
    width = max(len(name) for name, _ in FIGURES.rows())
    for name, value in FIGURES.rows():
        terminalreporter.write_line(f"{name:<{width}}  {value}")
