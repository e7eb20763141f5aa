"""The sandbox's HF Jobs: job records, their stages, their logs, and running them locally.

A created job is SCHEDULING; a worker thread moves it to RUNNING when its process starts
(`jobs_run.LocalProcess`), then to COMPLETED (exit 0), ERROR (non-zero exit, timeout, or an image
with no local stand-in) or CANCELED. Every output line becomes a log event with a strictly
increasing timestamp, so the client's `tail` + `follow` resumption (it compares timestamps) works.
`follow_log` streams a log live while the job runs, as the Hub does: a client that does not follow
stops reading after a few seconds of silence or at the first line newer than the response.

Secrets are used for the process environment and for masking its output, and are then dropped:
job info answers carry secret names only, never values. `created` records every create request
as the client sent it, with each secret value replaced by its sha256, so tests can assert what
went where (the token in `secrets`, nowhere else) and how many jobs were submitted.

Jobs live in memory (a sandbox restart forgets them); each one's working directory is
`<data dir>/jobs/<id>/`.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hfeval.sandbox.jobs_run import (
    JobSettings,
    LocalProcess,
    UnknownImageError,
    job_environment,
    local_command,
)
from hfeval.sandbox.records import timestamp

TERMINAL_STAGES = frozenset({"COMPLETED", "CANCELED", "ERROR", "DELETED"})
SPACE_PREFIX = "https://huggingface.co/spaces/"
# The Hub sends an SSE comment every 30 s on a silent log stream; the sandbox does it sooner.
KEEP_ALIVE_SECONDS = 10.0


@dataclass
class SandboxJob:
    """One job. Mutated only under `JobStore.lock`."""

    id: str
    namespace: str
    owner: str
    spec: dict[str, Any]  # the create payload without `secrets`
    secret_names: tuple[str, ...]
    created_at: str
    stage: str = "SCHEDULING"
    message: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    log: list[tuple[str, str]] = field(default_factory=list)  # (timestamp, line)
    masked_secrets: int = 0
    process: LocalProcess | None = None
    cancel_requested: bool = False
    _last_log_time: datetime | None = None

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.spec.get("labels") or {})

    def add_log(self, line: str) -> None:
        now = datetime.now(UTC)
        if self._last_log_time is not None and now <= self._last_log_time:
            now = self._last_log_time + timedelta(microseconds=1)
        self._last_log_time = now
        self.log.append((now.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), line))

    def to_json(self, endpoint: str) -> dict[str, Any]:
        """The JobInfo the Hub answers with; secrets by name only."""
        spec = self.spec
        answer: dict[str, Any] = {
            "id": self.id,
            "createdAt": self.created_at,
            "command": spec.get("command"),
            "arguments": spec.get("arguments") or [],
            "environment": spec.get("environment") or {},
            "secrets": dict.fromkeys(self.secret_names),
            "flavor": spec.get("flavor") or "cpu-basic",
            "labels": self.labels or None,
            "status": {"stage": self.stage, "message": self.message},
            "owner": {"id": _hex_id(self.owner), "name": self.owner, "type": "user"},
            "initiator": {"type": "user", "id": _hex_id(self.owner), "name": self.owner},
            "url": f"{endpoint}/jobs/{self.namespace}/{self.id}",
        }
        for key in ("dockerImage", "spaceId", "volumes", "timeoutSeconds"):
            if spec.get(key) is not None:
                answer[key] = spec[key]
        if self.started_at:
            answer["startedAt"] = self.started_at
        if self.finished_at:
            answer["finishedAt"] = self.finished_at
        return answer


class JobStore:
    """All jobs of one sandbox server, and the threads that run them."""

    def __init__(self, work_dir: Path, settings: JobSettings) -> None:
        self.work_dir = work_dir
        self.settings = settings
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)  # notified on every log line and stage
        self.created: list[dict[str, Any]] = []  # create payloads, secrets hashed (see docstring)
        self._jobs: dict[str, SandboxJob] = {}
        self._threads: list[threading.Thread] = []
        self._closing = threading.Event()

    def create(
        self, namespace: str, owner: str, payload: Mapping[str, Any], endpoint: str
    ) -> SandboxJob:
        """Record a job and start running it; `endpoint` is the sandbox URL the job talks to."""
        secrets = {str(k): str(v) for k, v in (payload.get("secrets") or {}).items()}
        spec = {key: value for key, value in payload.items() if key != "secrets"}
        job = SandboxJob(
            id=uuid.uuid4().hex[:24],
            namespace=namespace,
            owner=owner,
            spec=spec,
            secret_names=tuple(secrets),
            created_at=timestamp(),
        )
        recorded = {**spec, "namespace": namespace, "id": job.id}
        if secrets:
            recorded["secrets"] = {name: _sha256(value) for name, value in secrets.items()}
        with self.lock:
            self._jobs[job.id] = job
            self.created.append(recorded)
            thread = threading.Thread(
                target=self._execute,
                args=(job, secrets, endpoint),
                name=f"sandbox-job-{job.id}",
                daemon=True,
            )
            self._threads.append(thread)
        thread.start()
        return job

    def get(self, namespace: str, job_id: str) -> SandboxJob | None:
        with self.lock:
            job = self._jobs.get(job_id)
            return job if job is not None and job.namespace == namespace else None

    def matching(
        self, namespace: str, *, stages: frozenset[str] = frozenset(), labels: Mapping[str, str]
    ) -> list[SandboxJob]:
        """Jobs in `namespace`, oldest first, with one of `stages` (if any) and all `labels`."""
        with self.lock:
            return [
                job
                for job in self._jobs.values()
                if job.namespace == namespace
                and (not stages or job.stage in stages)
                and all(job.labels.get(key) == value for key, value in labels.items())
            ]

    def info(self, job: SandboxJob, endpoint: str) -> dict[str, Any]:
        """The job's JobInfo JSON, read consistently while its worker may be changing it."""
        with self.lock:
            return job.to_json(endpoint)

    def cancel(self, job: SandboxJob) -> None:
        with self.lock:
            if job.stage in TERMINAL_STAGES:
                return
            job.cancel_requested = True
            process = job.process
            if process is None:
                self._finish(job, "CANCELED", "Job was canceled")
        if process is not None:
            process.stop("cancel")

    def follow_log(
        self, job: SandboxJob, tail: int | None, *, keep_alive: float = KEEP_ALIVE_SECONDS
    ) -> Iterator[list[tuple[str, str]]]:
        """The log as batches of (timestamp, line): what is there now (`tail` keeps its end),
        then new lines as they come, until the job is terminal. The first batch starts with the
        Hub's `===== Job started` banner; an empty batch means nothing happened for `keep_alive`
        seconds (the caller sends a keep-alive comment, which also notices a departed client)."""
        with self.changed:
            events = [(job.created_at, f"===== Job started at {_banner_time(job)} =====")]
            events += job.log
            position = len(job.log)
            finished = job.stage in TERMINAL_STAGES
        yield events[-tail:] if tail is not None and tail > 0 else events
        while not finished:
            with self.changed:
                if len(job.log) == position and job.stage not in TERMINAL_STAGES:
                    self.changed.wait(keep_alive)
                batch = job.log[position:]
                position = len(job.log)
                finished = job.stage in TERMINAL_STAGES
            yield batch

    def wait(self, job_id: str, timeout: float = 30.0) -> SandboxJob:
        """Block until a job is terminal (for tests); returns it either way."""
        with self.lock:
            thread = next(t for t in self._threads if t.name == f"sandbox-job-{job_id}")
        thread.join(timeout)
        with self.lock:
            return self._jobs[job_id]

    def shutdown(self) -> None:
        """Cancel whatever still runs (the server is stopping)."""
        self._closing.set()
        with self.lock:
            running = [job for job in self._jobs.values() if job.stage not in TERMINAL_STAGES]
        for job in running:
            self.cancel(job)

    # -- execution ---------------------------------------------------------------------------

    def _execute(self, job: SandboxJob, secrets: Mapping[str, str], endpoint: str) -> None:
        if self._closing.wait(self.settings.scheduling_delay) or job.cancel_requested:
            self.cancel(job)
            return
        spec = job.spec
        image = str(spec.get("dockerImage") or SPACE_PREFIX + str(spec.get("spaceId")))
        try:
            command = [*spec["command"], *(spec.get("arguments") or [])]
            argv = local_command(command, image, self.settings)
        except UnknownImageError as error:
            with self.lock:
                self._finish(job, "ERROR", str(error))
            return
        workdir = self.work_dir / job.id
        env = job_environment(
            job_id=job.id,
            flavor=str(spec.get("flavor") or "cpu-basic"),
            workdir=workdir,
            endpoint=endpoint,
            environment=spec.get("environment") or {},
            secrets=secrets,
            settings=self.settings,
        )
        with self.lock:
            if job.cancel_requested:
                return
            try:
                process = LocalProcess(
                    argv,
                    env=env,
                    cwd=workdir,
                    secrets=list(secrets.values()),
                    on_line=self._logger(job),
                )
            except OSError as error:
                self._finish(job, "ERROR", f"cannot start {argv[0]!r}: {error.strerror or error}")
                return
            job.process = process
            job.stage, job.started_at = "RUNNING", timestamp()
            self.changed.notify_all()
        del env, secrets  # the values live on only in the process and its mask
        timeout = float(spec.get("timeoutSeconds") or self.settings.default_timeout)
        code, stopped_by = process.wait(timeout)
        with self.lock:
            job.masked_secrets = process.masked
            if stopped_by == "cancel":
                self._finish(job, "CANCELED", "Job was canceled")
            elif stopped_by == "timeout":
                self._finish(job, "ERROR", f"Job timed out after {timeout:g} seconds")
            elif code != 0:
                self._finish(job, "ERROR", f"Job failed with exit code {code}")
            else:
                self._finish(job, "COMPLETED", None)

    def _logger(self, job: SandboxJob) -> Callable[[str], None]:
        def on_line(line: str) -> None:
            with self.changed:
                job.add_log(line)
                self.changed.notify_all()

        return on_line

    def _finish(self, job: SandboxJob, stage: str, message: str | None) -> None:
        """Move a job to a terminal stage; the caller holds the lock."""
        job.stage, job.message, job.finished_at = stage, message, timestamp()
        self.changed.notify_all()


def _banner_time(job: SandboxJob) -> str:
    return job.created_at.replace("T", " ")[:19]


def _sha256(value: str) -> str:
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()


def _hex_id(name: str) -> str:
    return hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:24]
