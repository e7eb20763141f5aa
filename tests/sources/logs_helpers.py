"""Shared by the logs-source tests: real inspect logs (made once) and the hand-written files."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
LM_EVAL_FILE = FIXTURES / "lm_eval" / "results_2026-01-04T12-00-00.json"
LIGHTEVAL_FILE = FIXTURES / "lighteval" / "results_2026-02-01T09-30-00.123456.json"


@dataclass(frozen=True)
class InspectLogs:
    """Real inspect logs made by `inspect_logs.py` (model acme/aurora-7b-instruct unless noted)."""

    eval_log: Path  # gsm8k, 2 of 3 right, .eval
    json_log: Path  # the same run as .json
    partial: Path  # gsm8k with limit=2
    failed: Path  # a solver that raises: status error
    other_model: Path  # gsm8k for acme/other-model
    unknown_task: Path  # a local task ("arith") no registry entry names


_made: list[InspectLogs] = []


def make_inspect_logs(tmp_path_factory: pytest.TempPathFactory) -> InspectLogs:
    """The inspect logs, made on first use in a subprocess (`inspect_logs.py`), then reused.

    A subprocess keeps inspect's event loop and its unclosed-stream warnings out of the test
    process, where warnings are errors.
    """
    if not _made:
        root = tmp_path_factory.mktemp("inspect-logs")
        done = subprocess.run(
            [sys.executable, str(Path(__file__).parent / "inspect_logs.py"), str(root)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        paths = json.loads(done.stdout.strip().splitlines()[-1])
        _made.append(InspectLogs(**{name: Path(path) for name, path in paths.items()}))
    return _made[0]
