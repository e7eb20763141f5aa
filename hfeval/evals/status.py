"""`EvalStatus`: what a plan knows about one evaluation run of an `inspect:` source.

A plan never runs an evaluation. For every run a spec asks for, the plan records whether its
result is known (`done`, and published or not), still to come (`pending`, or `running` as a
submitted job), or unusable (`failed`, `partial` without `publish_partial`). The renderers show
the ones that are not published; `apply` reports them as not published; the saved plan keeps
them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

EvalState = Literal["pending", "running", "done", "partial", "failed"]


@dataclass(frozen=True)
class EvalStatus:
    """One run's state at plan time.

    `samples` says how many samples ran or would run ("100 of 1,319 samples", "all samples");
    `where` where it would run ("local", "hf-jobs a10g-small"); `detail` the error of a failed
    run or the reason a result is withheld; `log` the log's local path or Hub URL.
    """

    key: str
    task: str
    model: str
    state: EvalState
    where: str
    samples: str
    benchmark: str | None = None
    value: float | None = None
    published: bool = False
    detail: str | None = None
    log: str | None = None
    job_id: str | None = None

    @property
    def known_after_eval(self) -> bool:
        """True while the value is not known yet (nothing to publish until `hfeval eval`)."""
        return self.state in ("pending", "running")

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> EvalStatus:
        return EvalStatus(**data)
