"""The pure parts of running a sandbox job: command rewriting, environment, secret masking."""

from __future__ import annotations

from pathlib import Path

import pytest

from hfeval.sandbox.jobs_run import (
    JobSettings,
    UnknownImageError,
    job_environment,
    local_command,
    mask_secrets,
)

SETTINGS = JobSettings(interpreters={"python:3.12": "/opt/py312", "*": "/usr/bin/python3"})


@pytest.mark.parametrize(
    ("command", "image", "expected"),
    [
        (["python", "-c", "1"], "python:3.12", ["/opt/py312", "-c", "1"]),
        (["python3", "x.py"], "ubuntu", ["/usr/bin/python3", "x.py"]),
        (["echo", "hi"], "ubuntu", ["echo", "hi"]),
        (
            ["uv", "run", "--with", "inspect-ai==0.3.285", "--python", "3.12", "python", "-c", "1"],
            "python:3.12",
            ["/opt/py312", "-c", "1"],
        ),
        (
            ["uv", "run", "-q", "/data/job.py", "--x", "1"],
            "u",
            ["/usr/bin/python3", "/data/job.py", "--x", "1"],
        ),
    ],
)
def test_local_command(command: list[str], image: str, expected: list[str]) -> None:
    assert local_command(command, image, SETTINGS) == expected


def test_an_image_without_a_stand_in_is_refused() -> None:
    only = JobSettings(interpreters={"python:3.12": "/opt/py312"})
    with pytest.raises(UnknownImageError, match="'ubuntu'"):
        local_command(["python", "-c", "1"], "ubuntu", only)
    assert local_command(["echo"], "ubuntu", only) == ["echo"]


def test_job_environment_layers_job_env_and_secrets_over_a_clean_base(tmp_path: Path) -> None:
    env = job_environment(
        job_id="j1",
        flavor="cpu-basic",
        workdir=tmp_path,
        endpoint="http://127.0.0.1:1",
        environment={"A": "1", "HF_ENDPOINT": "http://elsewhere"},
        secrets={"HF_TOKEN": "s"},
        settings=JobSettings(extra_env={"B": "2"}),
    )
    assert env["HF_ENDPOINT"] == "http://elsewhere"
    assert (env["A"], env["B"], env["HF_TOKEN"], env["JOB_ID"], env["ACCELERATOR"]) == (
        "1",
        "2",
        "s",
        "j1",
        "none",
    )
    assert env["HOME"] == str(tmp_path)


def test_mask_secrets_counts_what_it_hid() -> None:
    assert mask_secrets("a tok b tok", ["tok", ""]) == ("a *** b ***", 2)
    assert mask_secrets("clean", ["tok"]) == ("clean", 0)
