"""The session's reliability figures: every scenario adds to them; the summary prints them."""

from __future__ import annotations

from dataclasses import dataclass, field


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

    def record(self, writes: int, lost: list[str]) -> None:
        """Count one checked outcome: writes beyond the first are duplicates, any loss counts."""
        self.duplicate_writes += max(0, writes - 1)
        self.data_lost += bool(lost)

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
