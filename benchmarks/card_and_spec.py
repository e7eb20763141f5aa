"""Costs of the card round trip and of spec loading.

Card: for every README in ../shared/corpus/real (or the golden/card inputs when the corpus is
absent), time parse_card and set_key("model-index", ...) separately, and report how many
rewrites were spliced line-wise versus re-dumped. Specs: time load_specs over N generated spec
files in a temporary spec repo (valid ones, then the same with one problem each).

    python benchmarks/card_and_spec.py [--specs 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import hfeval.card as card_module
from hfeval.card import parse_card, set_key
from hfeval.errors import SpecError
from hfeval.spec import load_specs

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
MODEL_INDEX = [
    {
        "name": "bench-model",
        "results": [
            {
                "task": {"type": "text-generation"},
                "dataset": {"name": name, "type": f"org/{name.lower()}"},
                "metrics": [{"type": "acc", "value": 50.0 + index}],
                "source": {"name": "Model README", "url": "https://huggingface.co/org/m"},
            }
            for index, name in enumerate(["MMLU", "GSM8K", "HellaSwag", "ARC", "GPQA", "HLE"])
        ],
    }
]


def _cards() -> list[Path]:
    if CORPUS.is_dir():
        return sorted(CORPUS.glob("*.md"))
    return sorted((ROOT / "golden" / "card").glob("*/README.md"))


def bench_cards(repeat: int) -> None:
    redumps = 0
    original_redump = card_module._redump

    def counting_redump(front_matter: str, key: str, value: Any, newline: str) -> str | None:
        nonlocal redumps
        redumps += 1
        return original_redump(front_matter, key, value, newline)

    card_module._redump = counting_redump
    parse_ms: list[float] = []
    set_ms: list[float] = []
    paths = _cards()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for _ in range(repeat):
            start = time.perf_counter()
            card = parse_card(text, where=path.name)
            middle = time.perf_counter()
            set_key(card, "model-index", MODEL_INDEX)
            end = time.perf_counter()
            parse_ms.append((middle - start) * 1000)
            set_ms.append((end - middle) * 1000)
    card_module._redump = original_redump
    print(f"cards: {len(paths)} READMEs x {repeat} from {paths[0].parent}")
    for label, values in (("parse_card", parse_ms), ("set_key", set_ms)):
        print(
            f"  {label:10s} median {statistics.median(values):6.1f} ms"
            f"  p90 {statistics.quantiles(values, n=10)[-1]:6.1f} ms  max {max(values):6.1f} ms"
        )
    print(f"  full re-dumps (fallback): {redumps} of {len(set_ms)} rewrites")


def bench_specs(count: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        specs = Path(directory) / "specs"
        specs.mkdir()
        for index in range(count):
            (specs / f"m{index:04d}.yaml").write_text(
                f"model: org/model-{index}\nsources:\n  - readme:\n      table: 1\n"
                f"      model: Model {index}\n  - artificial_analysis: {{id: m{index}}}\n"
            )
        valid = _time(lambda: load_specs([specs]), repeat)
        for path in specs.iterdir():
            path.write_text(path.read_text().replace("table: 1", "tabel: 1"))
        invalid = _time(lambda: _expect_problems(specs), repeat)
    print(f"specs: load_specs over {count} files")
    print(f"  valid     {valid * 1000:7.1f} ms  ({valid / count * 1000:.2f} ms per spec)")
    print(f"  invalid   {invalid * 1000:7.1f} ms  (one unknown key per file, all reported)")


def _expect_problems(specs: Path) -> None:
    try:
        load_specs([specs])
    except SpecError:
        return
    raise AssertionError("expected problems")


def _time(action: Any, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    bench_cards(args.repeat)
    bench_specs(args.specs, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
