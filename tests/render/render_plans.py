"""Hand-built plans for the renderer tests: one builder per situation a plan must show.

Figures are modelled on real cards' shapes; repo ids are invented. `hfeval_version` is pinned so
golden files do not change with every release.
"""

from __future__ import annotations

from collections.abc import Callable

from hfeval.observations import Provenance
from hfeval.plan import (
    Action,
    Conflict,
    Delivery,
    FileChange,
    MetricChange,
    MetricKey,
    Plan,
    PlanError,
    RepoPlan,
    Selection,
)

VERSION = "0.0.0-test"
SHA_A = "9f3c2a1e5b7d4c3a2b1f0e9d8c7b6a5f4e3d2c1b"
SHA_B = "17be0d4a9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49"
SHA_C = "c41a9e2b3d4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b"
README_PROVENANCE = Provenance(
    kind="readme",
    description='README table 2, column "Llama-8B-Instruct"',
    url="https://huggingface.co/acme/llama-8b-instruct/blob/9f3c2a1/README.md",
    details={"source": "readme", "table": 2, "column": "Llama-8B-Instruct", "revision": SHA_A},
)
INSPECT_PROVENANCE = Provenance(
    kind="inspect",
    description="inspect log logs/gsm8k.eval, 1319 samples",
    details={"source": "inspect", "log": "logs/gsm8k.eval", "samples": 1319},
)
AA_PROVENANCE = Provenance(
    kind="artificial_analysis",
    description="Artificial Analysis olmo-3-32b-think gpqa (0-1 scale)",
    url="https://artificialanalysis.ai/models/olmo-3-32b-think",
    details={"source": "artificial_analysis", "model": "olmo-3-32b-think", "metric": "gpqa"},
)


def key(
    metric: str,
    *,
    model: str = "llama-8b-instruct",
    task: str = "text-generation",
    dataset: str = "cais/mmlu",
    config: str | None = "all",
    split: str | None = "test",
) -> MetricKey:
    return MetricKey("model-index", model, task, dataset, config, split, metric)


def metric(
    name: str,
    action: Action,
    before: float | str | None,
    after: float | None,
    *,
    source: str = "Model README",
    provenance: Provenance | None = README_PROVENANCE,
    category: str = "value",
    reason: str | None = None,
    file: str = "README.md",
    **key_fields: str | None,
) -> MetricChange:
    return MetricChange(
        key=key(name, **key_fields),  # type: ignore[arg-type]
        action=action,
        file=file,
        source=source,
        name=name.upper(),
        before=before,
        after=after,
        category=category,
        provenance=provenance if action is not Action.DELETE else None,
        reason=reason,
    )


def eval_entry(
    dataset: str, task_id: str, action: Action, before: float | None, after: float | None
) -> MetricChange:
    return MetricChange(
        key=MetricKey(
            "eval-results", "acme/llama-8b-instruct", task_id, dataset, None, None, task_id
        ),
        action=action,
        file=f".eval_results/{task_id}.yaml",
        source="inspect-ai",
        name=task_id,
        before=before,
        after=after,
        provenance=INSPECT_PROVENANCE if action is not Action.DELETE else None,
    )


def readme(action: Action = Action.UPDATE) -> FileChange:
    return FileChange.write("README.md", "---\nmodel-index: []\n---\n", action)


def repo(repo_id: str, **fields: object) -> RepoPlan:
    name = repo_id.split("/")[-1]
    defaults: dict[str, object] = {
        "spec_path": f"specs/{repo_id}.yaml",
        "model_name": name,
        "mode": "pr",
        "base_commit": SHA_B,
    }
    defaults.update(fields)
    return RepoPlan(repo_id=repo_id, **defaults)  # type: ignore[arg-type]


def unchanged_repo(repo_id: str) -> RepoPlan:
    model = repo_id.split("/")[-1]
    return repo(
        repo_id,
        metrics=(metric("mmlu", Action.NOOP, 70.1, 70.1, model=model),),
    )


def plan(*repos: RepoPlan, **fields: object) -> Plan:
    return Plan(
        repos=tuple(sorted(repos, key=lambda r: r.repo_id)),
        hfeval_version=VERSION,
        **fields,  # type: ignore[arg-type]
    )


# -- the situations ----------------------------------------------------------------------------


def create_plan() -> Plan:
    """A model with no model-index yet: everything is added."""
    return plan(
        repo(
            "acme/llama-8b-instruct",
            mode="commit",
            base_commit=SHA_A,
            delivery=Delivery.COMMIT,
            files=(readme(),),
            metrics=(
                metric("mmlu", Action.CREATE, None, 68.3),
                metric("gsm8k", Action.CREATE, None, 84.2, dataset="openai/gsm8k", config="main"),
            ),
        )
    )


def update_plan() -> Plan:
    """A value change and an add in an existing block (unchanged ones hidden), and a new block."""
    return plan(
        repo(
            "acme/llama-8b-instruct",
            base_commit=SHA_A,
            delivery=Delivery.NEW_PR,
            files=(readme(),),
            metrics=(
                metric("mmlu", Action.UPDATE, 68.1, 68.3),
                metric("mmlu_0shot", Action.CREATE, None, 66.2),
                metric("mmlu_5shot", Action.NOOP, 69.0, 69.0),
                metric("mmlu_cot", Action.NOOP, 71.5, 71.5),
                metric(
                    "exact_match",
                    Action.CREATE,
                    None,
                    84.2,
                    dataset="openai/gsm8k",
                    config="main",
                    source="inspect-ai",
                    provenance=INSPECT_PROVENANCE,
                ),
            ),
        )
    )


def prune_plan() -> Plan:
    return plan(
        repo(
            "acme/qwen-mini",
            mode="commit",
            delivery=Delivery.COMMIT,
            files=(readme(),),
            metrics=(
                metric(
                    "mmlu_pro",
                    Action.DELETE,
                    41.0,
                    None,
                    model="qwen-mini",
                    dataset="TIGER-Lab/MMLU-Pro",
                    reason="pruned_not_in_spec",
                ),
                metric("mmlu", Action.NOOP, 60.2, 60.2, model="qwen-mini"),
            ),
        )
    )


def noop_plan() -> Plan:
    return plan(*(unchanged_repo(f"acme/model-{n:02d}") for n in range(14)))


def unmanaged_plan() -> Plan:
    return plan(
        repo(
            "acme/llama-8b-instruct",
            delivery=Delivery.UPDATE_PR,
            pr_num=14,
            pr_head=SHA_C,
            base_commit=SHA_A,
            files=(readme(),),
            metrics=(metric("mmlu", Action.UPDATE, 68.1, 68.3),),
            unmanaged=(("Open LLM Leaderboard", 2),),
        )
    )


def conflict_plan() -> Plan:
    """Only a conflict: nothing to apply."""
    return plan(
        repo(
            "acme/llama-8b-instruct",
            metrics=(metric("gsm8k", Action.NOOP, 84.2, 84.2, dataset="openai/gsm8k"),),
            conflicts=(
                Conflict(
                    key=key("mmlu"),
                    hub_value=70.0,
                    hub_source="Open LLM Leaderboard",
                    spec_value=68.3,
                    provenance=README_PROVENANCE,
                ),
            ),
            unmanaged=(("Open LLM Leaderboard", 1),),
        ),
        unchanged_repo("acme/qwen-mini"),
    )


def invalid_model_index_plan() -> Plan:
    return plan(
        repo(
            "acme/broken-card",
            error=(
                "the existing model-index is invalid: model-index[0].results[1].metrics[0].value "
                "is missing; left untouched (set `replace_invalid: true` in the spec to replace it)"
            ),
        )
    )


def both_targets_plan() -> Plan:
    return plan(
        repo(
            "acme/llama-8b-instruct",
            mode="commit",
            base_commit=SHA_A,
            delivery=Delivery.COMMIT,
            files=(
                readme(),
                FileChange.write(".eval_results/gsm8k.yaml", "- value: 84.2\n", Action.CREATE),
            ),
            metrics=(
                metric(
                    "exact_match",
                    Action.CREATE,
                    None,
                    84.2,
                    dataset="openai/gsm8k",
                    config="main",
                    source="inspect-ai",
                    provenance=INSPECT_PROVENANCE,
                ),
                eval_entry("openai/gsm8k", "gsm8k", Action.CREATE, None, 84.2),
            ),
        )
    )


def pr_up_to_date_plan() -> Plan:
    return plan(
        repo(
            "acme/phi-tiny",
            delivery=Delivery.PR_UP_TO_DATE,
            pr_num=7,
            pr_head=SHA_C,
            files=(readme(),),
            metrics=(metric("mmlu", Action.CREATE, None, 55.4, model="phi-tiny"),),
        ),
        unchanged_repo("acme/qwen-mini"),
    )


def pr_needs_update_plan() -> Plan:
    return plan(
        repo(
            "acme/llama-8b-instruct",
            delivery=Delivery.UPDATE_PR,
            pr_num=14,
            pr_head=SHA_C,
            base_commit=SHA_A,
            files=(readme(),),
            metrics=(
                metric(
                    "gpqa",
                    Action.UPDATE,
                    0.652,
                    0.661,
                    task="text-generation",
                    dataset="Artificial Analysis",
                    config=None,
                    split=None,
                    source="Artificial Analysis",
                    provenance=AA_PROVENANCE,
                ),
                *(
                    metric(
                        name,
                        Action.NOOP,
                        0.5,
                        0.5,
                        dataset="Artificial Analysis",
                        config=None,
                        split=None,
                        source="Artificial Analysis",
                        provenance=AA_PROVENANCE,
                    )
                    for name in ("hle", "mmlu_pro", "livecodebench", "aime")
                ),
            ),
        )
    )


def metadata_only_plan() -> Plan:
    return plan(
        repo(
            "acme/llama-8b-instruct",
            mode="commit",
            delivery=Delivery.COMMIT,
            files=(readme(),),
            metrics=(metric("mmlu", Action.UPDATE, 68.3, 68.3, category="metadata"),),
        )
    )


def failed_among_successful_plan() -> Plan:
    return plan(
        *update_plan().repos,
        repo("acme/gone", error="repository not found (check the id; if it is private, log in)"),
        unchanged_repo("acme/qwen-mini"),
    )


def selection_plan() -> Plan:
    return plan(
        *update_plan().repos,
        unchanged_repo("acme/qwen-mini"),
        selection=Selection(
            include=("acme/*",),
            selected=2,
            excluded=tuple(f"specs/other/model-{n:02d}.yaml" for n in range(38)),
        ),
    )


def many_unchanged_plan() -> Plan:
    return plan(
        *unmanaged_plan().repos,
        *(unchanged_repo(f"acme/model-{n:02d}") for n in range(12)),
    )


def planning_failed_plan() -> Plan:
    return plan(
        errors=(
            PlanError(
                'unknown key "sourse" (did you mean "sources"?)', file="specs/acme/x.yaml", line=12
            ),
            PlanError("repository not found", repo="acme/missing"),
        )
    )


def big_plan(repos: int = 60, metrics_per_repo: int = 40) -> Plan:
    """Large enough that its markdown exceeds 60,000 characters."""
    return plan(
        *(
            repo(
                f"acme/big-model-{n:03d}",
                delivery=Delivery.NEW_PR,
                files=(readme(),),
                metrics=tuple(
                    metric(
                        f"benchmark_{m:02d}",
                        Action.CREATE,
                        None,
                        50.0 + m / 10,
                        model=f"big-model-{n:03d}",
                        dataset=f"acme-bench/suite-{m // 10}",
                    )
                    for m in range(metrics_per_repo)
                ),
            )
            for n in range(repos)
        )
    )


CASES: dict[str, Callable[[], Plan]] = {
    "create": create_plan,
    "update": update_plan,
    "prune": prune_plan,
    "noop": noop_plan,
    "unmanaged": unmanaged_plan,
    "conflict": conflict_plan,
    "invalid_model_index": invalid_model_index_plan,
    "both_targets": both_targets_plan,
    "pr_up_to_date": pr_up_to_date_plan,
    "pr_needs_update": pr_needs_update_plan,
    "metadata_only": metadata_only_plan,
    "failed_among_successful": failed_among_successful_plan,
    "selection": selection_plan,
    "many_unchanged": many_unchanged_plan,
    "planning_failed": planning_failed_plan,
}
