"""inspect-ai is loaded only to read an inspect log: never for --help, validate, or plans of
README, Artificial Analysis and lm-eval sources (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from logs_helpers import LM_EVAL_FILE

from hfeval.sandbox import Sandbox

PROBE = """
import sys
from click.testing import CliRunner
from hfeval.cli import main

for args in (["--help"], ["validate", "specs"], ["plan", "specs"]):
    result = CliRunner().invoke(main, args)
    print(" ".join(args), result.exit_code, file=sys.stderr)
    print(result.output, file=sys.stderr)
print(sorted(name for name in sys.modules if name.split(".")[0] == "inspect_ai"))
"""


def test_no_inspect_import_without_inspect_logs(tmp_path: Path, sandbox: Sandbox) -> None:
    model = "acme/lazy-import-check"
    if not sandbox.store.exists(model):
        card = "---\nlicense: mit\n---\n| Benchmark | Score |\n|---|---|\n| MMLU | 64.8 |\n"
        sandbox.store.create_repo(model, {"README.md": card}, author="acme")
    specs = tmp_path / "specs"
    (specs / "logs").mkdir(parents=True)
    results = json.loads(LM_EVAL_FILE.read_text())
    results["model_name"] = model
    (specs / "logs" / LM_EVAL_FILE.name).write_text(json.dumps(results))
    (specs / "m.yaml").write_text(
        f"model: {model}\napply: commit\nsources:\n"
        "  - readme: {table: 1}\n"
        "  - artificial_analysis: {creator: acme, model: cirrus-2-mini}\n"
        "  - logs: {paths: [logs/]}\n"
    )
    env = {
        **os.environ,
        "AA_API_URL": f"{sandbox.url}/aa/api/v2",
        "AA_API_KEY": "sandbox-test-key",
        "HFEVAL_CACHE_DIR": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "validate specs 0" in done.stderr and "plan specs 0" in done.stderr, done.stderr
    for source in ("Model README", "Artificial Analysis", "lm-evaluation-harness"):
        assert f"(source: {source})" in done.stderr  # every source was really resolved
    assert done.stdout.strip() == "[]"
