"""Benchmark leaderboards built from `.eval_results` files, read with the real client."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from huggingface_hub import CommitOperationAdd, HfApi
from huggingface_hub.errors import HfHubHTTPError

from hfeval.sandbox import Sandbox

HubRepoFactory = Callable[..., str]


def entry(dataset_id: str, value: float, extra: str = "") -> str:
    return f"- dataset: {{id: {dataset_id}, task_id: main}}\n  value: {value}\n{extra}"


def test_leaderboard_ranks_main_and_open_pr_results(
    sandbox: Sandbox, hub_repo: HubRepoFactory
) -> None:
    benchmark = hub_repo({"eval.yaml": "name: Bench\ntasks:\n- id: main\n"}, repo_type="dataset")
    strong = hub_repo({".eval_results/b.yaml": entry(benchmark, 80.5, "  notes: no-tools\n")})
    weak = hub_repo({".eval_results/b.yaml": entry(benchmark, 12.0)})
    derived = hub_repo(
        {
            "README.md": "---\nbase_model: org/base\n---\n",
            ".eval_results/b.yaml": entry(benchmark, 99),
        }
    )
    hub_repo({".eval_results/other.yaml": entry("someone/else", 50)})
    source = "  source: {url: 'https://example.org/run', name: Run}\n"
    community = HfApi().create_commit(
        weak,
        [CommitOperationAdd(".eval_results/c.yaml", entry(benchmark, 40, source).encode())],
        commit_message="Add community result",
        create_pr=True,
    )

    board = HfApi().get_dataset_leaderboard(benchmark)
    assert [(row.rank, row.model_id, row.value) for row in board] == [
        (1, strong, 80.5),
        (2, weak, 40),
        (3, weak, 12.0),
    ]
    assert board[0].notes == "no-tools" and board[0].pull_request is None
    assert board[1].pull_request == community.pr_num
    assert board[1].source is not None and board[1].source["url"] == "https://example.org/run"
    everything = HfApi().get_dataset_leaderboard(benchmark, base_model_only=False)
    assert everything[0].model_id == derived


def test_a_dataset_without_eval_yaml_has_no_leaderboard(hub_repo: HubRepoFactory) -> None:
    plain = hub_repo({"data.csv": "a,b\n"}, repo_type="dataset")
    with pytest.raises(HfHubHTTPError) as caught:
        HfApi().get_dataset_leaderboard(plain)
    assert caught.value.response.status_code == 404
