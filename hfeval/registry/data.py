"""Loading the benchmark data file shipped in the package (`benchmarks.yaml`).

The file is read once per process (see `default_registry`). PyYAML (a dependency of
huggingface_hub) parses it with libyaml's safe loader when built with it: about 13 ms, where the
pure-Python parsers, ruamel's included, take 100-200 ms.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError

from hfeval.errors import SpecError
from hfeval.registry.model import RegistryData

DATA_FILE = "benchmarks.yaml"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_registry_data(text: str | None = None) -> RegistryData:
    """The validated contents of the packaged data file (or of `text` in the same format)."""
    if text is None:
        text = resources.files("hfeval.registry").joinpath(DATA_FILE).read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=_Loader)
    try:
        return RegistryData.model_validate(raw)
    except ValidationError as error:
        raise SpecError(
            f"the benchmark data file is invalid: {error.error_count()} problem(s), first: "
            f"{error.errors()[0]['loc']}: {error.errors()[0]['msg']}",
            where=f"hfeval/registry/{DATA_FILE}",
        ) from error
