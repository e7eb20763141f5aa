"""Where the hand-labelled corpus cases live, and the scoring code they share with the benchmark.

`benchmarks/extract_accuracy.py` owns the label schema and the scoring, so the tests and the
printed report judge extraction the same way; it is loaded once here, by path.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO_ROOT = Path(__file__).resolve().parents[2]
LABELS_DIR = REPO_ROOT / "tests" / "data" / "corpus_labels"
# The corpus sits beside the checkout (`../shared`), or beside the folder of worktrees.
CORPUS_DIR = next(
    (
        folder / "shared" / "corpus" / "real"
        for folder in REPO_ROOT.parents
        if (folder / "shared" / "corpus" / "real").is_dir()
    ),
    REPO_ROOT.parent / "shared" / "corpus" / "real",
)


def _accuracy_module() -> ModuleType:
    name = "extract_accuracy"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, REPO_ROOT / "benchmarks" / "extract_accuracy.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


accuracy = _accuracy_module()
