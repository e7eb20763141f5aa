"""Eval-harness task names -> the spellings the registry looks them up under.

Harnesses name tasks differently from model cards: inspect_evals `inspect_evals/mmlu_0_shot`,
inspect file tasks `evals/arith.py@arith`, lm-evaluation-harness `gsm8k` or `leaderboard_bbh`,
lighteval `suite|task|shots` (`leaderboard|arc:challenge|25`, or `gsm8k|5` without a suite).
`task_name_forms` lists the name as written, then with the harness's decoration removed; the
registry tries each against its `tasks:` lists, ids and aliases (`Registry.resolve_task_name`).
Only the `inspect_evals/` package prefix is dropped: another package's `pkg/gsm8k` may be any
task, and naming it GSM8K would be a guess.
"""

from __future__ import annotations

INSPECT_EVALS_PREFIX = "inspect_evals/"


def task_name_forms(name: str) -> list[str]:
    """`name` stripped, then without file, package, suite and few-shot decoration (no repeats)."""
    forms = [name.strip()]
    text = forms[0]
    if "@" in text:  # inspect "path/to/file.py@task"
        text = text.rsplit("@", 1)[1]
        forms.append(text)
    if text.startswith(INSPECT_EVALS_PREFIX):
        text = text.removeprefix(INSPECT_EVALS_PREFIX)
        forms.append(text)
    parts = text.split("|")
    if len(parts) > 1 and parts[-1].strip().isdigit():  # lighteval few-shot count
        parts = parts[:-1]
        forms.append("|".join(parts))
    if len(parts) > 1:  # lighteval suite
        forms.append(parts[-1])
    return [form for form in dict.fromkeys(form.strip() for form in forms) if form]
