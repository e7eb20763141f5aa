"""EvalRun keys: everything that changes a number changes the key; where it runs does not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hfeval.evals.runs import EvalRun, JobsSettings, Versions, local_task_ref, plan_runs

VERSIONS = Versions(inspect_ai="0.3.285", inspect_evals="0.26.0")


def _run(**changes: object) -> EvalRun:
    (run,) = plan_runs(
        tasks=("inspect_evals/gsm8k",),
        model="hf-inference-providers/acme/aurora",
        model_repo="acme/aurora",
        model_sha="a" * 40,
        model_revision="c" * 64,
        spec_dir=Path("/specs"),
        versions=VERSIONS,
        task_file_hashes={},
        limit=100,
        generate={"temperature": 0},
    )
    return replace(run, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "change",
    [
        {"model_revision": "d" * 64},
        {"model": "hf-inference-providers/acme/aurora:fastest"},
        {"task": "inspect_evals/gpqa_diamond"},
        {"task_version": "0.28.0"},
        {"task_args": {"fewshot": 0}},
        {"limit": None},
        {"epochs": 4},
        {"model_args": {"device": "cuda"}},
        {"generate": {"temperature": 0.5}},
        {"inspect_version": "0.3.286"},
    ],
)
def test_everything_that_changes_a_number_changes_the_key(change: dict[str, object]) -> None:
    assert _run(**change).key != _run().key


def test_where_it_runs_and_local_paths_leave_the_key_alone() -> None:
    moved = _run(
        runner="hf-jobs",
        jobs=JobsSettings(flavor="a10g-small"),
        task_ref="/x/y.py",
        model_sha="b" * 40,  # a README-only commit: recorded, but the content is the same
    )
    assert moved.key == _run().key
    assert len(_run().key) == 24


def test_local_tasks_resolve_against_the_spec_and_are_versioned_by_file_hash() -> None:
    (run,) = plan_runs(
        tasks=("evals/arith.py@arith",),
        model="mockllm/model",
        model_repo="acme/aurora",
        model_sha=None,
        model_revision=None,
        spec_dir=Path("/specs/acme"),
        versions=VERSIONS,
        task_file_hashes={"evals/arith.py@arith": "f" * 64},
    )
    assert run.task_ref == "/specs/acme/evals/arith.py@arith"
    assert run.task_version == "f" * 64
    assert run.task_name == "arith" and run.is_local_task
    assert local_task_ref("t.py", Path("/a")) == "/a/t.py"


def test_sample_text() -> None:
    assert _run().sample_text == "100 samples"
    assert _run(limit=None, epochs=4).sample_text == "all samples x 4 epochs"
