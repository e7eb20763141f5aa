"""One `.eval_results/*.yaml` file as an editable round-trip document.

Pure. The file is loaded with ruamel.yaml in round-trip mode, so comments, key order, quoting and
every field hfeval does not produce (`verifyToken`, `dataset.revision`, `source.user`, unknown
keys) survive an edit; it is dumped again with the indentation it was written with. A file that
is not edited is never dumped: its bytes stay exactly as they were.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

EVAL_PREFIX = ".eval_results/"
_FIRST_ITEM = re.compile(r"^( *)(- +)\S", re.MULTILINE)


class InvalidEvalFile(Exception):
    """An `.eval_results` file is not valid YAML or not a list of entries."""


def is_eval_file(path: str) -> bool:
    name = path.removeprefix(EVAL_PREFIX)
    return name != path and "/" not in name and name.endswith((".yaml", ".yml"))


def _yaml(sequence: int = 4, offset: int = 2, mapping: int = 2) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long URL or note onto a second line
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def parse_eval_file(text: str) -> list[dict[str, Any]]:
    """The entries of a file as plain data (for reading, comparing and tests)."""
    yaml = YAML(typ="safe", pure=True)
    try:
        data = yaml.load(text)
    except YAMLError as error:
        raise InvalidEvalFile(f"not valid YAML: {error}") from error
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise InvalidEvalFile("must be a list of entries")
    return data


@dataclass
class EvalDocument:
    """A file's entries (round-trip nodes), its original text (None: new file), and its layout."""

    path: str
    text: str | None
    entries: CommentedSeq
    sequence: int = 4
    offset: int = 2
    edited: bool = False

    @classmethod
    def new(cls, path: str) -> EvalDocument:
        return cls(path, None, CommentedSeq(), edited=True)

    @classmethod
    def load(cls, path: str, text: str) -> EvalDocument:
        """Raises InvalidEvalFile for a file that is not a YAML list of mappings."""
        try:
            data = _yaml().load(text)
        except YAMLError as error:
            raise InvalidEvalFile(f"not valid YAML: {error}") from error
        if data is None:
            data = CommentedSeq()
        if not isinstance(data, CommentedSeq) or not all(isinstance(e, Mapping) for e in data):
            raise InvalidEvalFile("must be a list of entries")
        sequence, offset = _layout(text)
        return cls(path, text, data, sequence, offset)

    def append(self, entry: CommentedMap) -> None:
        self.entries.append(entry)
        self.edited = True

    def remove(self, entry: Any) -> None:
        for index, item in enumerate(self.entries):
            if item is entry:
                del self.entries[index]
                self.edited = True
                return

    def dump(self) -> str:
        stream = io.StringIO()
        _yaml(self.sequence, self.offset).dump(self.entries, stream)
        return stream.getvalue()


def _layout(text: str) -> tuple[int, int]:
    """(sequence indent, dash offset) as the file writes them; hfeval's own (4, 2) by default."""
    item = _FIRST_ITEM.search(text)
    if item is None:
        return 4, 2
    offset = len(item.group(1))
    return offset + len(item.group(2)), offset


def new_entry(
    dataset_id: str,
    task_id: str,
    value: float,
    *,
    date: str | None,
    source_url: str,
    source_name: str,
    notes: str | None,
) -> CommentedMap:
    """An entry in the Hub's key order (huggingface_hub's `eval_result_entries_to_yaml`)."""
    entry = CommentedMap()
    entry["dataset"] = CommentedMap([("id", dataset_id), ("task_id", task_id)])
    entry["value"] = value
    if date is not None:
        entry["date"] = date
    entry["source"] = CommentedMap([("url", source_url), ("name", source_name)])
    if notes:
        entry["notes"] = notes
    return entry
