"""Following one Hugging Face Job while it runs: its stage, polled, and its log, streamed.

`JobWatch.wait` polls `inspect_job` at intervals that grow from half a second to the runner's
poll interval (short jobs end soon after they start, long ones need not be asked every second)
and raises `TimeoutError` past its limit, as `HfApi.wait_for_job` does. `start_log` streams the
job's log in a daemon thread: inspect's sample counter becomes sample progress, other lines become
messages, and the last lines are kept for the report of a failed job.
"""

from __future__ import annotations

import collections
import re
import threading
import time
from typing import Any

from huggingface_hub import HfApi

from hfeval.evals.runner import Progress
from hfeval.evals.runs import EvalRun
from hfeval.hub import hub_call

TERMINAL = frozenset({"COMPLETED", "CANCELED", "ERROR", "DELETED"})
FIRST_POLL = 0.5  # seconds
TAIL_LINES = 20
# inspect's plain display prints "generate | Steps: 5/5 100% | Samples:   5/  5 | ...".
_SAMPLES = re.compile(r"\bSamples:\s*(\d+)\s*/\s*(\d+)")


class JobWatch:
    """One job of one run, reported to `progress`; `stopping` ends the watch early."""

    def __init__(
        self,
        api: HfApi,
        namespace: str,
        job_id: str,
        run: EvalRun,
        progress: Progress,
        *,
        stopping: threading.Event,
        poll_interval: float,
    ) -> None:
        self.api, self.namespace, self.job_id = api, namespace, job_id
        self.run, self.progress = run, progress
        self.stopping, self.poll_interval = stopping, poll_interval
        self.tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        self._follower = threading.Thread(target=self._stream_log, daemon=True)

    def start_log(self) -> None:
        self._follower.start()

    def wait(self, limit: float) -> Any:
        """The job's final JobInfo; TimeoutError after `limit` seconds, KeyboardInterrupt when
        the runner is stopping."""
        deadline = time.monotonic() + limit
        last = None
        delay = min(FIRST_POLL, self.poll_interval)
        while True:
            info = hub_call(
                self.job_id,
                lambda: self.api.inspect_job(job_id=self.job_id, namespace=self.namespace),
            )
            stage = str(info.status.stage)
            if stage != last:
                self.progress.message(self.run, f"job {self.job_id} {stage}")
                last = stage
            if stage in TERMINAL:
                self._follower.join(timeout=10)  # let the stream deliver the last lines
                return info
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"HF Job {self.job_id} is still {stage} after {limit:,.0f} s; "
                    "it is left running and the next `hfeval eval` re-attaches to it"
                )
            if self.stopping.wait(delay):
                raise KeyboardInterrupt  # the runner is shutting down
            delay = min(delay * 1.5, self.poll_interval)

    def final_tail(self) -> list[str]:
        """The end of a finished job's log (blank lines and rules left out), else what the
        stream saw."""
        try:
            lines = self.api.fetch_job_logs(
                job_id=self.job_id, namespace=self.namespace, tail=2 * TAIL_LINES
            )
            kept = [line.rstrip() for line in lines if line.strip(" -")][-TAIL_LINES:]
        except Exception:  # a failed job's log may be gone; the stage says enough
            kept = []
        return kept or list(self.tail)

    def _stream_log(self) -> None:
        try:
            for line in self.api.fetch_job_logs(
                job_id=self.job_id, namespace=self.namespace, follow=True
            ):
                self.tail.append(line)
                report_line(self.progress, self.run, line)
                if self.stopping.is_set():
                    return
        except Exception:  # the log stream is only for show; the stage decides
            return


def report_line(progress: Progress, run: EvalRun, line: str) -> None:
    """A job log line as progress: inspect's sample counter as samples, text as a message;
    blank lines and inspect's rules are left out."""
    counted = _SAMPLES.search(line)
    if counted:
        progress.samples(run, completed=int(counted[1]), total=int(counted[2]))
    elif line.strip(" -"):
        progress.message(run, line.rstrip())
