"""Spec files: the pydantic models, the loader with file:line errors, and the JSON Schema export.

from hfeval.spec import load_specs
spec_set = load_specs([Path("specs")])
for loaded in spec_set.specs:
    loaded.spec.model, loaded.effective_targets(spec_set.config)
"""

from __future__ import annotations

from hfeval.spec.loader import CONFIG_FILE_NAME, LoadedSpec, SpecSet, load_specs
from hfeval.spec.models import (
    ApplyMode,
    ArtificialAnalysisSource,
    InspectJobs,
    InspectSource,
    LogsSource,
    ProjectConfig,
    ReadmeSource,
    SourceConfig,
    SourceEntry,
    Spec,
    Target,
)
from hfeval.spec.problems import Problem, SpecProblemsError
from hfeval.spec.schema import config_json_schema, spec_json_schema, write_schemas

__all__ = [
    "CONFIG_FILE_NAME",
    "ApplyMode",
    "ArtificialAnalysisSource",
    "InspectJobs",
    "InspectSource",
    "LoadedSpec",
    "LogsSource",
    "Problem",
    "ProjectConfig",
    "ReadmeSource",
    "SourceConfig",
    "SourceEntry",
    "Spec",
    "SpecProblemsError",
    "SpecSet",
    "Target",
    "config_json_schema",
    "load_specs",
    "spec_json_schema",
    "write_schemas",
]
