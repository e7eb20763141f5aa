"""Property: planning `.eval_results` over random existing files loses nothing.

Random files hold random entries (ours or someone else's; with or without verifyToken, revision,
date, user, notes, unknown keys; dataset ids in random case) in random files, including earlier
hfeval's per-source file. For any desired values:
- a file the plan does not write keeps every byte, and in a file it does write, the text of every
  entry the plan does not list as changing is still there byte for byte;
- no entry disappears unless the plan lists its deletion or its move;
- applying the plan and planning again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from builders import README_URL, desired_repo, observation
from hypothesis import given, settings, strategies as st

from hfeval.eval_results import EvalPlan, parse_eval_file, plan_eval_files
from hfeval.plan import Action

BENCHMARKS = {  # label -> (dataset id, task id)
    "GPQA Diamond": ("Idavidrein/gpqa", "diamond"),
    "HLE": ("cais/hle", "hle"),
    "MMLU-Pro": ("TIGER-Lab/MMLU-Pro", "mmlu_pro"),
}
FILES = [
    ".eval_results/gpqa.yaml",
    ".eval_results/hle.yaml",
    ".eval_results/theirs.yaml",
    ".eval_results/model-readme.yaml",
]


@dataclass(frozen=True)
class Entry:
    dataset: str
    task: str
    value: float
    ours: bool
    notes: str | None
    token: bool
    revision: bool
    extra: bool

    def text(self) -> str:
        lines = [f"- dataset:\n    id: {self.dataset}\n    task_id: {self.task}\n"]
        if self.revision:
            lines.append("    revision: 5503434d\n")
        lines.append(f"  value: {self.value}\n")
        if self.token:
            lines.append("  verifyToken: eyJ.token\n")
        url = README_URL if self.ours else "https://example.org/paper"
        lines.append(f"  source:\n    url: {url}\n    name: Model README\n    user: alice\n")
        if self.notes:
            lines.append(f"  notes: {self.notes}\n")
        if self.extra:
            lines.append("  x-extra: [1, 2]  # a comment\n")
        return "".join(lines)


def entries() -> st.SearchStrategy[Entry]:
    benchmark = st.sampled_from(sorted(BENCHMARKS.values()))
    return st.builds(
        lambda pair, case, value, *flags: Entry(
            pair[0].upper() if case else pair[0], pair[1], value, *flags
        ),
        benchmark,
        st.booleans(),
        st.integers(0, 1000).map(lambda n: n / 10),
        st.booleans(),
        st.sampled_from([None, "With tools", "checked by hand"]),
        st.booleans(),
        st.booleans(),
        st.booleans(),
    )


@st.composite
def hubs(draw: st.DrawFn) -> dict[str, list[Entry]]:
    placed = draw(st.lists(st.tuples(st.sampled_from(FILES), entries()), max_size=8))
    files: dict[str, list[Entry]] = {}
    for path, entry in placed:
        files.setdefault(path, []).append(entry)
    return files


wanted = st.dictionaries(
    st.sampled_from(sorted(BENCHMARKS)), st.integers(0, 1000).map(lambda n: n / 10)
)


def apply(current: dict[str, str], plan: EvalPlan) -> dict[str, str]:
    after = dict(current)
    for outcome in plan.outcomes:
        if outcome.action is Action.DELETE:
            del after[outcome.path]
        elif outcome.new_text is not None:
            after[outcome.path] = outcome.new_text
    return after


@settings(max_examples=120, deadline=None)
@given(hub=hubs(), values=wanted, prune=st.booleans())
def test_nothing_is_lost_and_a_second_plan_is_empty(
    hub: dict[str, list[Entry]], values: dict[str, float], prune: bool
) -> None:
    current = {path: "".join(e.text() for e in items) for path, items in hub.items()}
    want = desired_repo(
        [observation(label, value) for label, value in values.items()],
        targets=("eval-results",),
        prune=prune,
    )
    plan = plan_eval_files(current, want)
    after = apply(current, plan)
    written = {o.path for o in plan.outcomes if o.new_text is not None or o.action is Action.DELETE}
    listed = {
        (c.key.dataset.lower(), c.key.task)
        for o in plan.outcomes
        for c in o.changes
        if c.action is not Action.NOOP
    }
    for path, items in hub.items():
        if path not in written:
            assert after[path] == current[path]
            continue
        for entry in items:
            if (entry.dataset.lower(), entry.task) in listed:
                continue  # the plan shows this benchmark's entry changing
            assert entry.text() in after.get(path, ""), (path, entry)
    for path, items in hub.items():
        for entry in items:
            if not entry.ours:  # someone else's entry stays, whatever the plan
                assert entry.text() in after[path]
    for path in after:
        parse_eval_file(after[path])  # every file written is valid YAML of entries
    again = plan_eval_files(after, want)
    assert all(o.new_text is None and o.action is not Action.DELETE for o in again.outcomes), again
