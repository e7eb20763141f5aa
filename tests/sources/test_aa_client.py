"""The Artificial Analysis client through httpx.MockTransport: shapes, errors, retries, cache.

The mock answers with the sandbox endpoint's own `handle` (so both API shapes come from the same
fixture the demo uses), unless a test scripts other responses first.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

from hfeval.errors import ArtificialAnalysisError
from hfeval.sandbox import aa_api
from hfeval.sources.aa_client import ArtificialAnalysisClient
from hfeval.sources.aa_settings import DEFAULT_BASE_URL

BASE = "https://aa.test/aa/api/v2"
KEY = "aa-secret-key-123"
FIXTURE_MODELS = 9
MakeClient = Callable[..., ArtificialAnalysisClient]


class FakeAA:
    """A MockTransport handler: scripted responses first, then the sandbox endpoint."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.scripted: list[Callable[[httpx.Request], httpx.Response]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.scripted:
            return self.scripted.pop(0)(request)
        return self.sandbox_response(request)

    def sandbox_response(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/aa")
        query = parse_qs(request.url.query.decode())
        status, headers, body = aa_api.handle(request.method, path, query, dict(request.headers))
        return httpx.Response(status, headers=headers, content=body)

    def then(
        self, status: int, *, headers: dict[str, str] | None = None, body: bytes = b"{}"
    ) -> FakeAA:
        self.scripted.append(lambda _: httpx.Response(status, headers=headers, content=body))
        return self

    @property
    def paths(self) -> list[str]:
        return [request.url.path.removeprefix("/aa/api/v2/") for request in self.requests]


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def fake() -> FakeAA:
    return FakeAA()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_client(fake: FakeAA, clock: Clock, tmp_path: Path) -> MakeClient:
    def make(**overrides: object) -> ArtificialAnalysisClient:
        options: dict[str, object] = {
            "cache_dir": tmp_path / "cache",
            "flavor": "classic",
            "transport": httpx.MockTransport(fake),
            "sleep": clock.sleep,
            "clock": clock,
        }
        options.update(overrides)
        api_key = options.pop("api_key", KEY)
        base_url = options.pop("base_url", BASE)
        return ArtificialAnalysisClient(base_url, api_key, **options)  # type: ignore[arg-type]

    return make


# --- shapes ---------------------------------------------------------------------------------


def test_classic_is_one_request_with_the_key_header(fake: FakeAA, make_client: MakeClient) -> None:
    catalogue = make_client().catalogue()
    assert fake.paths == ["data/llms/models"]
    assert fake.requests[0].headers["x-api-key"] == KEY
    assert (catalogue.flavor, len(catalogue.models), catalogue.from_cache) == ("classic", 9, False)
    cirrus = catalogue.find(creator="acme", model="cirrus-2-mini")
    assert cirrus.evaluations["gpqa"] == 0.652


def test_language_follows_pagination_until_has_more_is_false(
    fake: FakeAA, make_client: MakeClient
) -> None:
    catalogue = make_client(flavor="language").catalogue()
    assert fake.paths == ["language/models"] * 3
    pages = [parse_qs(r.url.query.decode())["page"] for r in fake.requests]
    assert pages == [["1"], ["2"], ["3"]]
    assert len(catalogue.models) == FIXTURE_MODELS
    cirrus = catalogue.find(creator="acme", model="cirrus-2-mini")
    assert cirrus.evaluations["gpqa_diamond"] == 0.652
    assert "gpqa" not in cirrus.evaluations


def test_language_free_uses_the_free_endpoint(fake: FakeAA, make_client: MakeClient) -> None:
    make_client(flavor="language-free").catalogue()
    assert set(fake.paths) == {"language/models/free"}


def test_auto_prefers_the_language_family(fake: FakeAA, make_client: MakeClient) -> None:
    assert make_client(flavor="auto").catalogue().flavor == "language"
    assert fake.paths[0] == "language/models"


@pytest.mark.parametrize("status", [403, 404])
def test_auto_falls_back_to_classic(status: int, fake: FakeAA, make_client: MakeClient) -> None:
    fake.then(status)
    catalogue = make_client(flavor="auto").catalogue()
    assert catalogue.flavor == "classic"
    assert fake.paths == ["language/models", "data/llms/models"]


def test_auto_does_not_fall_back_on_a_rejected_key(fake: FakeAA, make_client: MakeClient) -> None:
    fake.then(401)
    with pytest.raises(ArtificialAnalysisError, match="rejected the API key"):
        make_client(flavor="auto").catalogue()
    assert fake.paths == ["language/models"]


def test_unknown_flavor_is_refused(make_client: MakeClient) -> None:
    with pytest.raises(
        ArtificialAnalysisError, match='unknown Artificial Analysis API flavor "v3"'
    ):
        make_client(flavor="v3")


def test_pagination_that_repeats_a_page_stops_with_an_error(
    fake: FakeAA, make_client: MakeClient
) -> None:
    body = json.dumps(
        {"data": [_model("m1")], "pagination": {"page": 1, "has_more": True}}
    ).encode()
    fake.then(200, body=body).then(200, body=body)
    with pytest.raises(ArtificialAnalysisError, match="returned page 2 again"):
        make_client(flavor="language").catalogue()


def _model(slug: str) -> dict[str, object]:
    return {"id": slug, "name": slug, "slug": slug, "model_creator": {"slug": "c"}}


# --- errors ---------------------------------------------------------------------------------


def test_missing_key_is_a_clear_error_without_any_request(
    fake: FakeAA, make_client: MakeClient
) -> None:
    with pytest.raises(ArtificialAnalysisError, match="no Artificial Analysis API key") as caught:
        make_client(api_key=None).catalogue()
    assert "AA_API_KEY" in (caught.value.hint or "")
    assert fake.requests == []


def test_rejected_key(fake: FakeAA, make_client: MakeClient) -> None:
    fake.then(401, body=b'{"error": "Invalid or missing API key"}')
    with pytest.raises(ArtificialAnalysisError) as caught:
        make_client().catalogue()
    assert caught.value.message == (
        "Artificial Analysis rejected the API key (401): Invalid or missing API key"
    )
    assert caught.value.where == f"GET {BASE}/data/llms/models"
    assert "AA_API_KEY" in (caught.value.hint or "")


def test_forbidden_key(fake: FakeAA, make_client: MakeClient) -> None:
    with pytest.raises(ArtificialAnalysisError) as caught:
        make_client(api_key="forbidden-key").catalogue()
    assert "refused access with this key (403)" in caught.value.message
    assert getattr(caught.value, "status", None) == 403
    assert len(fake.requests) == 1


def test_blank_key_counts_as_missing(fake: FakeAA, make_client: MakeClient) -> None:
    with pytest.raises(ArtificialAnalysisError, match="no Artificial Analysis API key"):
        make_client(api_key="  ").catalogue()
    assert fake.requests == []


def test_error_text_never_contains_the_key(fake: FakeAA, make_client: MakeClient) -> None:
    fake.then(401, body=json.dumps({"error": f"bad key {KEY}"}).encode())
    with pytest.raises(ArtificialAnalysisError) as caught:
        make_client().catalogue()
    assert KEY not in str(caught.value)
    assert "bad key ***" in str(caught.value)
    assert KEY not in repr(make_client())


def test_429_honours_retry_after_then_succeeds(
    fake: FakeAA, clock: Clock, make_client: MakeClient
) -> None:
    fake.then(429, headers={"Retry-After": "7"})
    catalogue = make_client().catalogue()
    assert len(catalogue.models) == FIXTURE_MODELS
    assert clock.slept == [7.0]
    assert len(fake.requests) == 2


def test_429_with_an_http_date_retry_after(
    fake: FakeAA, clock: Clock, make_client: MakeClient
) -> None:
    clock.now = 1_700_000_000.0  # Tue, 14 Nov 2023 22:13:20 GMT
    fake.then(429, headers={"Retry-After": "Tue, 14 Nov 2023 22:13:32 GMT"})
    make_client().catalogue()
    assert clock.slept == [12.0]


def test_429_retries_are_bounded(fake: FakeAA, clock: Clock, make_client: MakeClient) -> None:
    for _ in range(5):
        fake.then(429, headers={"Retry-After": "1"})
    with pytest.raises(ArtificialAnalysisError, match=r"rate limit reached \(429\), Retry-After 1"):
        make_client(max_attempts=3).catalogue()
    assert len(fake.requests) == 3
    assert clock.slept == [1.0, 1.0]


def test_429_with_a_wait_beyond_the_cap_fails_at_once(
    fake: FakeAA, clock: Clock, make_client: MakeClient
) -> None:
    fake.then(429, headers={"Retry-After": "3600"})
    with pytest.raises(ArtificialAnalysisError) as caught:
        make_client(max_wait=30).catalogue()
    assert clock.slept == []
    assert (caught.value.hint or "").startswith(
        "stopped after 1 request (hfeval waits at most 30 s to retry)"
    )


def test_5xx_is_retried_with_backoff_then_reported(
    fake: FakeAA, clock: Clock, make_client: MakeClient
) -> None:
    for _ in range(4):
        fake.then(503)
    with pytest.raises(ArtificialAnalysisError, match=r"server error \(503\)") as caught:
        make_client().catalogue()
    assert clock.slept == [1.0, 2.0, 4.0]
    assert caught.value.hint == "stopped after 4 requests; retry later"


def test_5xx_then_success(fake: FakeAA, make_client: MakeClient) -> None:
    fake.then(500).then(502)
    assert len(make_client().catalogue().models) == FIXTURE_MODELS


def test_malformed_json_is_an_error(fake: FakeAA, make_client: MakeClient) -> None:
    fake.then(200, body=b'{"data": [')
    with pytest.raises(ArtificialAnalysisError, match="malformed JSON"):
        make_client().catalogue()


def test_unreachable_server_is_an_error(clock: Clock, make_client: MakeClient) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(ArtificialAnalysisError, match=r"could not reach .*ConnectError"):
        make_client(transport=httpx.MockTransport(refuse)).catalogue()
    assert clock.slept == [1.0, 2.0, 4.0]


def test_a_failure_is_remembered_not_retried_per_spec(
    fake: FakeAA, make_client: MakeClient
) -> None:
    fake.then(401)
    client = make_client()
    for _ in range(3):
        with pytest.raises(ArtificialAnalysisError):
            client.catalogue()
    assert len(fake.requests) == 1


# --- one download per run, and the disk cache -------------------------------------------------


def test_one_download_per_client(fake: FakeAA, make_client: MakeClient) -> None:
    client = make_client()
    assert client.catalogue() is client.catalogue()
    assert len(fake.requests) == 1
    assert client.requests_sent == 1


def test_concurrent_callers_share_one_download(fake: FakeAA, make_client: MakeClient) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        time.sleep(0.05)  # widen the window in which a second download could start
        return fake.sandbox_response(request)

    fake.scripted.append(slow)
    client = make_client()
    with ThreadPoolExecutor(max_workers=4) as pool:
        catalogues = list(pool.map(lambda _: client.catalogue(), range(4)))
    assert len(fake.requests) == 1
    assert all(catalogue is catalogues[0] for catalogue in catalogues)


def test_second_run_reads_the_cache(fake: FakeAA, make_client: MakeClient) -> None:
    first = make_client().catalogue()
    second = make_client().catalogue()
    assert len(fake.requests) == 1
    assert second.from_cache and not first.from_cache
    assert second.models == first.models


def test_cache_works_without_a_key(fake: FakeAA, make_client: MakeClient) -> None:
    make_client().catalogue()
    assert make_client(api_key=None).catalogue().from_cache


def test_cache_expires_after_the_ttl(fake: FakeAA, clock: Clock, make_client: MakeClient) -> None:
    make_client(ttl=timedelta(hours=1)).catalogue()
    clock.now += 3599
    make_client(ttl=timedelta(hours=1)).catalogue()
    assert len(fake.requests) == 1
    clock.now += 2
    assert not make_client(ttl=timedelta(hours=1)).catalogue().from_cache
    assert len(fake.requests) == 2


def test_refresh_bypasses_a_fresh_cache(fake: FakeAA, make_client: MakeClient) -> None:
    make_client().catalogue()
    assert not make_client(refresh=True).catalogue().from_cache
    assert len(fake.requests) == 2


def test_cache_is_keyed_by_base_url_and_flavor(
    fake: FakeAA, make_client: MakeClient, tmp_path: Path
) -> None:
    make_client().catalogue()
    make_client(flavor="language").catalogue()
    make_client(base_url="https://aa.test/aa/api/v2/").catalogue()  # same URL, trailing slash
    make_client(base_url="https://other.test/aa/api/v2").catalogue()
    assert fake.paths.count("data/llms/models") == 2
    files = sorted(p.name for p in (tmp_path / "cache" / "artificial_analysis").iterdir())
    assert len(files) == 3
    assert [name.split("-")[0] for name in files] == ["classic", "classic", "language"]


def test_cache_never_contains_the_key(make_client: MakeClient, tmp_path: Path) -> None:
    make_client().catalogue()
    for path in (tmp_path / "cache").rglob("*"):
        assert KEY not in path.name
        if path.is_file():
            assert KEY not in path.read_text(encoding="utf-8")


def test_auto_reads_a_cached_classic_catalogue(fake: FakeAA, make_client: MakeClient) -> None:
    make_client(flavor="classic").catalogue()
    assert make_client(flavor="auto").catalogue().flavor == "classic"
    assert len(fake.requests) == 1


def test_a_corrupt_cache_file_is_replaced(
    fake: FakeAA, make_client: MakeClient, tmp_path: Path
) -> None:
    make_client().catalogue()
    (cache_file,) = (tmp_path / "cache" / "artificial_analysis").iterdir()
    cache_file.write_text("{not json", encoding="utf-8")
    assert not make_client().catalogue().from_cache
    assert json.loads(cache_file.read_text(encoding="utf-8"))["flavor"] == "classic"


# --- settings ---------------------------------------------------------------------------------


def _key_sent(client: ArtificialAnalysisClient, fake: FakeAA) -> str | None:
    client.catalogue()
    sent: str | None = fake.requests[-1].headers.get("x-api-key")
    return sent


def test_from_environment_reads_env_then_dotenv(fake: FakeAA, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "# local settings\nexport AA_API_KEY='from-dotenv'\nAA_API_FLAVOR=Classic  # shape\n",
        encoding="utf-8",
    )
    env = {"AA_API_URL": "http://127.0.0.1:9/aa/api/v2/", "HFEVAL_CACHE_DIR": str(tmp_path)}
    transport = httpx.MockTransport(fake)
    client = ArtificialAnalysisClient.from_environment(
        tmp_path, environ=env, refresh=True, transport=transport
    )
    assert (client.base_url, client.flavor, client.refresh) == (
        "http://127.0.0.1:9/aa/api/v2",
        "classic",
        True,
    )
    assert _key_sent(client, fake) == "from-dotenv"
    assert (tmp_path / "artificial_analysis").is_dir()
    client = ArtificialAnalysisClient.from_environment(
        tmp_path, environ={**env, "AA_API_KEY": "from-env"}, refresh=True, transport=transport
    )
    assert _key_sent(client, fake) == "from-env"


def test_from_environment_defaults(fake: FakeAA, tmp_path: Path) -> None:
    client = ArtificialAnalysisClient.from_environment(
        tmp_path, environ={"HFEVAL_CACHE_DIR": str(tmp_path)}, transport=httpx.MockTransport(fake)
    )
    assert (client.base_url, client.flavor) == (DEFAULT_BASE_URL, "auto")
    with pytest.raises(ArtificialAnalysisError, match="no Artificial Analysis API key"):
        client.catalogue()
