"""Hub-style validation of card metadata: `model-index`, `base_model` and `.eval_results` entries.

The Hub checks README front matter with Joi schemas and reports every problem as a quoted path
followed by a predicate (`"model-index[0].results[0].dataset.name" is required`). These functions
reproduce the rules hfeval depends on (docs/hub-protocol.md §1.1, §1.3 and §2.1) with the same
message shapes, so the sandbox Hub can reject what the real Hub rejects and the planner can point
at an invalid existing card in words the Hub would use.

Everything here is pure: values in, a list of messages out (empty when valid), in document order.

Choices where the Hub's behaviour is not documented:
- Unknown keys are accepted everywhere (the Hub accepts unknown top-level keys and unknown keys in
  `metrics[].args`; real cards carry extra keys in `results[]` and `metrics[]` too).
- A null value counts as present with the wrong type (as in Joi), so `value:` with nothing after
  it reads `must be one of [number, string]`, not `is required`.
- Required strings must be non-empty; optional strings may be empty.
- `results` is required in a `model-index` entry and must be an array.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

from ruamel.yaml.scalarbool import ScalarBoolean

Messages = list[str]

# A Hub repo id: `name` or `namespace/name`, letters, digits, `-`, `_`, `.`.
_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")


def validate_card_metadata(metadata: object) -> Messages:
    """Check the README front matter the way the Hub's validate-yaml does for what hfeval emulates.

    Covers `model-index` and a non-empty, repo-id shaped `base_model`; licences, languages, tags
    and unknown keys are accepted as they are.
    """
    if not isinstance(metadata, Mapping):
        return [_must_be("metadata", "of type object")]
    messages: Messages = []
    if "base_model" in metadata:
        messages += _check_base_model(metadata["base_model"])
    if "model-index" in metadata:
        messages += validate_model_index(metadata["model-index"])
    return messages


def validate_model_index(value: object) -> Messages:
    """Check a `model-index` value (the list under that key) against hub-protocol §1.1."""
    path = "model-index"
    if not isinstance(value, list):
        return [_must_be(path, "an array")]
    messages: Messages = []
    for index, entry in enumerate(value):
        messages += _check_model_index_entry(entry, f"{path}[{index}]")
    return messages


def validate_eval_results(value: object) -> Messages:
    """Check the parsed content of one `.eval_results/*.yaml` file (a list of entries, §2.1).

    Paths start at the entry's list index (`"[0].dataset.id" is required`); a root that is not a
    list reads `"value" must be an array`, Joi's label for the root.
    """
    if not isinstance(value, list):
        return [_must_be("value", "an array")]
    messages: Messages = []
    for index, entry in enumerate(value):
        messages += validate_eval_result_entry(entry, path=f"[{index}]")
    return messages


def validate_eval_result_entry(entry: object, *, path: str = "") -> Messages:
    """Check one `.eval_results` entry; `path` prefixes every message (empty: entry-relative)."""
    if not isinstance(entry, Mapping):
        return [_must_be(path or "value", "of type object")]
    messages: Messages = []
    dataset = _child(path, "dataset")
    messages += _check_object(entry, "dataset", path, required=True)
    if isinstance(entry.get("dataset"), Mapping):
        fields = entry["dataset"]
        messages += _check_string(fields, "id", dataset, required=True)
        messages += _check_string(fields, "task_id", dataset, required=True)
        messages += _check_string(fields, "revision", dataset)
    messages += _check_field(entry, "value", path, _is_number, "a number", required=True)
    messages += _check_string(entry, "verifyToken", path)
    messages += _check_string(entry, "date", path)
    messages += _check_source(entry, path, extra_strings=("user", "org"))
    messages += _check_string(entry, "notes", path)
    return messages


def _check_model_index_entry(entry: object, path: str) -> Messages:
    if not isinstance(entry, Mapping):
        return [_must_be(path, "of type object")]
    messages = _check_string(entry, "name", path, required=True)
    results = entry.get("results")
    if "results" not in entry:
        return [*messages, _required(_child(path, "results"))]
    if not isinstance(results, list):
        return [*messages, _must_be(_child(path, "results"), "an array")]
    for index, result in enumerate(results):
        messages += _check_result(result, f"{path}.results[{index}]")
    return messages


def _check_result(result: object, path: str) -> Messages:
    if not isinstance(result, Mapping):
        return [_must_be(path, "of type object")]
    messages: Messages = []

    messages += _check_object(result, "task", path, required=True)
    if isinstance(result.get("task"), Mapping):
        task_path = _child(path, "task")
        messages += _check_string(result["task"], "type", task_path, required=True)
        messages += _check_string(result["task"], "name", task_path)

    messages += _check_object(result, "dataset", path, required=True)
    if isinstance(result.get("dataset"), Mapping):
        dataset_path = _child(path, "dataset")
        dataset = result["dataset"]
        messages += _check_string(dataset, "type", dataset_path, required=True)
        messages += _check_string(dataset, "name", dataset_path, required=True)
        for key in ("config", "split", "revision"):
            messages += _check_string(dataset, key, dataset_path)

    metrics_path = _child(path, "metrics")
    if "metrics" not in result:
        messages.append(_required(metrics_path))
    elif not isinstance(result["metrics"], list):
        messages.append(_must_be(metrics_path, "an array"))
    else:
        for index, metric in enumerate(result["metrics"]):
            messages += _check_metric(metric, f"{metrics_path}[{index}]")

    messages += _check_source(result, path)
    return messages


def _check_metric(metric: object, path: str) -> Messages:
    if not isinstance(metric, Mapping):
        return [_must_be(path, "of type object")]
    messages = _check_string(metric, "type", path, required=True)
    messages += _check_field(
        metric, "value", path, _is_number_or_string, "one of [number, string]", required=True
    )
    for key in ("name", "config", "verifyToken"):
        messages += _check_string(metric, key, path)
    messages += _check_field(metric, "verified", path, _is_boolean, "a boolean")
    return messages


def _check_source(
    parent: Mapping[object, object], path: str, extra_strings: tuple[str, ...] = ()
) -> Messages:
    messages = _check_object(parent, "source", path)
    source = parent.get("source")
    if isinstance(source, Mapping):
        source_path = _child(path, "source")
        messages += _check_string(source, "url", source_path, required=True)
        for key in ("name", *extra_strings):
            messages += _check_string(source, key, source_path)
    return messages


def _check_base_model(value: object) -> Messages:
    if isinstance(value, str):
        return _check_repo_reference(value, "base_model")
    if isinstance(value, list):
        messages: Messages = []
        for index, item in enumerate(value):
            item_path = f"base_model[{index}]"
            if isinstance(item, str):
                messages += _check_repo_reference(item, item_path)
            else:
                messages.append(_must_be(item_path, "a string"))
        return messages
    return [_must_be("base_model", "one of [string, array]")]


def _check_repo_reference(value: str, path: str) -> Messages:
    if not value:
        return [f'"{path}" is not allowed to be empty']
    if not _REPO_ID.match(value):
        return [f"base_model with value '{value}' is not valid"]
    return []


def _check_object(
    parent: Mapping[object, object], key: str, path: str, *, required: bool = False
) -> Messages:
    return _check_field(parent, key, path, _is_mapping, "of type object", required=required)


def _check_string(
    parent: Mapping[object, object], key: str, path: str, *, required: bool = False
) -> Messages:
    messages = _check_field(parent, key, path, _is_string, "a string", required=required)
    if not messages and required and parent[key] == "":
        messages.append(f'"{_child(path, key)}" is not allowed to be empty')
    return messages


def _check_field(
    parent: Mapping[object, object],
    key: str,
    path: str,
    accepts: Callable[[object], bool],
    expected: str,
    *,
    required: bool = False,
) -> Messages:
    if key not in parent:
        return [_required(_child(path, key))] if required else []
    if accepts(parent[key]):
        return []
    return [_must_be(_child(path, key), expected)]


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _required(path: str) -> str:
    return f'"{path}" is required'


def _must_be(path: str, expected: str) -> str:
    return f'"{path}" must be {expected}'


def _is_mapping(value: object) -> bool:
    return isinstance(value, Mapping)


def _is_string(value: object) -> bool:
    return isinstance(value, str)


def _is_boolean(value: object) -> bool:
    # ruamel's round-trip loader keeps an anchored `true` as ScalarBoolean, an int subclass.
    return isinstance(value, bool | ScalarBoolean)


def _is_number(value: object) -> bool:
    # Booleans are ints in Python, and Joi's number() refuses NaN and infinities.
    if _is_boolean(value) or not isinstance(value, int | float):
        return False
    return math.isfinite(value)


def _is_number_or_string(value: object) -> bool:
    return _is_number(value) or isinstance(value, str)
