"""The fact-sheet labels the registry tests run over, loaded once at collection time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped, unused-ignore]

DATA_DIR = Path(__file__).parent / "data"


def _load() -> dict[str, Any]:
    with (DATA_DIR / "fact_sheet_labels.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


FACT_SHEET = _load()
# (benchmark id, label) for every alias and raw card label the fact sheet lists.
SHEET_LABELS: list[tuple[str, str]] = [
    (benchmark_id, label)
    for benchmark_id, labels in FACT_SHEET["labels"].items()
    for label in labels
]
SHEET_AMBIGUOUS: list[str] = FACT_SHEET["ambiguous"]
SHEET_RESOLVES_TO: dict[str, str] = FACT_SHEET["resolves_to"]
