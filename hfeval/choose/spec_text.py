"""The commented spec `hfeval init` writes: chosen tables as sources, everything else as comments.

Pure: a `Decision` and where the README is in, YAML text out. Each chosen table is one `readme:`
source with its reasons as end-of-line comments; tables with another model's scores (a sibling,
a repeat, several equally likely labels) are commented-out sources a reviewer can switch on; tables
without scores are listed in one comment line each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from hfeval.choose.verdicts import Decision, TableChoice


@dataclass(frozen=True)
class SpecTarget:
    """Where the spec's README comes from, and the repo the spec describes."""

    model: str
    model_note: str | None = None
    file: str | None = None
    schema: str | None = None


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _table_comment(table: TableChoice) -> str:
    heading = f'"{table.heading}", ' if table.heading else ""
    axis = f"models as {table.axis}s" if table.axis else table.layout.replace("-", " ")
    return f"{heading}{axis}, {table.scores} score(s)"


def _inline(table: int, model: str | None, file: str | None) -> str:
    fields = [f"file: {_quote(file)}"] if file else []
    fields.append(f"table: {table}")
    if model is not None:
        fields.append(f"model: {_quote(model)}")
    return "{" + ", ".join(fields) + "}"


def _alternatives(table: TableChoice, file: str | None) -> list[str]:
    if table.verdict == "ambiguous":
        labels = [c.label for c in table.candidates if c.viable] or [
            c.label for c in table.candidates
        ]
        return [
            f"  # - readme: {_inline(table.table, label, file)}"
            f"  # table {table.table}: one of {len(labels)} equally likely labels"
            for label in labels[:6]
        ]
    if table.verdict in ("sibling", "repeat") and table.scores:
        what = "repeat" if table.verdict == "repeat" else "other model"
        return [
            f"  # - readme: {_inline(table.table, table.model, file)}  # {what}: {table.reason}"
        ]
    return []


def spec_text(decision: Decision, target: SpecTarget, *, source_label: str) -> str:
    """The spec file text; it has no source when nothing was chosen (the caller refuses it)."""
    lines: list[str] = []
    if target.schema:
        lines.append(f"# yaml-language-server: $schema={target.schema}")
    lines.append(f"# Written by `hfeval init` from {source_label}; each choice says why.")
    model_line = f"model: {target.model}"
    if target.model_note:
        model_line += f"  # {target.model_note}"
    lines += [model_line, "sources:"]
    for table in decision.chosen:
        lines.append("  - readme:")
        if target.file:
            lines.append(f"      file: {_quote(target.file)}")
        lines.append(f"      table: {table.table}  # {_table_comment(table)}")
        if table.model is not None:
            runner = next((c.label for c in table.candidates if c.label != table.model), None)
            also = f'; not "{runner}"' if runner else ""
            lines.append(f"      model: {_quote(table.model)}  # {table.reason}{also}")
        else:
            lines.append(f"      # no model: {table.reason}")
    for table in decision.tables:
        lines += _alternatives(table, target.file)
    for table in decision.tables:
        if table.verdict in ("no-scores", "others") or (
            table.verdict in ("sibling", "repeat") and not table.scores
        ):
            lines.append(f"  # table {table.table}: {table.reason}")
    return "\n".join(lines) + "\n"
