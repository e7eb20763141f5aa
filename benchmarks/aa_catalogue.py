"""Artificial Analysis source costs: parsing, the disk cache, resolving, a paginated download.

Builds a synthetic catalogue (`--models` models, 20 evaluation keys each, a few nulls), then
times each step and prints one line per figure. Nothing touches the network: the download goes
through an `httpx.MockTransport` that serves the catalogue in pages of 100.

    python benchmarks/aa_catalogue.py [--models 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx

from hfeval.registry import default_registry
from hfeval.sources.aa_catalogue import Catalogue, parse_page
from hfeval.sources.aa_client import ArtificialAnalysisClient
from hfeval.sources.artificial_analysis import resolve_artificial_analysis
from hfeval.spec import ArtificialAnalysisSource

KEYS = (
    "artificial_analysis_intelligence_index",
    "artificial_analysis_coding_index",
    "artificial_analysis_math_index",
    "mmlu_pro",
    "gpqa_diamond",
    "hle",
    "livecodebench",
    "scicode",
    "math_500",
    "aime",
    "aime_25",
    "ifbench",
    "aa_lcr",
    "tau2",
    "terminalbench_hard",
    "critpt",
    "gdpval_aa",
    "aa_omniscience_accuracy",
    "mmmu_pro",
    "humanitys_last_exam_tools",
)
PAGE_SIZE = 100


def synthetic_models(count: int) -> list[dict[str, Any]]:
    models = []
    for number in range(count):
        creator = f"lab-{number % 40}"
        evaluations = {
            key: None
            if (number + position) % 17 == 0
            else round(((number * 7 + position) % 97) / 100, 3)
            for position, key in enumerate(KEYS)
        }
        models.append(
            {
                "id": f"00000000-0000-4000-8000-{number:012d}",
                "name": f"Model {number}",
                "slug": f"model-{number}",
                "model_creator": {"id": creator, "name": creator.title(), "slug": creator},
                "evaluations": evaluations,
                "pricing": {"price_1m_input_tokens": 0.5, "price_1m_output_tokens": 1.5},
            }
        )
    return models


def best_of(repeat: int, step: Callable[[], object]) -> float:
    """Fastest wall time of `repeat` runs, in milliseconds (the least disturbed run)."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        timings.append((time.perf_counter() - start) * 1000)
    return min(timings)


def paginated_transport(models: list[dict[str, Any]]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        page = int(parse_qs(request.url.query.decode()).get("page", ["1"])[0])
        chunk = models[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        has_more = page * PAGE_SIZE < len(models)
        body = {"data": chunk, "pagination": {"page": page, "has_more": has_more}}
        return httpx.Response(200, json=body)

    return httpx.MockTransport(answer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    models = synthetic_models(args.models)
    body = json.dumps({"data": models})
    registry = default_registry()
    page = parse_page(json.loads(body), what="benchmark")
    catalogue = Catalogue("http://bench", "language", time.time(), page.models)
    middle = models[len(models) // 2]
    source = ArtificialAnalysisSource(
        creator=middle["model_creator"]["slug"], model=middle["slug"], scale="percent"
    )

    print(f"catalogue: {args.models} models x {len(KEYS)} keys, {len(body) / 1e6:.2f} MB JSON")
    parse_ms = best_of(args.repeat, lambda: parse_page(json.loads(body), what="benchmark"))
    print(f"json.loads + parse_page:           {parse_ms:8.2f} ms")
    resolve_ms = best_of(
        args.repeat, lambda: resolve_artificial_analysis(source, catalogue, registry=registry)
    )
    print(f"resolve one model (percent):       {resolve_ms:8.2f} ms")

    with tempfile.TemporaryDirectory() as scratch:
        cache_dir = Path(scratch)

        def client(refresh: bool) -> ArtificialAnalysisClient:
            return ArtificialAnalysisClient(
                "http://bench/api/v2",
                "bench-key",
                cache_dir=cache_dir,
                refresh=refresh,
                flavor="language",
                transport=paginated_transport(models),
            )

        fresh = client(refresh=True)
        download_ms = best_of(1, fresh.catalogue)
        pages = fresh.requests_sent
        print(f"download ({pages} pages) + cache write: {download_ms:8.2f} ms")
        cached_ms = best_of(args.repeat, lambda: client(refresh=False).catalogue())
        print(f"catalogue() from the disk cache:   {cached_ms:8.2f} ms")
        size = sum(path.stat().st_size for path in cache_dir.rglob("*.json"))
        print(f"cache file size:                   {size / 1e6:8.2f} MB")


if __name__ == "__main__":
    main()
