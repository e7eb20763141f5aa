"""`hfeval sandbox`: run the local Hub-compatible server in the foreground until Ctrl-C."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from hfeval.sandbox import SandboxConfig, SandboxUser, start_sandbox
from hfeval.sandbox.auth import DEFAULT_USER_NAME
from hfeval.sandbox.faults import load_fault_specs


@click.command()
@click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory holding the sandbox's repos; created if missing, kept across restarts.",
)
@click.option(
    "--seed",
    "seed_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of <namespace>/<name>/<files> to create as model repos (those not in --data yet).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0: any free port).",
)
@click.option(
    "--user",
    default=DEFAULT_USER_NAME,
    show_default=True,
    help="Account name that every bearer token acts as.",
)
@click.option(
    "--org",
    "orgs",
    multiple=True,
    metavar="ORG",
    help="Organization the user belongs to (repeatable).",
)
@click.option(
    "--enforce-namespaces",
    is_flag=True,
    help="Direct commits and merges only in the user's namespace and orgs; elsewhere, PRs.",
)
@click.option("--read-only", is_flag=True, help="Answer every write with 403.")
@click.option(
    "--read-token",
    "read_tokens",
    multiple=True,
    metavar="TOKEN",
    help='A token that may only read (whoami role "read", writes 403); repeatable. '
    "Other tokens write.",
)
@click.option(
    "--write-token",
    "write_tokens",
    multiple=True,
    metavar="TOKEN",
    help="Only these tokens may write (repeatable); any other token is read-only.",
)
@click.option(
    "--faults",
    "faults_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="HFEVAL_SANDBOX_FAULTS",
    help="YAML/JSON list of faults to inject (429, 5xx, resets, slow or lost answers, "
    "concurrent writers); see docs/reliability.md. Env: HFEVAL_SANDBOX_FAULTS.",
)
def sandbox(
    data_dir: Path,
    seed_dir: Path | None,
    host: str,
    port: int,
    user: str,
    orgs: tuple[str, ...],
    enforce_namespaces: bool,
    read_only: bool,
    read_tokens: tuple[str, ...],
    write_tokens: tuple[str, ...],
    faults_file: Path | None,
) -> None:
    """Run a local Hugging Face Hub look-alike to rehearse `hfeval apply` safely.

    The real `huggingface_hub` client talks to it: repos, files, commits with `parent_commit`
    checks (412 when stale), pull requests as refs/pr/N, discussions, model-index validation as
    the Hub does it, HF Jobs (each job's command runs here in a subprocess; `python` is this
    Python), and an Artificial Analysis look-alike under /aa/. Point hfeval (or any
    huggingface_hub code) at it with the printed `export HF_ENDPOINT=...` line; any token works
    and acts as --user. Requests without a token may read but not write.

    \b
    Example:
      hfeval sandbox --data .sandbox --seed examples/seed --org allenai
      export HF_ENDPOINT=http://127.0.0.1:8000 HF_TOKEN=anything
      hfeval plan specs/ && hfeval apply
      hfeval sandbox --data .sandbox --faults faults.yaml   # rehearse 429s, 5xx, lost answers
    """
    config = SandboxConfig(
        user=SandboxUser(user, orgs=orgs),
        read_only=read_only,
        enforce_namespaces=enforce_namespaces,
        read_tokens=frozenset(read_tokens),
        write_tokens=frozenset(write_tokens),
    )
    try:
        fault_specs = load_fault_specs(faults_file) if faults_file is not None else []
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    try:
        hub = start_sandbox(data_dir, host=host, port=port, seed_dir=seed_dir, config=config)
    except OSError as error:
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {error.strerror or error}"
        ) from error
    try:
        for spec in fault_specs:
            hub.faults.add_from_json(spec)
    except (TypeError, ValueError) as error:
        hub.stop()
        raise click.ClickException(f"{faults_file}: {error}") from error
    repos = hub.store.repo_ids()
    click.echo(
        f"hfeval sandbox Hub serving {len(repos)} model repo(s) from {data_dir} at {hub.url}"
    )
    if read_only:
        click.echo("read-only: every write answers 403")
    if fault_specs:
        click.echo(f"injecting {len(fault_specs)} fault(s) from {faults_file}")
    click.echo("Point huggingface_hub and hfeval at it with:")
    click.echo(f"  export HF_ENDPOINT={hub.url}")
    click.echo("Press Ctrl-C to stop.", err=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        click.echo("stopping", err=True)
    finally:
        hub.stop()
