"""README front matter as the sandbox Hub sees it: split, parsed, validated and turned into JSON.

The Hub parses the YAML header of a model card for `cardData`, for `POST /api/validate-yaml` and
for the check it runs on every commit that touches `README.md`. This module does the reading
(pure: text in, values out); the rules themselves live in `hfeval.validation`.
"""

from __future__ import annotations

import copy
import datetime
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from hfeval.validation import validate_card_metadata

MISSING_METADATA_WARNING = "empty or missing yaml metadata in repo card"

# A header is `---` on the first non-blank line, YAML, then a closing `---` line.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADER = re.compile(r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\n|$)")


@dataclass(frozen=True)
class FrontMatter:
    """The parsed header of a README: `data` is None when absent, empty or unparseable."""

    present: bool
    data: object = None
    yaml_error: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.yaml_error is None and (self.data is None or self.data == {})


def read_front_matter(text: str) -> FrontMatter:
    match = _HEADER.match(text)
    if match is None:
        return FrontMatter(present=False)
    first_line = len(_LINE_BREAK.findall(match.group(1)))
    data, error = _parse(match.group(2), first_line)
    if error is not None:
        return FrontMatter(present=True, yaml_error=error)
    return FrontMatter(present=True, data=copy.deepcopy(data))  # callers may change their copy


@functools.lru_cache(maxsize=4096)
def _parse(header: str, first_line: int) -> tuple[object, str | None]:
    """Parse one header once: every model_info of an unchanged repo re-reads the same README,
    and the pure-Python parse (5-30 ms) would make the sandbox what a large plan waits for."""
    try:
        return YAML(typ="safe", pure=True).load(header), None
    except YAMLError as error:
        return None, _describe_yaml_error(error, first_line)


def metadata_problems(text: str) -> tuple[list[str], list[str]]:
    """(errors, warnings) for a README, worded as the Hub's validate-yaml words them."""
    front_matter = read_front_matter(text)
    if front_matter.yaml_error is not None:
        return [front_matter.yaml_error], []
    if front_matter.is_empty:
        return [], [MISSING_METADATA_WARNING]
    return validate_card_metadata(front_matter.data), []


def card_data(text: str) -> dict[str, Any] | None:
    """The front matter as JSON-ready data for `cardData`; None when there is no usable mapping."""
    front_matter = read_front_matter(text)
    if not isinstance(front_matter.data, Mapping):
        return None
    converted = to_json_compatible(front_matter.data)
    return converted if isinstance(converted, dict) else None


def to_json_compatible(value: object) -> Any:
    """YAML values as JSON would carry them: dates as ISO strings, every mapping key a string."""
    if isinstance(value, Mapping):
        return {str(key): to_json_compatible(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json_compatible(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value


def _describe_yaml_error(error: YAMLError, first_line: int) -> str:
    if isinstance(error, MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        problem = error.problem or "invalid YAML"
        return (
            f"Invalid YAML in README.md metadata: {problem} "
            f"(line {mark.line + first_line + 1}, column {mark.column + 1})"
        )
    return f"Invalid YAML in README.md metadata: {error}"
