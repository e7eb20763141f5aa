"""The long docs stay true: every command has a section with an example, the README links every
page, and each troubleshooting entry quotes the message the code really produces."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cards import NOVA_TABLE

from hfeval.cli import main
from hfeval.errors import ArtificialAnalysisError, HfevalError, HubError
from hfeval.hub import Hub
from hfeval.sandbox import SandboxConfig, SandboxUser, start_sandbox
from hfeval.sources.aa_catalogue import AACreator, AAModel, Catalogue
from hfeval.tables import extract

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = ("concepts.md", "commands.md", "ci.md", "troubleshooting.md")
TABLE = f"# Nova\n\n{NOVA_TABLE}"


def test_readme_links_every_docs_page() -> None:
    readme = (ROOT / "README.md").read_text()
    for page in PAGES:
        assert f"(docs/{page})" in readme, page


def test_every_command_has_a_section_with_an_example() -> None:
    text = (DOCS / "commands.md").read_text()
    sections = dict(re.findall(r"^## hfeval (\S+)\n(.*?)(?=^## |\Z)", text, re.M | re.S))
    for name in main.commands:
        assert name in sections, f"docs/commands.md has no section for hfeval {name}"
        example = re.search(r"```sh\n(.*?)```", sections[name], re.S)
        assert example and f"hfeval {name}" in example.group(1), name


def quoted(error: HfevalError) -> str:
    """The one-line message as plan and apply print it (the hint follows on the same line)."""
    return error.message


@pytest.fixture(scope="module")
def troubleshooting() -> str:
    return " ".join((DOCS / "troubleshooting.md").read_text().split())


def test_no_evaluation_tables_found_is_quoted(troubleshooting: str) -> None:
    with pytest.raises(HfevalError) as caught:
        extract("# A card\n\nNo tables, only prose.\n", 1, "Nova-7B")
    assert caught.value.message.startswith("no evaluation tables found")
    assert quoted(caught.value) in troubleshooting


def test_model_not_found_in_table_is_quoted(troubleshooting: str) -> None:
    with pytest.raises(HfevalError) as caught:
        extract(TABLE, 1, "Nova-8B")
    assert f"{quoted(caught.value)} hint: {caught.value.hint}" in troubleshooting


def test_token_lacks_write_access_is_quoted(troubleshooting: str, tmp_path: Path) -> None:
    server = start_sandbox(
        tmp_path / "hub",
        config=SandboxConfig(user=SandboxUser("me"), enforce_namespaces=True),
    )
    try:
        server.store.create_repo("acme/nova-7b", {"README.md": TABLE})
        with pytest.raises(HubError) as caught:
            Hub(server.url).commit(
                "acme/nova-7b",
                {"notes.md": b"a note\n"},
                message="m",
                description="d",
                parent_commit=server.store.head("acme/nova-7b"),
            )
    finally:
        server.stop()
    assert caught.value.status == 403
    assert "token lacks write access" in quoted(caught.value)
    assert quoted(caught.value) in troubleshooting
    assert "hfeval whoami" in (caught.value.hint or "")


def test_model_not_found_in_artificial_analysis_is_quoted(troubleshooting: str) -> None:
    acme = AACreator("c1", "Acme", "acme")
    models = [
        AAModel(f"m{n}", f"Nova {n}", f"nova-7b-{kind}", acme)
        for n, kind in enumerate(["instruct", "base"])
    ]
    catalogue = Catalogue("http://aa.test", "classic", 0.0, tuple(models))
    with pytest.raises(ArtificialAnalysisError) as caught:
        catalogue.find(creator="acme", model="nova-7b")
    message = quoted(caught.value)
    prefix = message.split(" (", 1)[0]  # the catalogue size differs between the doc and here
    assert prefix == 'Artificial Analysis has no model "nova-7b" by creator "acme"'
    assert prefix in troubleshooting
    assert (caught.value.hint or "").startswith("closest acme models:")
    assert "hint: closest acme models:" in troubleshooting
