"""A local Hub-compatible server for demos, tests and rehearsals (`hfeval sandbox`).

`start_sandbox(data_dir, ...)` runs one in a background thread and returns a `Sandbox` handle
with its `url`, its `store` (repos, commits, PRs), its `faults` and `stop()`. Modules:

    server.py           socket server, Sandbox handle, start_sandbox
    app.py              request -> response: faults, /aa/ proxy, control routes, error bodies
    routing.py          Request/Response, raw-path route matching
    api_repos.py        whoami, repo create/delete, refs, tree, paths-info, commits, branches
    api_info.py         repo info with expand=, cardData and evalResults
    api_files.py        resolve, validate-yaml, preupload, NDJSON commit
    api_discussions.py  discussions and pull requests
    api_leaderboard.py  benchmark leaderboards from .eval_results
    api_benchmarks.py   the official benchmark listing; seeding benchmark datasets (eval.yaml)
    api_jobs.py         HF Jobs routes; jobs.py job records and stages, jobs_run.py local processes
    api_listing.py      GET /api/models: author/search/sort, expand, Link-header paging
    store.py            repos and commits on disk; discussions.py the PR/discussion operations
    records.py          frozen records and their JSON; history.py pure tree/merge operations
    auth.py             users, tokens (read-only, fine-grained) and server settings
    faults.py           which requests a fault hits (also from a --faults file)
    fault_effects.py    what it does: answer, delay, reset, lose the answer, race a writer
    frontmatter.py      README front matter parsing; seed.py seed folders; blobs.py blob files
    aa_api.py           the Artificial Analysis look-alike under /aa/ (owned separately)
"""

from __future__ import annotations

from hfeval.sandbox.auth import SandboxConfig, SandboxUser
from hfeval.sandbox.server import Sandbox, start_sandbox

__all__ = ["Sandbox", "SandboxConfig", "SandboxUser", "start_sandbox"]
