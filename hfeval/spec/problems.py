"""Turning YAML parser and pydantic errors into `file:line:column: message` problems.

ruamel.yaml's round-trip loader records the line and column of every mapping key and sequence
item; a pydantic error's `loc` is walked through that data to find where the problem sits.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from hfeval.errors import SpecError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a spec or config file, at a 1-based line and column (0: the whole
    file or folder, which has no position)."""

    path: Path
    line: int
    column: int
    message: str

    @property
    def where(self) -> str:
        if self.line == 0:
            return str(self.path)
        return f"{self.path}:{self.line}:{self.column}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class SpecProblemsError(SpecError):
    """Every problem found while loading spec files, one per line of the message."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        single = self.problems[0] if len(self.problems) == 1 else None
        if single is not None:
            super().__init__(single.message, where=single.where)
        else:
            super().__init__("\n".join(str(problem) for problem in self.problems))


# What each pydantic type error expected, as a phrase for "must be ...".
_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def describe_value(value: Any) -> str:
    """A short phrase for what a YAML value is ("the integer 2024", "a list")."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 40 else "a string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _position(data: Any, loc: Sequence[int | str]) -> tuple[int, int, int]:
    """(line, column, how many loc parts exist in the data), 0-based, for the deepest node."""
    line, column, depth = 0, 0, 0
    node = data
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line, column = node.lc.key(part)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line, column = node.lc.item(part)
            node = node[part]
        else:
            break
        depth += 1
    return line, column, depth


def _value_at(data: Any, loc: Sequence[int | str]) -> Any:
    node = data
    for part in loc:
        node = node[part]
    return node


def _subject(loc: Sequence[int | str]) -> str:
    """How a message names the thing at `loc`: "table", "include" item 2, or "the spec"."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return "a source" if loc else "the file"
    name = f'"{names[-1]}"'
    if isinstance(loc[-1], int):
        return f"{name} item {loc[-1] + 1}"
    return name


def _model_at(root: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at `loc` (list indices are skipped)."""
    model = root
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        found = _find_model(field.annotation)
        if found is None:
            return None
        model = found
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found is not None:
                return found
    return None


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _unknown_key(root: type[BaseModel], loc: Sequence[int | str]) -> str:
    key = str(loc[-1])
    model = _model_at(root, loc[:-1])
    valid = sorted(model.model_fields) if model is not None else []
    hint = _did_you_mean(key, valid)
    if not hint and valid:
        hint = f" (valid keys: {', '.join(valid)})"
    return f'unknown key "{key}"{hint}'


def _message(
    error: ErrorDetails, data: Any, loc: Sequence[int | str], root: type[BaseModel]
) -> str:
    kind = error["type"]
    ctx = error.get("ctx", {})
    if kind == "extra_forbidden":
        return _unknown_key(root, loc)
    if kind == "missing":
        parent = f" in {_subject(loc[:-1])}" if loc[:-1] else ""
        return f'missing required key "{loc[-1]}"{parent}'
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    got = describe_value(_value_at(data, loc))
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        value = _value_at(data, loc)
        hint = _did_you_mean(value, options) if isinstance(value, str) else ""
        return f"{_subject(loc)} must be one of {', '.join(options)}, not {got}{hint}"
    if kind == "string_pattern_mismatch":
        return f"{_subject(loc)} must match {ctx.get('pattern')}, not {got}"
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        return f"{_subject(loc)} must have at least {minimum} item{'s' * (minimum != 1)}"
    return f"{_subject(loc)}: {error['msg']} (got {got})"


def validation_problems(
    error: ValidationError, data: Any, path: Path, root: type[BaseModel]
) -> list[Problem]:
    """One problem per place; the alternatives of a union merge into one "must be a or b"."""
    problems: list[Problem] = []
    type_errors: dict[tuple[int | str, ...], tuple[int, list[str]]] = {}
    for detail in error.errors():
        line, column, depth = _position(data, detail["loc"])
        keeps_full_loc = detail["type"] in ("extra_forbidden", "missing")
        loc = tuple(detail["loc"] if keeps_full_loc else detail["loc"][:depth])
        expected = _EXPECTED.get(detail["type"])
        if expected is None:
            message = _message(detail, data, loc, root)
            problems.append(Problem(path, line + 1, column + 1, message))
        elif loc in type_errors:
            type_errors[loc][1].append(expected)
        else:
            type_errors[loc] = (len(problems), [expected])
            problems.append(Problem(path, line + 1, column + 1, ""))
    for loc, (index, expected_list) in type_errors.items():
        got = _value_at(data, loc)
        wanted = " or ".join(dict.fromkeys(expected_list))
        message = f"{_subject(loc)} must be {wanted}, not {describe_value(got)}"
        if "a string" in expected_list and isinstance(got, int | float | bool):
            message += f' (quote it: "{got}")' if not isinstance(got, bool) else ""
        problems[index] = Problem(path, problems[index].line, problems[index].column, message)
    return problems
