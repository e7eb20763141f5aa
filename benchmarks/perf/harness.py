"""Shared machinery for the performance benchmarks.

- `CountingSandbox`: the sandbox Hub in this process, counting every request it answers. The
  benchmark process itself idles while hfeval runs, so its CPU time is the sandbox's.
- `run_hfeval`: one `hfeval` command in a subprocess, timed by wall clock and measured by
  `os.wait4` (CPU seconds and peak RSS of that process alone).
- `print_table`: the pipe tables every benchmark prints (the README quotes them).
"""

from __future__ import annotations

import logging
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HFEVAL = str(Path(sys.executable).with_name("hfeval"))
_REQUEST = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3})')
_REPO = re.compile(r"bench-org/model-\d+")
_SHA = re.compile(r"\b[0-9a-f]{40}\b")


@dataclass(frozen=True)
class Run:
    """One measured process: wall and CPU seconds, peak RSS in MiB, exit code, its stdout."""

    wall: float
    cpu: float
    rss_mib: float
    code: int
    stdout: str
    stderr: str


def run_hfeval(args: Sequence[str], *, env: dict[str, str], cwd: Path) -> Run:
    """Run `hfeval ARGS` and measure that process alone (children of ours are not counted)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([HFEVAL, *args], cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            rss_mib=usage.ru_maxrss / 1024,
            code=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def run_python(code: str, *, env: dict[str, str] | None = None) -> Run:
    """`python -c CODE`, measured like `run_hfeval` (the interpreter's own floor)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], env=env)
    _, status, usage = os.wait4(process.pid, 0)
    return Run(
        time.perf_counter() - started,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
        "",
        "",
    )


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.requests: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        match = _REQUEST.search(record.getMessage())
        if match is not None:
            path = _SHA.sub("{sha}", _REPO.sub("{repo}", match["path"].split("?", 1)[0]))
            self.requests[f"{match['method']} {path} {match['status']}"] += 1


class CountingSandbox:
    """A sandbox Hub seeded from `seed_dir`, counting requests by method, route and status."""

    def __init__(self, work: Path, seed_dir: Path, *, user: str = "bench-user") -> None:
        from hfeval.sandbox import SandboxConfig, SandboxUser, start_sandbox

        self._counter = _Counter()
        server_logger = logging.getLogger("hfeval.sandbox.server")
        server_logger.setLevel(logging.DEBUG)
        server_logger.addHandler(self._counter)
        server_logger.propagate = False
        config = SandboxConfig(user=SandboxUser(user, orgs=()))
        self._server = start_sandbox(work / "sandbox-data", seed_dir=seed_dir, config=config)
        self.url: str = self._server.url
        self._cpu_mark = _own_cpu()

    def reset(self) -> None:
        """Start counting requests and CPU afresh."""
        self._counter.requests.clear()
        self._cpu_mark = _own_cpu()

    @property
    def requests(self) -> Counter[str]:
        return Counter(self._counter.requests)

    def cpu(self) -> float:
        """CPU seconds this process (the sandbox; the benchmark itself idles) used since reset."""
        return _own_cpu() - self._cpu_mark

    def stop(self) -> None:
        self._server.stop()


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def hub_env(url: str, hf_home: Path) -> dict[str, str]:
    """The environment an hfeval subprocess needs to talk to the sandbox and nothing else."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "AA_"))}
    # An installed hfeval has its bytecode; a checkout on a machine that sets this would compile
    # every module in every run (0.15-0.3 s here) and measure that instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        # HFEVAL_BENCH_SOURCE=/path/to/other/checkout measures that hfeval instead (before/after)
        PYTHONPATH=os.environ.get("HFEVAL_BENCH_SOURCE", ""),
        HF_ENDPOINT=url,
        HF_HOME=str(hf_home),
        HF_TOKEN="hf_benchmark_dummy_token",
        HF_HUB_DISABLE_TELEMETRY="1",
        HF_HUB_DISABLE_PROGRESS_BARS="1",
        NO_COLOR="1",
    )
    return env


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A pipe table (markdown), columns padded so it also reads well in a terminal."""
    cells = [[str(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    print(f"\n{title}\n")
    print(line(cells[0]))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells[1:]:
        print(line(row))
    sys.stdout.flush()


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)
