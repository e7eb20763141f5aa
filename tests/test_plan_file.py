"""The saved plan file: old texts stored as deltas come back exactly; the layout stays readable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from hfeval.plan import Action, FileChange, Plan, RepoPlan, sha256_text
from hfeval.plan_file import read_plan_file, write_plan_file


def _plan(*files: FileChange) -> Plan:
    repo = RepoPlan(
        repo_id="org/m", spec_path="specs/m.yaml", model_name="m", mode="commit", files=files
    )
    return Plan(repos=(repo,), spec_hashes={"specs/m.yaml": "abc"}, endpoint="http://hub")


def _change(path: str, content: str | None, before: str | None) -> FileChange:
    action = Action.DELETE if content is None else Action.UPDATE
    sha = None if content is None else sha256_text(content)
    return FileChange(path, action, content, sha, before)


texts = st.text(alphabet=st.sampled_from("ab\n-:😀é"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(content=texts | st.none(), before=texts | st.none())
def test_every_old_text_comes_back_exactly(
    tmp_path_factory: pytest.TempPathFactory, content: str | None, before: str | None
) -> None:
    path = tmp_path_factory.mktemp("plan") / "plan.json"
    plan = _plan(_change("README.md", content, before))
    write_plan_file(plan, path)
    assert read_plan_file(path, verify_fingerprint=True) == plan


def test_a_readme_rewrite_stores_only_the_changed_middle(tmp_path: Path) -> None:
    body = "# Model\n\n" + "A long body that did not change.\n" * 200
    before = "---\nlicense: mit\n---\n" + body
    content = "---\nlicense: mit\nmodel-index:\n- name: m\n---\n" + body
    path = tmp_path / "plan.json"
    plan = _plan(_change("README.md", content, before))
    write_plan_file(plan, path)
    text = path.read_text(encoding="utf-8")
    saved = json.loads(text)
    change = saved["changes"][0]["files"][0]
    assert "before" not in change
    assert change["before_delta"] == [len("---\nlicense: mit\n"), len("---\n" + body), ""]
    assert text.count("did not change") == 200  # the body is stored once, in `content`
    assert read_plan_file(path) == plan
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert any(line.startswith('{"repo": "org/m"') for line in lines)  # one line per repo
