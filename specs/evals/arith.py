"""A tiny offline inspect-ai task for tests and the demo: five sums, exact numeric match."""

from inspect_ai import Task, task
from inspect_ai.dataset import Sample
from inspect_ai.scorer import match
from inspect_ai.solver import generate

SUMS = [("2 + 2", "4"), ("3 + 4", "7"), ("10 - 3", "7"), ("6 * 7", "42"), ("9 + 10", "19")]


@task
def arith() -> Task:
    """Answer five arithmetic questions with a number."""
    return Task(
        dataset=[Sample(input=f"What is {q}? Answer with a number.", target=a) for q, a in SUMS],
        solver=generate(),
        scorer=match(numeric=True),
    )
