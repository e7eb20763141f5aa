"""The `logs:` source entry: what validates, and file:line problems for what does not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hfeval.spec import LogsSource, SpecProblemsError, load_specs

WriteFiles = Callable[[dict[str, str]], Path]


def problems_of(text: str, spec_repo: WriteFiles) -> list[str]:
    spec_repo({"specs/a.yaml": f"model: acme/aurora\nsources:\n{text}"})
    with pytest.raises(SpecProblemsError) as caught:
        load_specs([Path("specs")])
    return [str(problem) for problem in caught.value.problems]


def test_local_and_hub_logs_validate(spec_repo: WriteFiles) -> None:
    spec_repo(
        {
            "specs/a.yaml": "model: acme/aurora\nsources:\n"
            "  - logs:\n      paths: [logs/, results/results_2026-01-04T12-00-00.json]\n"
            "      publish_partial: true\n      metrics: {gsm8k: accuracy}\n"
            "      scale: percent\n"
            "  - logs: {repo: acme/eval-logs, path: aurora/, revision: v1}\n"
        }
    )
    (loaded,) = load_specs([Path("specs")]).specs
    local, hub = (entry.config for entry in loaded.spec.sources)
    assert isinstance(local, LogsSource) and isinstance(hub, LogsSource)
    assert local.paths == ["logs/", "results/results_2026-01-04T12-00-00.json"]
    assert local.publish_partial and local.metrics == {"gsm8k": "accuracy"}
    assert (hub.repo, hub.path, hub.revision, hub.publish_partial) == (
        "acme/eval-logs",
        "aurora/",
        "v1",
        False,
    )
    assert [entry.kind for entry in loaded.spec.sources] == ["logs", "logs"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{}", 'give either "paths" (local logs) or "repo" (a Hub dataset repo)'),
        (
            "{paths: [logs], repo: acme/eval-logs}",
            'give either "paths" (local logs) or "repo" (a Hub dataset repo)',
        ),
        (
            "{paths: [logs], path: aurora/}",
            '"path" and "revision" go with "repo", not with "paths"',
        ),
        (
            "{repo: acme/x, url: 'https://x'}",
            '"url" is for local logs; Hub logs link to their files',
        ),
    ],
)
def test_bad_combinations_point_at_the_entry(
    spec_repo: WriteFiles, entry: str, message: str
) -> None:
    assert problems_of(f"  - readme: {{table: 1}}\n  - logs: {entry}\n", spec_repo) == [
        f"specs/a.yaml:4:5: {message}"
    ]


def test_bad_values_point_at_the_key(spec_repo: WriteFiles) -> None:
    problems = problems_of(
        "  - logs:\n      paths: []\n      scale: percentage\n      publish_partial: yes please\n"
        "      repo_: x\n",
        spec_repo,
    )
    assert problems[0].startswith("specs/a.yaml:4:7: ")
    assert problems[1].startswith("specs/a.yaml:5:7: ")
    assert "fraction" in problems[1] and "percent" in problems[1]
    assert problems[2].startswith("specs/a.yaml:6:7: ")
    assert problems[3].startswith('specs/a.yaml:7:7: unknown key "repo_"')
    assert len(problems) == 4


def test_a_hub_logs_repo_must_be_a_repo_id(spec_repo: WriteFiles) -> None:
    (problem,) = problems_of("  - logs: {repo: just-a-name}\n", spec_repo)
    assert problem.startswith("specs/a.yaml:3:")
    assert "is not a Hub repo id" in problem
