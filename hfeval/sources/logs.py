"""The `logs:` source kind: publish evaluations already run, from local files or a Hub dataset.

Finding and reading the files is `logs_files.py` (inspect through inspect-ai's log API, lm-eval
and lighteval JSON by hand); turning their task runs into observations is `logs_result.py`.

Links. Local logs are shown by path but never published as a URL: the result's `source.url` is
the spec's `url:`, else the model's Hub page. Hub logs link each `.eval_results` entry to its file
(`…/datasets/<repo>/blob/<sha>/<path>`); the model-index `source.url` is the logs folder
(`…/datasets/<repo>/tree/<revision>/<path>`), which stays the same when the repo gains a commit, so
hfeval keeps recognising the result blocks it wrote.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel

from hfeval.errors import SourceError
from hfeval.observations import SourceResult
from hfeval.sources.base import Need, RunContext, Shared, SourceRequest
from hfeval.sources.logs_files import hub_log_files, local_log_files, read_log_files
from hfeval.sources.logs_result import logs_source_result
from hfeval.spec import LogsSource


class LogsKind:
    """Scores from inspect-ai, lm-evaluation-harness and lighteval logs."""

    key: ClassVar[str] = "logs"
    config_type: ClassVar[type[BaseModel]] = LogsSource
    needs: ClassVar[frozenset[Need]] = frozenset({Need.HUB, Need.LOCAL_FILES})
    shared: ClassVar[tuple[Shared[Any], ...]] = ()

    def resolve(
        self, config: LogsSource, request: SourceRequest, context: RunContext
    ) -> SourceResult:
        public_url = context.config.public_url.rstrip("/")
        if config.repo is not None:
            files = hub_log_files(
                context.hub, config.repo, config.path, config.revision, public_url
            )
            folder = (config.path or "").strip("/")
            source_url = f"{public_url}/datasets/{config.repo}"
            if folder or config.revision:
                source_url += f"/tree/{config.revision or 'main'}/{folder}".rstrip("/")
        else:
            assert config.paths is not None  # the spec model requires paths or repo
            files = local_log_files(config.paths, request.spec_dir)
            source_url = config.url or f"{public_url}/{request.model}"
        read = read_log_files(files)
        if not read.runs:
            raise SourceError(
                "none of these files is an inspect, lm-evaluation-harness or lighteval log: "
                + ", ".join(read.not_logs[:5])
            )
        return logs_source_result(
            read.runs,
            config,
            registry=context.registry,
            model=request.model,
            source_url=source_url,
            task_type=context.config.task,
            not_logs=read.not_logs,
        )
