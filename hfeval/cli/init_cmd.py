"""`hfeval init`: write a commented spec for a model card, choosing its own score tables.

The choice is `hfeval.choose`'s; this module reads the README, places the spec file, checks the
spec validates and that every chosen source yields scores before writing it, and prints.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import click
from ruamel.yaml import YAML

from hfeval.choose import Decision, choose
from hfeval.choose.spec_text import SpecTarget, spec_text
from hfeval.cli.tables_cmd import Readme, read_readme, repo_option, revision_option
from hfeval.errors import SourceError, SpecError
from hfeval.registry import default_registry
from hfeval.sources.readme import readme_source_result
from hfeval.spec import Spec

_EXAMPLES = """
\b
Examples:
  hfeval init acme/aurora-7b-instruct            writes specs/acme/aurora-7b-instruct.yaml
  hfeval init acme/aurora-7b-instruct --stdout   prints the spec instead
  hfeval init cards/aurora.md --repo acme/aurora-7b-instruct --out specs/aurora.yaml
  hfeval init acme/aurora-7b-instruct --json     every table's verdict, reasons, runners-up
"""


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or "model"


def _model_of(readme: Readme, repo: str | None, decision: Decision) -> tuple[str, str | None]:
    """The spec's `model:`: the repo read, `--repo`, or a placeholder named after the card."""
    if readme.repo_id or repo:
        return (repo or readme.repo_id or ""), None
    name = _slug(decision.identity.primary or Path(readme.label).stem)
    return f"your-org/{name}", "a guess from the card's title: set the Hub repo id (or --repo)"


def _default_out(model: str) -> Path:
    return Path("specs") / f"{model}.yaml"


def _schema_for(out_dir: Path) -> str:
    """The spec schema relative to the spec file, from the nearest folder that has one."""
    here = out_dir.resolve()
    for folder in (here, *here.parents):
        schema = folder / "schemas" / "spec.schema.json"
        if schema.is_file():
            return os.path.relpath(schema, here)
    return os.path.relpath(Path.cwd().resolve() / "schemas" / "spec.schema.json", here)


def _check(text: str, readme: Readme, out_dir: Path, card_repo: str) -> None:
    """Refuse a spec that would not validate or whose sources would yield no score."""
    data = YAML(typ="safe").load(text)
    spec = Spec.model_validate(data)
    registry = default_registry()
    for entry in spec.sources:
        source = entry.readme
        if source is None:
            continue
        file = str(out_dir / source.file) if source.file else None
        result = readme_source_result(
            readme.text,
            source,
            repo_id=None if file else readme.repo_id,
            file=file,
            revision=readme.commit,
            source_url=f"https://huggingface.co/{spec.model}",
            registry=registry,
            card_repo=card_repo,
        )
        if not result.observations:
            raise SpecError(
                f"init chose table {source.table}, but it yields no score",
                where=readme.label,
                hint="report this card: the chooser and the extractor disagree",
            )


@click.command(epilog=_EXAMPLES)
@click.argument("source")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Spec file to write. Default: specs/<namespace>/<name>.yaml.",
)
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the spec instead of writing it.")
@click.option(
    "--all-tables",
    is_flag=True,
    help="Also write tables that repeat scores of a table already chosen.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print every table's verdict, reasons and runner-up labels as JSON.",
)
@repo_option
@revision_option
@click.option("--force", is_flag=True, help="Overwrite an existing spec file.")
def init(
    source: str,
    out: Path | None,
    to_stdout: bool,
    all_tables: bool,
    as_json: bool,
    repo: str | None,
    revision: str | None,
    force: bool,
) -> None:
    """Write a spec for SOURCE (a Hub repo id or a local README) with no hints needed.

    Every table is inspected; the ones holding this card's own model's scores become `readme:`
    sources with the column or row that is the model, each with the reason as a comment. Tables
    of other models and sibling variants are left as commented alternatives, tables without
    scores are listed, and a card whose model cannot be told apart gets the candidates as
    comments instead of a guess (and exits 1). The spec is checked to validate and to yield
    scores before it is written.
    """
    if out is not None and to_stdout:
        raise click.UsageError("give --out or --stdout, not both")
    readme = read_readme(source, revision)
    card_repo = repo or readme.repo_id
    decision = choose(readme.text, card_repo, keep_repeats=all_tables)
    model, note = _model_of(readme, repo, decision)
    path = out or _default_out(model)
    out_dir = Path.cwd() if to_stdout else path.parent
    file = None
    if readme.repo_id is None:
        file = os.path.relpath(Path(source).resolve(), out_dir.resolve())
    target = SpecTarget(model, note, file, _schema_for(out_dir))
    text = spec_text(decision, target, source_label=readme.label)
    if decision.chosen:
        _check(text, readme, out_dir, card_repo or model)
    if as_json:
        click.echo(
            json.dumps(
                _document(source, readme, decision, text, path, to_stdout),
                indent=2,
                ensure_ascii=False,
            )
        )
    elif to_stdout or not decision.chosen:
        click.echo(text, nl=False)
    if not decision.chosen:
        raise SourceError(
            "no table was chosen: none holds scores that are clearly this model's",
            where=readme.label,
            hint="the candidates are listed as comments above; pick one and write the spec",
        )
    if to_stdout:
        return
    if path.exists() and not force:
        raise SpecError(f"{path} exists", hint="pass --force to overwrite it, or --out elsewhere")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if not as_json:
        tables = ", ".join(str(t.table) for t in decision.chosen)
        click.echo(f"wrote {path}: table(s) {tables}; next: hfeval plan {path}", err=True)


def _document(
    source: str, readme: Readme, decision: Decision, text: str, path: Path, to_stdout: bool
) -> dict[str, Any]:
    return {
        "source": source,
        "repo": decision.identity.repo_id,
        "commit": readme.commit,
        "names": [{"text": n.text, "from": n.source} for n in decision.identity.names],
        "chosen": [t.table for t in decision.chosen],
        "tables": [t.as_dict() for t in decision.tables],
        "spec": text if decision.chosen else None,
        "written": None if to_stdout or not decision.chosen else str(path),
    }
