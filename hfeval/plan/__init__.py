"""The Plan: a frozen, serialisable record of what hfeval would change, and its derived numbers.

Every view (text, markdown, JSON, the saved plan file, the exit code, the apply report) is a
function of one `Plan`; nothing re-derives counts from rendered text. This package owns the data
shapes, the summary and the fingerprint (`model.py`) and the JSON round trip (`json_form.py`);
`diff.py` builds repo plans and `render/` draws them.
"""

from __future__ import annotations

from hfeval.plan.json_form import plan_from_dict, plan_to_dict, repo_from_dict, repo_to_dict
from hfeval.plan.model import (
    FORMAT_VERSION,
    Action,
    Conflict,
    Delivery,
    FileChange,
    Finding,
    MetricChange,
    MetricKey,
    Plan,
    PlanError,
    RepoPlan,
    Selection,
    Summary,
    sha256_text,
)

__all__ = [
    "FORMAT_VERSION",
    "Action",
    "Conflict",
    "Delivery",
    "FileChange",
    "Finding",
    "MetricChange",
    "MetricKey",
    "Plan",
    "PlanError",
    "RepoPlan",
    "Selection",
    "Summary",
    "plan_from_dict",
    "plan_to_dict",
    "repo_from_dict",
    "repo_to_dict",
    "sha256_text",
]
