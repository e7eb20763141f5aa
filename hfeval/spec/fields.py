"""Building blocks shared by the spec models: the strict frozen base model, the Hub repo-id
check and the field types several source kinds declare alike (`variant`)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

ApplyMode = Literal["pr", "commit", "auto"]
Target = Literal["model-index", "eval-results"]

# The Hub's repo-name rules: word characters, "-" and "."; no "--" or ".."; at most 96 chars;
# a part may not start or end with "-" or ".".
_REPO_PART = r"[A-Za-z0-9_](?:[\w.-]{0,94}[A-Za-z0-9_])?"
REPO_ID_PATTERN = rf"^{_REPO_PART}/{_REPO_PART}$"
_REPO_ID_RE = re.compile(REPO_ID_PATTERN, re.ASCII)


def check_repo_id(value: str) -> str:
    """`value` if it is a Hub repo id "namespace/name", else a ValueError saying so."""
    if not _REPO_ID_RE.match(value) or "--" in value or ".." in value:
        raise ValueError(
            f'"{value}" is not a Hub repo id of the form "namespace/name" '
            '(letters, digits, "-", "_" and ".")'
        )
    return value


def check_optional_repo_id(value: str | None) -> str | None:
    """`check_repo_id` for an optional field."""
    return None if value is None else check_repo_id(value)


# strict: YAML already types its scalars, so `table: true` or `prune: "no"` is a mistake.
SPEC_MODEL_CONFIG = ConfigDict(
    extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True
)


class SpecModel(BaseModel):
    """Base of every spec model: frozen, strict, unknown keys forbidden."""

    model_config = SPEC_MODEL_CONFIG


# One description for every source kind that can publish its scores as a benchmark variant.
Variant = Annotated[
    str | dict[str, str] | None,
    Field(
        description=(
            "Publish these scores to `.eval_results` as a variant of their benchmark (its "
            '`notes`,\ne.g. "With tools"; one file per variant such as `hle_with_tools.yaml`): '
            "one text for every\nbenchmark of this source, or a mapping from benchmark name to "
            "its variant."
        )
    ),
]
