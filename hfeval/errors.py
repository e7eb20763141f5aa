"""The exception tree: every error hfeval raises for a person to read descends from HfevalError.

    HfevalError
    ├── SpecError               a spec file or hfeval.yaml is invalid (file:line:column)
    ├── SourceError             a score source could not be resolved
    │   ├── TableNotFoundError      the README has no such table
    │   ├── ModelNotFoundError      no column/row matches the spec's model (candidates, closest)
    │   └── ArtificialAnalysisError the Artificial Analysis API failed or lacks the model
    ├── CardError               a README's front matter cannot be read or rewritten safely
    ├── HubError                a Hub request failed (repo id, HTTP status)
    ├── EvalError               an evaluation cannot run (missing extra, bad task) or be read
    ├── PlanFileError           a saved plan cannot be used (missing, corrupt, other format)
    └── StalePlanError          a repo's head moved since the plan was made

Each error carries `where` (file:line or repo id) and an optional `hint` saying what to do next;
`str(error)` renders both so the CLI can print it as one message, with any token redacted.
"""

from __future__ import annotations

from hfeval.redaction import redact


class HfevalError(Exception):
    """Base of every user-facing hfeval error."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return redact(text)  # errors are rendered from here: never with a token in them


class SpecError(HfevalError):
    """A spec file or hfeval.yaml is invalid; `where` is `file:line:column`."""


class SourceError(HfevalError):
    """A score source could not be resolved into observations."""


class TableNotFoundError(SourceError):
    """The referenced table does not exist in the README."""


class ModelNotFoundError(SourceError):
    """No column or row matches the requested model label."""

    def __init__(
        self,
        message: str,
        *,
        candidates: tuple[str, ...] = (),
        closest: str | None = None,
        where: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, where=where, hint=hint)
        self.candidates = candidates
        self.closest = closest


class ArtificialAnalysisError(SourceError):
    """The Artificial Analysis API failed, answered something unusable, or lacks the model."""


class CardError(HfevalError):
    """A model card's front matter cannot be parsed or safely rewritten."""


class HubError(HfevalError):
    """A request to the Hub failed."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        where: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, where=where, hint=hint)
        self.status = status


class EvalError(HfevalError):
    """An evaluation cannot be started (inspect-ai missing, unknown runner or task) or read back."""


class PlanFileError(HfevalError):
    """A saved plan file is missing, corrupt or of an unsupported format version."""


class StalePlanError(HfevalError):
    """A repo's head moved after the plan was made; nothing was written to it."""
