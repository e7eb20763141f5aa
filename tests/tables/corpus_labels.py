"""Where the hand-labelled corpus cases live, and the scoring code they share with the benchmark.

`benchmarks/extract_accuracy.py` owns the label schema and the scoring, so the tests and the
printed report judge extraction the same way; it is loaded once here, by path.
"""

from __future__ import annotations

from pathlib import Path

from benchmark_modules import benchmark_module

REPO_ROOT = Path(__file__).resolve().parents[2]
LABELS_DIR = REPO_ROOT / "tests" / "data" / "corpus_labels"


accuracy = benchmark_module("extract_accuracy")
CORPUS_DIR: Path = accuracy.DEFAULT_CORPUS
