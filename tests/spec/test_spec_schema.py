"""The JSON Schemas: checked-in copies are current, and they describe the format editors need."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hfeval.spec import config_json_schema, spec_json_schema, write_schemas
from hfeval.spec.__main__ import main as spec_main
from hfeval.spec.schema import REGENERATE_COMMAND, schema_text

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


@pytest.mark.parametrize(
    ("name", "schema"),
    [("spec.schema.json", spec_json_schema()), ("config.schema.json", config_json_schema())],
)
def test_checked_in_schema_is_current(name: str, schema: dict[str, object]) -> None:
    on_disk = (SCHEMAS / name).read_text(encoding="utf-8")
    assert on_disk == schema_text(schema), (
        f"schemas/{name} is out of date; run {REGENERATE_COMMAND}"
    )


def test_spec_schema_documents_fields_and_forbids_unknown_keys() -> None:
    schema = spec_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"model", "sources"}
    own = ("ReadmeSource", "ArtificialAnalysisSource", "LogsSource", "SourceEntry")
    for definition in (schema, *(schema["$defs"][name] for name in own)):
        for field, body in definition["properties"].items():
            assert body.get("description"), f"{field} has no description"
    assert "pattern" in schema["properties"]["model"]
    entry = schema["$defs"]["SourceEntry"]
    assert entry["maxProperties"] == 1
    assert entry["oneOf"] == [{"required": [kind]} for kind in entry["properties"]]
    assert {"readme", "artificial_analysis", "logs"} <= set(entry["properties"])


def test_config_schema_has_defaults() -> None:
    properties = config_json_schema()["properties"]
    assert properties["apply"]["default"] == "pr"
    assert properties["targets"]["default"] == ["model-index"]
    assert properties["public_url"]["default"] == "https://huggingface.co"


def test_write_schemas_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert spec_main(["--write-schemas", str(tmp_path)]) == 0
    assert json.loads((tmp_path / "spec.schema.json").read_text()) == spec_json_schema()
    assert "wrote" in capsys.readouterr().out
    assert [p.name for p in write_schemas(tmp_path / "x")] == [
        "spec.schema.json",
        "config.schema.json",
    ]
