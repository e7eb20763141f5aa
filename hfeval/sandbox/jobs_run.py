"""How the sandbox runs a job's command on this machine: command rewriting, environment, process.

A real HF Job runs its command in a container built from `dockerImage`. The sandbox has no
containers: `JobSettings.interpreters` maps an image to a local Python interpreter, and a command
starting with `python`/`python3` (or `uv run [--with DEP]... [--python P] ...`, as `run_uv_job`
builds it) runs with that interpreter instead; any other command runs as written, from PATH.

The process gets a clean environment, as a container would: PATH, a per-job HOME and HF_HOME,
HF_ENDPOINT pointing back at the sandbox, the Jobs variables (JOB_ID, ACCELERATOR, CPU_CORES,
MEMORY), then the job's environment and its secrets. It starts in its own process group, so a
cancel or a timeout kills everything it spawned. Secret values are masked in the captured output
(`***`), and `LocalProcess.masked` counts how often that was needed, so a test can assert that a
job never printed its token rather than rely on the mask.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ANY_IMAGE = "*"
SECRET_MASK = "***"
# Seconds between SIGTERM and SIGKILL when a job is cancelled or times out.
KILL_GRACE_SECONDS = 3.0
_PYTHON = re.compile(r"^python(3(\.\d+)?)?$")
_CPU_FLAVORS = ("cpu-",)


@dataclass(frozen=True)
class JobSettings:
    """How this sandbox runs jobs.

    `interpreters` maps a job image to the Python that stands in for it; the `*` entry answers
    for any other image (remove it to make unknown images fail). `scheduling_delay` keeps each job
    in SCHEDULING for that many seconds first; `default_timeout` applies when the job sets none
    (the Hub's default is 30 minutes). `extra_env` is added to every job's environment.
    """

    interpreters: Mapping[str, str] = field(default_factory=lambda: {ANY_IMAGE: sys.executable})
    scheduling_delay: float = 0.0
    default_timeout: float = 1800.0
    extra_env: Mapping[str, str] = field(default_factory=dict)

    def interpreter_for(self, image: str) -> str | None:
        return self.interpreters.get(image) or self.interpreters.get(ANY_IMAGE)


class UnknownImageError(ValueError):
    """No local interpreter stands in for the job's image."""


def local_command(command: Sequence[str], image: str, settings: JobSettings) -> list[str]:
    """The command to run here for a job's `command` (+ `arguments`) on `image`."""
    words = list(command)
    if len(words) >= 2 and words[0] == "uv" and words[1] == "run":
        words = _strip_uv_run(words[2:])
        if words and not _PYTHON.match(words[0]):
            words = ["python", *words]  # `uv run script.py args` runs the script with python
    if words and _PYTHON.match(words[0]):
        interpreter = settings.interpreter_for(image)
        if interpreter is None:
            raise UnknownImageError(f"no local interpreter stands in for image {image!r}")
        words[0] = interpreter
    return words


def _strip_uv_run(words: list[str]) -> list[str]:
    """Drop `uv run`'s own options: dependencies must already be installed locally."""
    with_value = {"--with", "--python", "-p", "--index-url", "--extra-index-url", "--with-editable"}
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in with_value else 1
    return words[index:]


def job_environment(
    *,
    job_id: str,
    flavor: str,
    workdir: Path,
    endpoint: str,
    environment: Mapping[str, str],
    secrets: Mapping[str, str],
    settings: JobSettings,
) -> dict[str, str]:
    """The clean environment a job process starts with (see the module docstring)."""
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": str(workdir),
        "HF_HOME": str(workdir / ".hf"),
        "HF_ENDPOINT": endpoint,
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        "JOB_ID": job_id,
        "ACCELERATOR": "none" if flavor.startswith(_CPU_FLAVORS) else flavor,
        "CPU_CORES": str(os.cpu_count() or 1),
        "MEMORY": "16Gi",
        **settings.extra_env,
    }
    env.update({name: str(value) for name, value in environment.items()})
    env.update({name: str(value) for name, value in secrets.items()})
    return env


def mask_secrets(line: str, secrets: Sequence[str]) -> tuple[str, int]:
    """`line` with every secret value replaced by `***`, and how many were replaced."""
    count = 0
    for value in secrets:
        if value and value in line:
            count += line.count(value)
            line = line.replace(value, SECRET_MASK)
    return line, count


class LocalProcess:
    """One job's process: started, read line by line, stopped on cancel or timeout."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        cwd: Path,
        secrets: Sequence[str],
        on_line: Callable[[str], None],
    ) -> None:
        self._secrets = [value for value in secrets if value]
        self._on_line = on_line
        self._stopped_by: str | None = None
        self._lock = threading.Lock()
        self.masked = 0
        cwd.mkdir(parents=True, exist_ok=True)
        self._process = subprocess.Popen(
            list(argv),
            env=dict(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() reaches its children
        )

    def wait(self, timeout: float) -> tuple[int, str | None]:
        """Read output until the process ends; (exit code, "timeout"/"cancel" or None)."""
        timer = threading.Timer(timeout, self.stop, args=("timeout",))
        timer.daemon = True
        timer.start()
        output = self._process.stdout
        assert output is not None
        try:
            with output:
                for raw in output:
                    text = raw.decode("utf-8", "replace").rstrip("\r\n")
                    line, count = mask_secrets(text, self._secrets)
                    self.masked += count
                    self._on_line(line)
            code = self._process.wait()
        finally:
            timer.cancel()
        return code, self._stopped_by

    def stop(self, reason: str = "cancel") -> None:
        """SIGTERM the process group, SIGKILL it if it is still there after a grace period."""
        with self._lock:
            if self._stopped_by is not None or self._process.poll() is not None:
                return
            self._stopped_by = reason
        self._signal(signal.SIGTERM)
        killer = threading.Timer(KILL_GRACE_SECONDS, self._signal, args=(signal.SIGKILL,))
        killer.daemon = True
        killer.start()

    def _signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, signum)
