"""The `hf-jobs` runner: one Hugging Face Job per run, followed, and its log collected.

For each run, at most `parallelism` at a time:

1. attach or submit, under the run's store lock: the job id the store recorded, else a job
   labelled with the run key (`list_jobs(labels=...)`, for a store that lost it), unless that job
   failed; else the log already in the results repo (collected without a job); else a new job
   (`job_spec.build_job_spec`, with the token as the `HF_TOKEN` secret) whose id is recorded in
   the store *before* any waiting, so an interrupted `hfeval eval` re-attaches next time;
2. follow it: its stage, polled, and its log lines, streamed in a background thread, both
   reported to the `Progress`;
3. collect: a COMPLETED job's log is downloaded from the results repo into the store with its
   Hub file URL (pinned to the commit) and the job id; an ERROR or CANCELED job is stored as
   failed with its status, and its log tail is returned. Nothing of a failed job is published.

A run that is still unfinished after its timeout (plus time to be scheduled) is reported and
left running: its entry stays `submitted`, and the next `hfeval eval` picks it up.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from huggingface_hub import HfApi, get_token, hf_hub_download, hf_hub_url
from huggingface_hub.errors import JobNotFoundError

from hfeval.errors import EvalError, HfevalError
from hfeval.evals.job_spec import (
    KEY_LABEL,
    LABEL,
    build_job_spec,
    cli_command,
    job_settings,
    log_path_in_repo,
    task_file_path,
    timeout_seconds,
)
from hfeval.evals.job_watch import JobWatch
from hfeval.evals.runner import Progress, RunOutcome
from hfeval.evals.runs import EvalRun
from hfeval.evals.store import ResultStore
from hfeval.hub import hub_call

REUSABLE = frozenset({"SCHEDULING", "RUNNING", "COMPLETED"})
HUB_DEFAULT_TIMEOUT = 1800.0  # what the Hub applies to a job without a timeout
SCHEDULING_GRACE = 1800.0  # how long a job may wait for hardware before hfeval stops waiting


class HfJobsRunner:
    """Runs evaluations as Hugging Face Jobs, `parallelism` jobs in flight at a time."""

    name = "hf-jobs"

    def __init__(
        self,
        *,
        parallelism: int = 4,
        endpoint: str | None = None,
        api: HfApi | None = None,
        poll_interval: float = 5.0,
    ) -> None:
        self.parallelism = max(1, parallelism)
        self.api = api or HfApi(endpoint=endpoint.rstrip("/") if endpoint else None)
        self.poll_interval = poll_interval
        self.stopping = threading.Event()

    def run(
        self, runs: Sequence[EvalRun], store: ResultStore, progress: Progress
    ) -> list[RunOutcome]:
        if not runs:
            return []
        token = get_token()
        if not token:
            raise EvalError(
                "HF Jobs need a Hugging Face token",
                hint="log in with `hf auth login` or set HF_TOKEN",
            )
        namespace = str(hub_call("whoami", lambda: self.api.whoami())["name"])
        for repo in sorted({job_settings(run).results_repo or "" for run in runs}):
            self._ensure_dataset(repo)
        labelled = self._labelled_jobs(namespace)
        session = _Session(self, store, progress, namespace, token, labelled)
        self.stopping.clear()
        pool = ThreadPoolExecutor(self.parallelism, thread_name_prefix="hfeval-job")
        try:
            futures = [pool.submit(session.one, run) for run in runs]
            pending = set(futures)
            while pending:
                # Short waits: Ctrl-C may be delivered to a worker thread, and the main thread
                # only notices it when it runs Python code again.
                done, pending = wait(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
                for future in done:
                    future.result()  # re-raises a worker's exception here
            return [future.result() for future in futures]
        except BaseException:
            # Ctrl-C (or a failure): stop waiting; submitted jobs keep running on the Hub and
            # the store knows their ids, so the next `hfeval eval` re-attaches to them.
            self.stopping.set()
            pool.shutdown(wait=False, cancel_futures=True)
            for run, job_id in list(session.in_flight.values()):
                progress.message(
                    run, f"stopped waiting; job {job_id} keeps running: `hfeval eval` collects it"
                )
            raise
        finally:
            pool.shutdown(wait=True)

    def describe(self, run: EvalRun) -> str:
        """The job as the equivalent `hf jobs run` command line; `-s HF_TOKEN` is the secret
        (the CLI reads it from the local login), and the in-job script is shown by name."""
        task_file = f"<text of {task_file_path(run)}>" if run.is_local_task else None
        spec = build_job_spec(
            run, model_args=dict(run.model_args), task_source=task_file, endpoint=self.api.endpoint
        )
        return cli_command(spec)

    def _ensure_dataset(self, repo: str) -> None:
        """The results repo, created (public, the Hub's default) when it does not exist yet."""
        hub_call(repo, lambda: self.api.create_repo(repo, repo_type="dataset", exist_ok=True))

    def _labelled_jobs(self, namespace: str) -> dict[str, list[Any]]:
        """hfeval's jobs in the namespace by run key, oldest first."""
        jobs = hub_call(
            namespace, lambda: list(self.api.list_jobs(labels={LABEL: "1"}, namespace=namespace))
        )
        found: dict[str, list[Any]] = {}
        for job in jobs:
            key = (job.labels or {}).get(KEY_LABEL)
            if key:
                found.setdefault(key, []).append(job)
        return found


class _Session:
    """One `run()` call's shared state, used from the pool's threads."""

    def __init__(
        self,
        runner: HfJobsRunner,
        store: ResultStore,
        progress: Progress,
        namespace: str,
        token: str,
        labelled: dict[str, list[Any]],
    ) -> None:
        self.runner, self.api = runner, runner.api
        self.store, self.progress = store, progress
        self.namespace, self._token, self.labelled = namespace, token, labelled
        self.in_flight: dict[str, tuple[EvalRun, str]] = {}  # run key -> (run, job id)

    def one(self, run: EvalRun) -> RunOutcome:
        self.progress.started(run, total_samples=None)
        try:
            job_id = self._attach_or_submit(run)  # None: the log is already in the results repo
            outcome = self._collect(run, None) if job_id is None else self._follow(run, job_id)
        except HfevalError as error:
            # The Hub refused the job or stopped answering: this run fails, the others go on.
            # A submitted job's entry stays `submitted`, so the next eval re-attaches to it.
            outcome = RunOutcome(run, "failed", error=str(error))
        self.in_flight.pop(run.key, None)
        self.progress.finished(outcome)
        return outcome

    # -- 1. attach or submit -----------------------------------------------------------------

    def _attach_or_submit(self, run: EvalRun) -> str | None:
        with self.store.lock(run.key):
            entry = self.store.get(run.key)
            recorded = entry.job_id if entry and entry.state == "submitted" else None
            candidates = [recorded] if recorded else []
            candidates += [job.id for job in reversed(self.labelled.get(run.key, []))]
            for job_id in candidates:
                stage = self._stage(job_id)
                if stage == "COMPLETED" and not self._log_exists(run):
                    continue  # finished, but its log is gone from the results repo: run again
                if stage in REUSABLE:
                    if job_id != recorded:
                        self.store.record_submitted(run, job_id=job_id, job_url=self._url(job_id))
                    self.in_flight[run.key] = (run, job_id)
                    self.progress.message(run, f"re-attached to job {job_id} ({stage})")
                    return job_id
            if self._log_exists(run):
                self.progress.message(run, "log already in the results repo")
                return None
            spec = build_job_spec(
                run,
                model_args=dict(run.model_args),
                task_source=_task_source(run),
                endpoint=self.api.endpoint,
            )
            job = hub_call(
                f"HF Jobs in {self.namespace}",
                lambda: self.api.run_job(
                    image=spec.image,
                    command=spec.command,
                    env=spec.env,
                    secrets={"HF_TOKEN": self._token},
                    flavor=spec.flavor,
                    timeout=spec.timeout,
                    labels=spec.labels,
                    name=spec.name,
                    namespace=self.namespace,
                ),
                retry=False,  # a retried create could start a second job
            )
            self.store.record_submitted(run, job_id=job.id, job_url=job.url)
            self.in_flight[run.key] = (run, str(job.id))
        self.progress.message(run, f"submitted job {job.id} ({spec.flavor})")
        return str(job.id)

    def _stage(self, job_id: str) -> str | None:
        try:
            info = self.api.inspect_job(job_id=job_id, namespace=self.namespace)
        except JobNotFoundError:
            return None
        return str(info.status.stage)

    def _log_exists(self, run: EvalRun) -> bool:
        repo = job_settings(run).results_repo or ""
        path = log_path_in_repo(run)
        return bool(hub_call(repo, lambda: self.api.file_exists(repo, path, repo_type="dataset")))

    def _url(self, job_id: str) -> str:
        return f"{self.api.endpoint}/jobs/{self.namespace}/{job_id}"

    # -- 2. follow -----------------------------------------------------------------------------

    def _follow(self, run: EvalRun, job_id: str) -> RunOutcome:
        watch = JobWatch(
            self.api,
            self.namespace,
            job_id,
            run,
            self.progress,
            stopping=self.runner.stopping,
            poll_interval=self.runner.poll_interval,
        )
        watch.start_log()
        limit = timeout_seconds(job_settings(run).timeout) or HUB_DEFAULT_TIMEOUT
        try:
            info = watch.wait(limit + SCHEDULING_GRACE)
        except TimeoutError as waited_too_long:
            return RunOutcome(run, "failed", error=str(waited_too_long), log_tail=tuple(watch.tail))
        stage = str(info.status.stage)
        if stage == "COMPLETED":
            return self._collect(run, job_id)
        message = f": {info.status.message}" if info.status.message else ""
        error = f"HF Job {job_id} {stage}{message}"
        with self.store.lock(run.key):
            self.store.record_failed(run, error, job_id=job_id)
        return RunOutcome(run, "failed", error=error, log_tail=tuple(watch.final_tail()))

    # -- 3. collect ------------------------------------------------------------------------------

    def _collect(self, run: EvalRun, job_id: str | None) -> RunOutcome:
        repo = job_settings(run).results_repo or ""
        path = log_path_in_repo(run)
        try:
            local = hub_call(
                repo,
                lambda: hf_hub_download(
                    repo, path, repo_type="dataset", endpoint=self.api.endpoint
                ),
            )
            metadata = hub_call(
                repo,
                lambda: self.api.get_hf_file_metadata(
                    url=hf_hub_url(repo, path, repo_type="dataset", endpoint=self.api.endpoint)
                ),
            )
        except Exception as error:
            message = f"the job finished but its log {path} is not in {repo}: {error}"
            with self.store.lock(run.key):
                self.store.record_failed(run, message, job_id=job_id)
            return RunOutcome(run, "failed", error=message)
        url = f"{self.api.endpoint}/datasets/{repo}/blob/{metadata.commit_hash}/{path}"
        with self.store.lock(run.key):
            self.store.record_done(run, Path(local), log_url=url, job_id=job_id)
        self.progress.message(run, f"collected {url}")
        return RunOutcome(run, "done")


def _task_source(run: EvalRun) -> str | None:
    if not run.is_local_task:
        return None
    file = task_file_path(run)
    try:
        return file.read_text(encoding="utf-8")
    except OSError as error:
        raise EvalError(f"cannot read the task file {file}: {error.strerror or error}") from error
