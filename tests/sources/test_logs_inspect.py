"""inspect-ai logs (.eval and .json) read through inspect's own log API."""

from __future__ import annotations

import sys

import pytest
from logs_helpers import InspectLogs, make_inspect_logs

from hfeval.errors import SourceError
from hfeval.sources.logs_inspect import read_inspect_log
from hfeval.sources.logs_records import INSPECT


@pytest.fixture
def inspect_logs(tmp_path_factory: pytest.TempPathFactory) -> InspectLogs:
    return make_inspect_logs(tmp_path_factory)


@pytest.mark.parametrize("which", ["eval_log", "json_log"])
def test_reads_a_finished_run(inspect_logs: InspectLogs, which: str) -> None:
    path = getattr(inspect_logs, which)
    run = read_inspect_log(path, "shown/path")
    assert run.harness == INSPECT
    assert run.file == "shown/path"
    assert run.task == "gsm8k"
    assert run.model == "mockllm/acme/aurora-7b-instruct"
    assert run.status == "success"
    assert run.metrics == {"accuracy": pytest.approx(2 / 3)}
    assert run.stderr["accuracy"] == pytest.approx(1 / 3)
    assert run.headline == "accuracy"
    assert (run.samples, run.dataset_samples, run.epochs) == (3, 3, 1)
    assert run.partial is None
    assert run.run_date is not None and len(run.run_date) == 10


def test_a_limited_run_is_partial(inspect_logs: InspectLogs) -> None:
    run = read_inspect_log(inspect_logs.partial, "p.eval")
    assert run.limit == "2"
    assert run.partial == "2 of 3 samples"


def test_an_error_log_carries_status_and_message(inspect_logs: InspectLogs) -> None:
    run = read_inspect_log(inspect_logs.failed, "f.eval")
    assert run.status == "error"
    assert run.error is not None and "sandbox unavailable" in run.error
    assert run.metrics == {}


def test_missing_inspect_names_the_extra(
    inspect_logs: InspectLogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "inspect_ai.log", None)  # import now raises ImportError
    with pytest.raises(SourceError) as caught:
        read_inspect_log(inspect_logs.eval_log, "logs/run.eval")
    assert "logs/run.eval is an inspect-ai log, and inspect-ai is not installed" in str(
        caught.value
    )
    assert "pip install 'hfeval[inspect]'" in str(caught.value)


def test_a_damaged_log_is_a_source_error(tmp_path) -> None:
    broken = tmp_path / "x.eval"
    broken.write_bytes(b"not a zip")
    with pytest.raises(SourceError, match=r"cannot read inspect log x\.eval"):
        read_inspect_log(broken, "x.eval")
