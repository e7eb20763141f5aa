"""Raw-path routing: percent-encoded slashes stay inside one segment."""

from __future__ import annotations

from collections.abc import Mapping

from hfeval.sandbox.routing import Request, Response, Services, find_route, repo_of, route


def _echo(services: Services, request: Request, params: Mapping[str, str]) -> Response:
    return Response.json(dict(params))


ROUTES = [
    route("GET", "/api/{t}/{ns}/{name}/revision/{rev}", _echo),
    route("GET", "/{ns}/{name}/resolve/{rev}/{*path}", _echo),
]


def request(method: str, target: str) -> Request:
    return Request.parse(method, target, {"Host": "h:1", "X-Thing": "v"}, b"", "http://h:1")


def test_encoded_pr_refs_are_one_segment() -> None:
    found = find_route(ROUTES, request("GET", "/api/models/ns/m/revision/refs%2Fpr%2F3?expand=sha"))
    assert found is not None
    assert found[1] == {"t": "models", "ns": "ns", "name": "m", "rev": "refs/pr/3"}
    assert repo_of(found[1]) == ("model", "ns/m")


def test_tail_captures_nested_paths_and_head_uses_get_routes() -> None:
    found = find_route(ROUTES, request("HEAD", "/ns/m/resolve/main/.eval_results/a%20b.yaml"))
    assert found is not None and found[1]["path"] == ".eval_results/a b.yaml"


def test_unknown_repo_types_and_lengths_do_not_match() -> None:
    assert find_route(ROUTES, request("GET", "/api/buckets/ns/m/revision/main")) is None
    assert find_route(ROUTES, request("GET", "/api/models/ns/m/revision/main/extra")) is None
    assert find_route(ROUTES, request("POST", "/api/models/ns/m/revision/main")) is None


def test_request_helpers() -> None:
    parsed = request("get", "/x?expand=a&expand=b&flag=1&empty=")
    assert parsed.method == "GET"
    assert parsed.query["expand"] == ["a", "b"]
    assert parsed.flag("flag") and not parsed.flag("empty") and parsed.param("missing") is None
    assert parsed.headers["x-thing"] == "v"
