"""The on-disk memo of `plan_repo`, so a repo whose inputs did not change is not diffed again.

`diff.plan_repo(desired, observed, mode, today)` is pure: its result depends only on its
arguments and on hfeval's code. Diffing a README (parse the front matter, merge the
model-index, splice it back and check the splice) is about half of a warm plan's work per repo,
and a re-plan with nothing new on either side gives the same answer each time. The key hashes
every input, so any change to one is a miss, never a stale answer:

- the desired state, all of it (`repr` of the frozen `DesiredRepo`: every field, in order);
- the observed state, all of it: revision, head commit, the full text of every managed file
  at that commit, hfeval's open PR (number, head, files at its head) and others' PRs' files;
- `mode` and `today`;
- hfeval's version and a hash of the source of the whole `hfeval` package (helpers shared with
  the other caches in `disk_cache.py`), so an edited checkout never reads an old
  answer.

An entry is the repo's plan as the plan file stores it (`plan.repo_to_dict`). It is written
only when reading it back gives an equal `RepoPlan`, so a hit returns exactly what `plan_repo`
would. Errors (`RepoPlanningError`) are not stored: they are computed again, with their
message, each time. Entries live under `$HF_HOME/hfeval/plans/`; a missing or malformed entry
is only a miss.
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import date
from pathlib import Path

import hfeval
from hfeval.compile import DesiredRepo
from hfeval.diff import ObservedRepo, plan_repo
from hfeval.disk_cache import cache_write, entry_path, read_entry, source_fingerprint
from hfeval.plan import RepoPlan, repo_from_dict, repo_to_dict
from hfeval.sources.base import RunContext, Shared

CACHE_FORMAT = 1


@functools.cache
def package_fingerprint() -> str:
    """hfeval's version and a hash of every module of the package."""
    return source_fingerprint(Path(hfeval.__file__).parent.rglob("*.py"))


def plan_key(desired: DesiredRepo, observed: ObservedRepo, *, mode: str, today: date) -> str:
    """The cache key of one `plan_repo` call (see the module docstring)."""
    parts = (
        CACHE_FORMAT,
        package_fingerprint(),
        mode,
        today.isoformat(),
        repr(desired),
        repr(observed),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class PlanCache:
    """`plan_repo` results stored by `plan_key`, one JSON file each under `directory`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def plan(
        self, desired: DesiredRepo, observed: ObservedRepo, *, mode: str, today: date
    ) -> RepoPlan:
        """What `plan_repo(desired, observed, mode=..., today=...)` returns, from disk if seen."""
        path = entry_path(self.directory, plan_key(desired, observed, mode=mode, today=today))
        try:
            return repo_from_dict(read_entry(path))
        except (OSError, ValueError, KeyError, TypeError):
            pass  # absent, half-written or from another layout: compute again
        planned = plan_repo(desired, observed, mode=mode, today=today)
        text = json.dumps(repo_to_dict(planned))
        # Only what reads back from JSON exactly is kept, so a hit is indistinguishable.
        if repo_from_dict(json.loads(text)) == planned:
            cache_write(path, text)
        return planned


def _plan_cache(_context: RunContext) -> PlanCache:
    from huggingface_hub import constants  # imported already by the Hub client of the run

    return PlanCache(Path(constants.HF_HOME) / "hfeval" / "plans")


PLAN_CACHE: Shared[PlanCache] = Shared("repo plan cache", _plan_cache)
