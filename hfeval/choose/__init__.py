"""Choosing a card's own score tables: which tables hold this model's scores, under which label.

    own_score_tables(readme_text, repo_id) -> list[TableChoice]   the chosen tables only
    choose(readme_text, repo_id) -> Decision                     every table's verdict + reason

Used by `hfeval init`, `hfeval tables` (marks), a spec's `readme: {}` and `hfeval discover`.
Pure: text in, frozen values out.
"""

from __future__ import annotations

from hfeval.choose.chooser import choose, own_score_tables
from hfeval.choose.verdicts import Candidate, Decision, TableChoice

__all__ = ["Candidate", "Decision", "TableChoice", "choose", "own_score_tables"]
