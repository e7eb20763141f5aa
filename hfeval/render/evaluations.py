"""Plan lines for evaluation runs whose result the plan does not publish, and their summary.

Pure. A pending run shows as `(known after eval)` with what would run, where and how many
samples; a partial run shows its value and why it is withheld; a failed run its error. Published
runs need no line of their own: their metrics appear in the result blocks with provenance.
"""

from __future__ import annotations

from hfeval.evals.status import EvalStatus
from hfeval.plan import Plan, RepoPlan
from hfeval.render.common import KNOWN_AFTER_EVAL, count, format_value, one_line


def evaluation_texts(repo: RepoPlan) -> list[tuple[bool, str]]:
    """(is_pending, text) per unpublished run, in task order; empty when there are none."""
    return [(e.known_after_eval, _text(e)) for e in repo.unpublished_evaluations]


def _text(status: EvalStatus) -> str:
    name = status.task
    if status.state == "pending":
        return (
            f"{name} = {KNOWN_AFTER_EVAL}  # would run {status.where}: {status.model}, "
            f"{status.samples}"
        )
    if status.state == "running":
        job = f" {status.job_id}" if status.job_id else ""
        return f"{name} = {KNOWN_AFTER_EVAL}  # running as job{job} ({status.where})"
    if status.state == "partial":
        return (
            f"{name} = {format_value(status.value)}  partial: {status.samples}  "
            "# not published (publish_partial: true publishes it)"
        )
    return f"{name}: {status.state}: {one_line(status.detail or 'no detail')}  # nothing published"


def unpublished_notice(plan: Plan) -> str | None:
    """What `apply` says about runs the plan did not publish: each pending, failed or partial
    run by repo and task, and what to do next. None when every run was published."""
    rows = [(r.repo_id, e) for r in plan.repos for e in r.unpublished_evaluations]
    if not rows:
        return None
    lines = [f"Not published: {count(len(rows), 'evaluation')} this plan did not have:"]
    for repo_id, status in rows:
        reason = KNOWN_AFTER_EVAL if status.known_after_eval else status.state
        lines.append(f"  {repo_id} {status.task}: {reason}")
    lines.append('  run "hfeval eval", then "hfeval plan" and "hfeval apply" to publish them')
    return "\n".join(lines)
