"""JSON Schema export of the spec and hfeval.yaml formats, for editors and the checked-in copies.

Regenerate the files under `schemas/` with `python -m hfeval.spec --write-schemas`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from hfeval.spec.models import ProjectConfig, Spec

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SPEC_SCHEMA_FILE = "spec.schema.json"
CONFIG_SCHEMA_FILE = "config.schema.json"
REGENERATE_COMMAND = "python -m hfeval.spec --write-schemas"


def _schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    body = model.model_json_schema()
    return {"$schema": SCHEMA_DIALECT, **body, "title": title}


def spec_json_schema() -> dict[str, Any]:
    """JSON Schema of one spec file."""
    return _schema(Spec, "hfeval spec")


def config_json_schema() -> dict[str, Any]:
    """JSON Schema of hfeval.yaml."""
    return _schema(ProjectConfig, "hfeval project configuration (hfeval.yaml)")


def schema_text(schema: dict[str, Any]) -> str:
    """The exact text written to disk for a schema (stable key order, trailing newline)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write both schema files into `directory`; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in (
        (SPEC_SCHEMA_FILE, spec_json_schema()),
        (CONFIG_SCHEMA_FILE, config_json_schema()),
    ):
        path = directory / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written
