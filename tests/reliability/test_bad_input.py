"""Bad input, each refused with one clear line naming where it is, exit 1, and nothing written.

Every case builds a spec repo (and, where the problem is on the Hub, a repo or an injected Hub
answer), runs `hfeval apply --yes` (plan, then apply) and checks: exit code 1, the error is one
line that names its location (spec file:line, or the repo id), and the sandbox holds exactly the
commits and pull requests it held before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from hfeval.sandbox import Sandbox
from reliability.figures import Figures
from reliability.scenario import CARD, MODEL_LABEL, cli, write_spec

SOURCES = "sources:\n  - readme: {table: 1, model: x}\n"
Setup = Callable[["Env"], str]  # returns the location the error must name


@dataclass
class Env:
    sandbox: Sandbox
    work: Path
    hub_repo: Callable[..., str]
    monkeypatch: pytest.MonkeyPatch

    def repo(self, files: dict[str, str | bytes] | None = None) -> str:
        return self.hub_repo({"README.md": CARD} if files is None else files, name="bad")

    def spec(self, name: str, text: str) -> str:
        path = self.work / "specs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return f"specs/{name}"

    def readme_spec(self, repo_id: str, *, table: str = "1", model: str = MODEL_LABEL) -> str:
        return self.spec(
            "model.yaml",
            f"model: {repo_id}\napply: commit\nsources:\n"
            f"  - readme:\n      table: {table}\n      model: {model!r}\n",
        )


def malformed_yaml(env: Env) -> str:
    env.spec("model.yaml", "model: acme/x\nsources:\n  - readme: {table: 1\n")
    return "specs/model.yaml:4"


def wrong_type(env: Env) -> str:
    env.spec("model.yaml", f"model: acme/x\nprune: sometimes\n{SOURCES}")
    return "specs/model.yaml:2"


def unknown_key(env: Env) -> str:
    env.spec("model.yaml", f"model: acme/x\n{SOURCES}sourcez: []\n")
    return "specs/model.yaml:4"


def duplicate_specs(env: Env) -> str:
    repo = env.repo()
    write_spec(env.work, repo)
    env.spec("again.yaml", f"model: {repo}\nsources:\n  - readme: {{table: 1, model: x}}\n")
    return "specs/again.yaml:1"


def missing_repo(env: Env) -> str:
    env.readme_spec("sandbox-user/no-such-repo-anywhere")
    return "sandbox-user/no-such-repo-anywhere"


def private_repo_without_token(env: Env) -> str:
    repo = f"sandbox-user/private-{env.work.name}"
    env.sandbox.store.create_repo(repo, {"README.md": CARD}, author="sandbox-user", private=True)
    env.readme_spec(repo)
    env.monkeypatch.delenv("HF_TOKEN")
    return repo


def _hub_answer(status: int, headers: dict[str, str], message: str) -> Setup:
    def setup(env: Env) -> str:
        repo = env.repo()
        env.readme_spec(repo)
        env.sandbox.faults.add(
            method="GET",
            path_prefix=f"/api/models/{repo}",
            status=status,
            headers=headers,
            body=f'{{"error": "{message}"}}',
            times=None,
        )
        return repo

    return setup


gated_repo = _hub_answer(403, {"X-Error-Code": "GatedRepo"}, "Access to model is restricted")
refused_token = _hub_answer(
    401,
    {"X-Error-Message": "Invalid credentials in Authorization header"},
    "Invalid credentials in Authorization header",
)
forbidden_repo = _hub_answer(403, {"X-Error-Message": "Forbidden"}, "Forbidden")


def readme_missing(env: Env) -> str:
    repo = env.repo({"config.json": "{}"})
    env.readme_spec(repo)
    return "specs/model.yaml:4"


def readme_not_utf8(env: Env) -> str:
    repo = env.repo({"README.md": CARD.replace("Footer", "Fu\u00dfnote").encode("latin-1")})
    env.readme_spec(repo)
    return repo


def invalid_model_index(env: Env) -> str:
    broken = CARD.replace(
        "license: apache-2.0", "model-index: [{name: x, results: oops}]\nlicense: apache-2.0"
    )
    repo = env.repo({"README.md": broken})
    env.readme_spec(repo)
    return repo


def invalid_front_matter(env: Env) -> str:
    repo = env.repo({"README.md": CARD.replace("- reliability", "- [reliability")})
    env.readme_spec(repo)
    return repo


def huge_readme(env: Env) -> str:
    repo = env.repo({"README.md": CARD + ("x" * 99 + "\n") * 25_000})
    env.readme_spec(repo)
    return repo


def table_out_of_range(env: Env) -> str:
    env.readme_spec(env.repo(), table="7")
    return "specs/model.yaml:4"


def model_label_not_found(env: Env) -> str:
    env.readme_spec(env.repo(), model="no-such-model")
    return "specs/model.yaml:4"


def aa_key_missing(env: Env) -> str:
    repo = env.repo()
    env.monkeypatch.delenv("AA_API_KEY", raising=False)
    env.monkeypatch.setenv("HFEVAL_CACHE_DIR", str(env.work / "cache"))
    env.spec(
        "model.yaml",
        f"model: {repo}\napply: commit\nsources:\n"
        "  - artificial_analysis:\n      creator: acme\n      model: rel-model\n",
    )
    return "specs/model.yaml:4"


def _logs_spec(env: Env, name: str, content: bytes | None) -> str:
    if content is not None:
        (env.work / "specs" / "logs").mkdir(parents=True, exist_ok=True)
        (env.work / "specs" / "logs" / name).write_bytes(content)
    env.spec(
        "model.yaml",
        f"model: {env.repo()}\napply: commit\nsources:\n  - logs:\n      paths: [logs/{name}]\n",
    )
    return "specs/model.yaml:4"


def inspect_log_unreadable(env: Env) -> str:
    return _logs_spec(env, "gsm8k.eval", b"PK\x03\x04 this is not a whole zip file")


def inspect_json_log_unreadable(env: Env) -> str:
    header = b'{"version": 2, "status": "success", "eval": {"task": 3}, "results": "x"}'
    return _logs_spec(env, "gsm8k.json", header)


def log_file_missing(env: Env) -> str:
    return _logs_spec(env, "missing.eval", None)


def named_file_not_a_log(env: Env) -> str:
    return _logs_spec(env, "notes.json", b'{"hello": "world"}')


CASES: dict[str, Setup] = {
    "malformed YAML": malformed_yaml,
    "wrong type": wrong_type,
    "unknown key": unknown_key,
    "duplicate specs for one repo": duplicate_specs,
    "missing repo (404)": missing_repo,
    "private repo, no token (404)": private_repo_without_token,
    "gated repo (403)": gated_repo,
    "token refused (401)": refused_token,
    "no access (403)": forbidden_repo,
    "README missing": readme_missing,
    "README not UTF-8": readme_not_utf8,
    "invalid existing model-index": invalid_model_index,
    "invalid front matter YAML": invalid_front_matter,
    "huge README": huge_readme,
    "table index out of range": table_out_of_range,
    "model label not found": model_label_not_found,
    "AA key missing": aa_key_missing,
    "inspect log unreadable (.eval)": inspect_log_unreadable,
    "inspect log unreadable (.json)": inspect_json_log_unreadable,
    "log file missing": log_file_missing,
    "named file is not a log": named_file_not_a_log,
}


def _written(sandbox: Sandbox) -> tuple[int, int]:
    repos = sandbox.store.repo_ids()
    commits = sum(len(sandbox.store.history(repo)) for repo in repos)
    prs = sum(len(sandbox.store.pull_requests(repo)) for repo in repos)
    return commits, prs


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_one_clear_line_with_its_location_and_nothing_is_written(
    name: str,
    sandbox: Sandbox,
    hub_repo: Callable[..., str],
    work: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_wait: list[float],
    figures: Figures,
) -> None:
    figures.bad_inputs.append(name)
    location = CASES[name](Env(sandbox, work, hub_repo, monkeypatch))
    before = _written(sandbox)
    run = cli("apply", "--yes", "--no-color")
    errors = [
        line
        for line in run.text.splitlines()
        if line.startswith("Error:") or "could not be planned:" in line
    ]
    assert run.code == 1, run.text
    assert len(errors) == 1, run.text
    assert location in errors[0], run.text
    assert _written(sandbox) == before
    figures.bad_inputs_refused += 1
