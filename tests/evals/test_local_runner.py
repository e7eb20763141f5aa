"""The local runner waits for a key another process is running, then uses its stored result;
scripted mockllm answers; a stored log without inspect-ai installed."""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from hfeval.errors import SourceError
from hfeval.evals.local import LocalRunner, model_args_for
from hfeval.evals.runner import NullProgress
from hfeval.evals.runs import EvalRun
from hfeval.evals.store import ResultStore
from hfeval.registry import default_registry
from hfeval.sources.base import RunContext
from hfeval.sources.inspect_source import run_status
from hfeval.spec import InspectSource

RUN = EvalRun(
    model_repo="acme/aurora",
    model_sha=None,
    model_revision=None,
    model="mockllm/model",
    task="missing.py@missing",
    task_ref="/nonexistent/missing.py@missing",  # would fail if inspect were asked to run it
    task_version=None,
    inspect_version=None,
)


def _hold_then_finish(root: str, ready: object) -> None:
    store = ResultStore(Path(root))
    with store.lock(RUN.key):
        ready.set()  # type: ignore[attr-defined]
        time.sleep(1.0)
        log = Path(root) / "elsewhere.json"
        log.write_text("{}", encoding="utf-8")
        store.record_done(RUN, log)


def test_a_run_finished_by_another_process_meanwhile_is_not_run_again(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    other = context.Process(target=_hold_then_finish, args=(str(tmp_path), ready))
    other.start()
    assert ready.wait(10)
    started = time.monotonic()
    (outcome,) = LocalRunner(parallelism=2).run([RUN], ResultStore(tmp_path), NullProgress())
    other.join(10)
    assert outcome.state == "done"  # from the store: inspect never saw the missing task file
    assert time.monotonic() - started > 0.5  # it waited for the other process's lock
    entry = ResultStore(tmp_path).get(RUN.key)
    assert entry is not None and entry.log_file == "log.json"


def test_mockllm_scripted_answers_become_outputs_with_usage() -> None:
    args = model_args_for("mockllm/model", {"custom_outputs": ["4", {"model": "m", "choices": []}]})
    first, second = args["custom_outputs"]
    assert first.completion == "4" and first.usage.total_tokens == 2
    assert second.model == "m" and second.usage is not None
    assert model_args_for("openai-api/x/y", {"custom_outputs": ["4"]}) == {"custom_outputs": ["4"]}


def test_reading_a_stored_log_without_inspect_ai_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ResultStore(tmp_path)
    log = tmp_path / "x.eval"
    log.write_bytes(b"not read")
    store.record_done(RUN, log)
    context = cast(RunContext, SimpleNamespace(registry=default_registry()))
    config = InspectSource(tasks=[RUN.task], model=RUN.model)
    monkeypatch.setitem(sys.modules, "inspect_ai.log", None)  # `import` now raises ImportError
    with pytest.raises(SourceError) as caught:
        run_status(RUN, store.get(RUN.key), store, config, context)
    assert caught.value.hint is not None and "pip install 'hfeval[inspect]'" in caught.value.hint
