"""Small model cards shared by the tests of discover, plan output, CI recipes and docs."""

from __future__ import annotations

# A card with front matter and one table of two benchmarks, models as columns.
NOVA_TABLE = """| Benchmark | Nova-7B | Rival-7B |
|-----------|---------|----------|
| MMLU      | 64.1    | 60.2     |
| GSM8K     | 55.0    | 49.3     |
"""
NOVA_CARD = f"""---
license: apache-2.0
---
# Nova-7B

{NOVA_TABLE}"""
