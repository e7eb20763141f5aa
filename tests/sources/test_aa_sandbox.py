"""The Artificial Analysis client and resolver over real HTTP against the sandbox's AA endpoint.

Faults (429, 5xx, malformed JSON) are injected on the running sandbox; sleeping is replaced by a
recorder so a `Retry-After: 1` costs no wall time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hfeval.errors import ArtificialAnalysisError
from hfeval.registry import default_registry
from hfeval.sandbox import Sandbox
from hfeval.sources.aa_client import ArtificialAnalysisClient
from hfeval.sources.artificial_analysis import resolve_artificial_analysis
from hfeval.spec import ArtificialAnalysisSource

CLASSIC_PATH = "/aa/api/v2/data/llms/models"
KEY = "sandbox-test-key"
MakeClient = Callable[..., ArtificialAnalysisClient]


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def make_client(sandbox: Sandbox, tmp_path: Path, slept: list[float]) -> MakeClient:
    """A client on the sandbox's AA endpoint with its own empty cache; overrides as kwargs."""

    def make(**overrides: Any) -> ArtificialAnalysisClient:
        options: dict[str, Any] = {
            "cache_dir": tmp_path / "cache",
            "flavor": "classic",
            "sleep": slept.append,
        }
        options.update(overrides)
        api_key = options.pop("api_key", KEY)
        return ArtificialAnalysisClient(f"{sandbox.url}/aa/api/v2", api_key, **options)

    return make


def cirrus_scores(client: ArtificialAnalysisClient, **config: Any) -> dict[str | None, float]:
    source = ArtificialAnalysisSource(creator="acme", model="cirrus-2-mini", **config)
    result = resolve_artificial_analysis(source, client.catalogue(), registry=default_registry())
    return {o.benchmark_type: o.value for o in result.observations}


@pytest.mark.parametrize(("flavor", "requests"), [("classic", 1), ("language", 3), ("auto", 3)])
def test_both_shapes_over_http(flavor: str, requests: int, make_client: MakeClient) -> None:
    client = make_client(flavor=flavor)
    scores = cirrus_scores(client, metrics=["gpqa", "mmlu_pro", "aime_25"], scale="percent")
    assert scores == {"gpqa_diamond": 65.2, "mmlu_pro": 78.1, "aime_2025": 57.7}
    assert client.requests_sent == requests


def test_forbidden_key_over_http(make_client: MakeClient) -> None:
    with pytest.raises(ArtificialAnalysisError, match=r"refused access with this key \(403\)"):
        make_client(api_key="forbidden-key", flavor="auto").catalogue()


def test_429_with_retry_after_is_waited_out(
    sandbox: Sandbox, make_client: MakeClient, slept: list[float]
) -> None:
    sandbox.faults.add(
        method="GET", path_prefix=CLASSIC_PATH, status=429, headers={"Retry-After": "1"}, times=2
    )
    client = make_client()
    assert len(client.catalogue().models) == 9
    assert (slept, client.requests_sent) == ([1.0, 1.0], 3)


def test_persistent_5xx_gives_up(
    sandbox: Sandbox, make_client: MakeClient, slept: list[float]
) -> None:
    sandbox.faults.add(method="GET", path_prefix=CLASSIC_PATH, status=503, times=3)
    with pytest.raises(ArtificialAnalysisError, match=r"server error \(503\)"):
        make_client(max_attempts=3).catalogue()
    assert slept == [1.0, 2.0]


def test_malformed_json_over_http(sandbox: Sandbox, make_client: MakeClient) -> None:
    sandbox.faults.add(method="GET", path_prefix=CLASSIC_PATH, status=200, body="{not json")
    with pytest.raises(ArtificialAnalysisError, match="malformed JSON"):
        make_client().catalogue()


def test_second_run_is_served_from_the_cache(make_client: MakeClient) -> None:
    make_client().catalogue()
    again = make_client()
    assert again.catalogue().from_cache
    assert again.requests_sent == 0
    assert make_client(refresh=True).catalogue().from_cache is False


def test_environment_and_dotenv_point_at_the_sandbox(
    sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text(f"AA_API_KEY={KEY}\nAA_API_FLAVOR=language\n", "utf-8")
    monkeypatch.setenv("AA_API_URL", f"{sandbox.url}/aa/api/v2")
    monkeypatch.setenv("HFEVAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("AA_API_FLAVOR", raising=False)
    client = ArtificialAnalysisClient.from_environment(tmp_path)
    assert client.catalogue().flavor == "language"
    assert cirrus_scores(client, metrics=["gpqa"]) == {"gpqa_diamond": 0.652}
