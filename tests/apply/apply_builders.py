"""Hand-built repo plans and an in-memory Hub double for the apply unit tests.

`FakeHub` keeps just enough state (branch heads, file maps per commit, pull requests) to drive the
checks and the HubPublisher without a server; the sandbox tests cover the real client.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from hfeval.errors import HubError
from hfeval.hub import CommitResult, Identity, PullRequest
from hfeval.observations import Provenance
from hfeval.plan import Action, Delivery, FileChange, MetricChange, MetricKey, RepoPlan

BASE = "9f3c2a1e5b7d4c3a2b1f0e9d8c7b6a5f4e3d2c1b"
OTHER = "4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e"
PR_HEAD = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
USER = "sandbox-user"

OLD_README = "---\nlicense: apache-2.0\n---\n# Aurora-7B\n"
NEW_README = (
    "---\nlicense: apache-2.0\nmodel-index:\n- name: Aurora-7B\n  results: []\n---\n# Aurora-7B\n"
)

README_PROVENANCE = Provenance(
    kind="readme",
    description='README table 2, column "Aurora-7B", line 57',
    url="https://huggingface.co/acme/aurora-7b/blob/9f3c2a1/README.md#L57",
    details={"source": "readme", "table": 2, "column": "Aurora-7B", "line": 57},
)
AA_PROVENANCE = Provenance(
    kind="artificial_analysis",
    description="Artificial Analysis model page aurora-7b (gpqa, 0-1 scale)",
    url="https://artificialanalysis.ai/models/aurora-7b",
    details={"source": "artificial_analysis", "model": "aurora-7b"},
)
INSPECT_PROVENANCE = Provenance(
    kind="inspect",
    description="inspect log logs/gsm8k.eval, 1319 samples",
    details={"source": "inspect", "log": "logs/gsm8k.eval"},
)


def metric(
    name: str,
    action: Action,
    before: float | str | None,
    after: float | None,
    *,
    dataset: str = "cais/mmlu",
    source: str = "Model README",
    provenance: Provenance | None = README_PROVENANCE,
    category: str = "value",
) -> MetricChange:
    key = MetricKey("model-index", "Aurora-7B", "text-generation", dataset, None, None, name)
    return MetricChange(
        key=key,
        action=action,
        file="README.md",
        source=source,
        name=name.upper(),
        before=before,
        after=after,
        category=category,
        provenance=provenance,
    )


METRICS = (
    metric("mmlu", Action.CREATE, None, 68.3),
    metric(
        "gpqa",
        Action.UPDATE,
        0.652,
        0.661,
        dataset="Idavidrein/gpqa",
        source="Artificial Analysis",
        provenance=AA_PROVENANCE,
    ),
    metric(
        "exact_match",
        Action.DELETE,
        84.2,
        None,
        dataset="openai/gsm8k",
        source="inspect-ai",
        provenance=INSPECT_PROVENANCE,
    ),
    metric("hellaswag", Action.NOOP, 80.1, 80.1),
)


def card(value: float, name: str = "Aurora-7B") -> str:
    """A README whose model-index the sandbox accepts, with one MMLU score."""
    return (
        "---\nlicense: apache-2.0\nmodel-index:\n"
        f"- name: {name}\n  results:\n  - task:\n      type: text-generation\n"
        "    dataset:\n      name: MMLU\n      type: cais/mmlu\n"
        f"    metrics:\n    - type: mmlu\n      value: {value}\n"
        "    source:\n      name: Model README\n"
        "      url: https://huggingface.co/acme/aurora-7b\n"
        "---\n# Aurora-7B\n"
    )


def repo_plan(
    repo_id: str = "acme/aurora-7b",
    *,
    delivery: Delivery = Delivery.COMMIT,
    content: str = NEW_README,
    base: str = BASE,
    pr_num: int | None = None,
    pr_head: str | None = None,
    files: tuple[FileChange, ...] | None = None,
) -> RepoPlan:
    return RepoPlan(
        repo_id=repo_id,
        spec_path=f"specs/{repo_id}.yaml",
        model_name="Aurora-7B",
        mode="commit" if delivery is Delivery.COMMIT else "pr",
        base_commit=base,
        delivery=delivery,
        pr_num=pr_num,
        pr_head=pr_head,
        files=(FileChange.write("README.md", content, Action.UPDATE),) if files is None else files,
        metrics=METRICS,
    )


def fake_sha(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()


@dataclass
class FakeHub:
    """Branch heads, files per commit and PRs in memory; commits honour `parent_commit`."""

    heads: dict[tuple[str, str], str] = field(default_factory=dict)
    trees: dict[str, dict[str, str]] = field(default_factory=dict)
    prs: dict[str, list[PullRequest]] = field(default_factory=dict)
    before_commit: Callable[[FakeHub, str], None] | None = None  # races and server errors
    commits: list[tuple[str, str, str]] = field(default_factory=list)  # (repo, revision, title)

    def seed(self, repo_id: str, files: Mapping[str, str], sha: str = BASE) -> None:
        self.heads[(repo_id, "main")] = sha
        self.trees[sha] = dict(files)

    def add_pr(
        self, repo_id: str, num: int, head: str, files: Mapping[str, str], **kw: str
    ) -> None:
        self.trees[head] = dict(files)
        self.heads[(repo_id, f"refs/pr/{num}")] = head
        pr = PullRequest(
            num=num,
            status=kw.get("status", "open"),
            author=kw.get("author", USER),
            title="Evaluation results",
            description=kw.get("description", "<!-- hfeval:managed -->"),
            head=head,
        )
        self.prs.setdefault(repo_id, []).append(pr)

    # -- HubReader ----------------------------------------------------------------------------

    def head(self, repo_id: str, revision: str = "main") -> str:
        try:
            return self.heads[(repo_id, revision)]
        except KeyError:
            raise HubError("revision not found", status=404, where=repo_id) from None

    def read_files_at(self, repo_id: str, commit: str, paths: list[str]) -> dict[str, str | None]:
        tree = self.trees.get(commit, {})
        return {path: tree.get(path) for path in paths}

    def pull_requests(
        self, repo_id: str, *, author: str | None, status: str = "all"
    ) -> list[PullRequest]:
        return [
            replace(pr, head=self.heads.get((repo_id, pr.ref)))
            for pr in self.prs.get(repo_id, [])
            if (author is None or pr.author == author) and status in ("all", pr.status)
        ]

    def whoami(self) -> Identity:
        return Identity(USER, ())

    def pr_url(self, repo_id: str, pr_num: int) -> str:
        return f"https://hub.test/{repo_id}/discussions/{pr_num}"

    # -- writes -------------------------------------------------------------------------------

    def commit(
        self,
        repo_id: str,
        files: Mapping[str, bytes | None],
        *,
        message: str,
        description: str,
        parent_commit: str,
        revision: str | None = None,
        create_pr: bool = False,
    ) -> CommitResult:
        if self.before_commit is not None:
            self.before_commit(self, repo_id)
        branch = revision or "main"
        tree = dict(self.trees[parent_commit])
        for path, content in files.items():
            if content is None:
                tree.pop(path, None)
            else:
                tree[path] = content.decode("utf-8")
        if tree == self.trees[parent_commit]:
            return CommitResult(
                oid=parent_commit, url=f"https://hub.test/{repo_id}", pr_num=None, pr_url=None
            )
        if not create_pr and self.heads.get((repo_id, branch)) != parent_commit:
            raise HubError("the branch moved since it was read (412)", status=412, where=repo_id)
        sha = fake_sha(repo_id, parent_commit, message, str(len(self.commits)))
        self.trees[sha] = tree
        self.commits.append((repo_id, branch, message))
        if create_pr:
            num = 1 + sum(len(v) for v in self.prs.values())
            self.add_pr(repo_id, num, sha, tree, description=description)
            return CommitResult(
                sha, f"https://hub.test/{repo_id}/commit/{sha}", num, self.pr_url(repo_id, num)
            )
        self.heads[(repo_id, branch)] = sha
        return CommitResult(sha, f"https://hub.test/{repo_id}/commit/{sha}", None, None)
