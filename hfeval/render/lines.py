"""The vocabulary of a rendered plan body: what a line means (`Style`), its symbol, one `Line`,
which style a metric action or a block of metrics takes, and the body's options. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from hfeval.plan import Action, MetricChange


class Style(StrEnum):
    """What a line means; colour is chosen from this, never from the text."""

    ADD = "add"
    CHANGE = "change"
    REMOVE = "remove"
    CONFLICT = "conflict"
    UNCHANGED = "unchanged"
    HEADER = "header"
    COMMENT = "comment"
    PENDING = "pending"  # a value known only after `hfeval eval`


SYMBOLS: dict[Style, str] = {
    Style.ADD: "+",
    Style.CHANGE: "~",
    Style.REMOVE: "-",
    Style.CONFLICT: "!",
    Style.UNCHANGED: " ",
    Style.HEADER: "#",
    Style.COMMENT: "#",
    Style.PENDING: "?",
}

ACTION_STYLES = {
    Action.CREATE: Style.ADD,
    Action.UPDATE: Style.CHANGE,
    Action.DELETE: Style.REMOVE,
    Action.NOOP: Style.UNCHANGED,
}


@dataclass(frozen=True)
class Line:
    """One line of a repo body: `indent` spaces, then the style's symbol, a space and `text`."""

    indent: int
    style: Style
    text: str

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.style]


@dataclass(frozen=True)
class BodyOptions:
    """What a repo body shows besides changes (`--show-unchanged`, `-v`)."""

    show_unchanged: bool = False
    verbose: bool = False


def combined_style(metrics: Sequence[MetricChange]) -> Style:
    """`+` when every metric is added, `-` when every one is removed, blank when none changes.

    Anything else is `~`: adding a metric to a block that keeps others changes the block.
    """
    actions = {m.action for m in metrics}
    if actions == {Action.CREATE}:
        return Style.ADD
    if actions == {Action.DELETE}:
        return Style.REMOVE
    if actions == {Action.NOOP}:
        return Style.UNCHANGED
    return Style.CHANGE
