"""load_specs: discovery, hfeval.yaml lookup, positions and every kind of problem."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from hfeval.errors import SpecError
from hfeval.spec import ProjectConfig, SpecProblemsError, load_specs, loader

WriteFiles = Callable[[dict[str, str]], Path]

OLMO = """\
# Olmo 3 think
model: allenai/Olmo-3-32B-Think
sources:
  - readme:
      table: 2
      model: "**OLMo 3-32B**"
  - artificial_analysis:
      creator: allenai
      model: olmo-3-32b-think
"""

QWEN = """\
model: Qwen/Qwen2.5-7B
apply: commit
targets: [eval-results, model-index]
sources:
  - readme: {file: ../cards/qwen.md, table: Evaluation}
"""


def problems_of(paths: list[str]) -> list[str]:
    with pytest.raises(SpecProblemsError) as caught:
        load_specs([Path(p) for p in paths])
    return [str(problem) for problem in caught.value.problems]


def test_loads_a_spec_repo_with_config_above_specs(spec_repo: WriteFiles) -> None:
    root = spec_repo(
        {
            "hfeval.yaml": "apply: auto\ntemplates: tpl\n",
            "specs/allenai/olmo.yaml": OLMO,
            "specs/qwen.yml": QWEN,
            "specs/.drafts/skip.yaml": "not: a spec\n",
            "specs/notes.txt": "ignored",
        }
    )
    spec_set = load_specs([Path("specs")])
    assert spec_set.config_path == Path("hfeval.yaml")
    assert spec_set.root == Path(".")
    assert spec_set.templates_dir == Path("tpl")
    assert [str(s.path) for s in spec_set.specs] == ["specs/allenai/olmo.yaml", "specs/qwen.yml"]
    olmo, qwen = spec_set.specs
    assert olmo.line == 2
    assert olmo.source_lines == (4, 7)
    assert olmo.where == "specs/allenai/olmo.yaml:2"
    assert olmo.source_where(1) == "specs/allenai/olmo.yaml:7"
    raw = (root / "specs/allenai/olmo.yaml").read_bytes()
    assert olmo.sha256 == hashlib.sha256(raw).hexdigest()
    assert olmo.effective_apply(spec_set.config) == "auto"
    assert qwen.effective_apply(spec_set.config) == "commit"
    assert olmo.effective_targets(spec_set.config) == ("model-index",)
    assert qwen.effective_targets(spec_set.config) == ("eval-results", "model-index")
    assert olmo.model_index_name == "Olmo-3-32B-Think"
    readme = olmo.spec.sources[0].readme
    assert readme is not None
    assert olmo.readme_repo(readme) == "allenai/Olmo-3-32B-Think"
    qwen_readme = qwen.spec.sources[0].readme
    assert qwen_readme is not None
    assert qwen.readme_repo(qwen_readme) is None
    assert qwen.readme_file(qwen_readme) == Path("specs/../cards/qwen.md")


def test_config_in_given_dir_wins_and_defaults_without_config(spec_repo: WriteFiles) -> None:
    spec_repo({"a/hfeval.yaml": "task: fill-mask\n", "a/m.yaml": OLMO, "b/m.yaml": QWEN})
    with_config = load_specs([Path("a")])
    assert with_config.config.task == "fill-mask"
    assert with_config.root == Path("a")
    without = load_specs([Path("b/m.yaml")])
    assert without.config == ProjectConfig()
    assert without.config_path is None
    assert without.root == Path("b")


def test_config_found_from_a_file_deep_inside_specs(spec_repo: WriteFiles) -> None:
    spec_repo({"hfeval.yaml": "apply: commit\n", "specs/org/m.yaml": OLMO})
    spec_set = load_specs([Path("specs/org/m.yaml")])
    assert spec_set.config_path == Path("hfeval.yaml")
    assert spec_set.specs[0].effective_apply(spec_set.config) == "commit"


def test_empty_config_means_defaults(spec_repo: WriteFiles) -> None:
    spec_repo({"hfeval.yaml": "# nothing yet\n", "specs/m.yaml": OLMO})
    assert load_specs([Path("specs")]).config == ProjectConfig()


def test_same_file_given_twice_loads_once(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/m.yaml": OLMO})
    assert len(load_specs([Path("specs"), Path("specs/m.yaml")]).specs) == 1


def test_unknown_key_suggests_the_closest(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": OLMO.replace("sources:", "sourse:")})
    assert problems_of(["specs"]) == [
        'specs/a.yaml:1:1: missing required key "sources"',
        'specs/a.yaml:3:1: unknown key "sourse" (did you mean "sources"?)',
    ]


def test_nested_unknown_key_lists_valid_keys_when_nothing_is_close(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": OLMO.replace("      table: 2\n", "      table: 2\n      zzz: 1\n")})
    (message,) = problems_of(["specs"])
    assert message.startswith('specs/a.yaml:6:7: unknown key "zzz" (valid keys: exclude, file,')


def test_wrong_types_point_at_the_key(spec_repo: WriteFiles) -> None:
    text = OLMO.replace("table: 2", "table: [2]\n      revision: 2024")
    text = text.replace("model: allenai/Olmo", "prune: maybe\nmodel: allenai/Olmo")
    spec_repo({"specs/a.yaml": text})
    assert problems_of(["specs"]) == [
        'specs/a.yaml:2:1: "prune" must be true or false, not "maybe"',
        'specs/a.yaml:6:7: "table" must be an integer or a string, not a list',
        'specs/a.yaml:7:7: "revision" must be a string, not the integer 2024 (quote it: "2024")',
    ]


def test_literal_and_list_item_errors(spec_repo: WriteFiles) -> None:
    text = OLMO.replace("sources:", "apply: comit\ntargets: [model-index, model-index]\nsources:")
    spec_repo({"specs/a.yaml": text})
    assert problems_of(["specs"]) == [
        'specs/a.yaml:3:1: "apply" must be one of pr, commit, auto, not "comit"'
        ' (did you mean "commit"?)',
        "specs/a.yaml:4:1: targets name model-index more than once",
    ]


def test_missing_field_points_at_its_parent(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": OLMO.replace("model: allenai/Olmo-3-32B-Think\n", "")})
    assert problems_of(["specs"]) == ['specs/a.yaml:1:1: missing required key "model"']


def test_model_without_table_is_refused_at_its_source(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": OLMO.replace("      table: 2\n", "")})
    [problem] = problems_of(["specs"])
    assert problem.startswith("specs/a.yaml:4:5: ")
    assert '"model" needs "table"' in problem


def test_empty_readme_source_means_let_hfeval_choose(spec_repo: WriteFiles) -> None:
    root = spec_repo({"specs/a.yaml": "model: acme/aurora-7b\nsources:\n  - readme: {}\n"})
    [loaded] = load_specs([root / "specs"]).specs
    source = loaded.spec.sources[0].readme
    assert source is not None
    assert (source.table, source.model) == (None, None)


def test_readme_repo_and_file_are_exclusive(spec_repo: WriteFiles) -> None:
    spec_repo(
        {"specs/a.yaml": OLMO.replace("table: 2", "table: 2\n      repo: a/b\n      file: x.md")}
    )
    assert problems_of(["specs"]) == ['specs/a.yaml:4:5: give either "repo" or "file", not both']


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            "{id: abc, creator: allenai, model: m}",
            'give either "id" or "creator" + "model", not both',
        ),
        ("{metrics: [gpqa]}", 'give either "id" or "creator" + "model"'),
        ("{creator: allenai}", '"model" is needed too (or give "id" alone)'),
        ("{model: m}", '"creator" is needed too (or give "id" alone)'),
    ],
)
def test_artificial_analysis_needs_id_or_creator_and_model(
    spec_repo: WriteFiles, fields: str, message: str
) -> None:
    spec_repo({"specs/a.yaml": f"model: a/b\nsources:\n  - artificial_analysis: {fields}\n"})
    assert problems_of(["specs"]) == [f"specs/a.yaml:3:5: {message}"]


def test_source_item_needs_exactly_one_kind(spec_repo: WriteFiles) -> None:
    spec_repo(
        {
            "specs/a.yaml": "model: a/b\nsources:\n  - {}\n"
            "  - readme: {table: 1}\n    artificial_analysis: {id: x}\n  - lm_eval: {}\n"
        }
    )
    kinds = '"readme", "artificial_analysis", "inspect" or "logs"'
    assert problems_of(["specs"]) == [
        f"specs/a.yaml:3:5: a source has exactly one key, {kinds} (got none)",
        f'specs/a.yaml:4:5: a source has exactly one key, {kinds} (got "readme", '
        '"artificial_analysis")',
        'specs/a.yaml:6:5: unknown key "lm_eval" (valid keys: artificial_analysis, inspect, '
        "logs, readme)",
    ]


def test_model_must_be_a_repo_id(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": "model: just-a-name\nsources: []\n"})
    assert problems_of(["specs"]) == [
        'specs/a.yaml:1:1: "just-a-name" is not a Hub repo id of the form "namespace/name"'
        ' (letters, digits, "-", "_" and ".")',
        'specs/a.yaml:2:1: "sources" must have at least 1 item',
    ]


def test_invalid_yaml_has_parser_position(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": "model: a/b\nsources:\n  - readme: {table: 1\n"})
    (message,) = problems_of(["specs"])
    assert message.startswith("specs/a.yaml:4:1: invalid YAML: expected ',' or '}'")


def test_duplicate_key_is_a_yaml_problem(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": "model: a/b\nmodel: a/c\nsources: []\n"})
    (message,) = problems_of(["specs"])
    assert message.startswith("specs/a.yaml:2:1: invalid YAML: found duplicate key")


@pytest.mark.parametrize(
    ("text", "what"), [("", "empty"), ("- a\n", "a list"), ("just text\n", '"just text"')]
)
def test_file_must_be_a_mapping(spec_repo: WriteFiles, text: str, what: str) -> None:
    spec_repo({"specs/a.yaml": text})
    assert problems_of(["specs"]) == [
        f"specs/a.yaml:1:1: expected a mapping with model: and sources:, but the file is {what}"
    ]


def test_two_specs_for_one_repo_name_both(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": OLMO, "specs/b.yaml": OLMO.replace("allenai/Olmo", "AllenAI/olmo")})
    assert problems_of(["specs"]) == [
        'specs/b.yaml:2:1: model "AllenAI/olmo-3-32B-Think" is already specified in specs/a.yaml:2'
    ]


def test_empty_dir_and_missing_path(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/README.md": "no specs here"})
    assert problems_of(["specs", "nope.yaml"]) == [
        "specs: no spec files (*.yaml) found in specs/",
        "nope.yaml: no such file or directory (run hfeval in the spec repo, or pass the folder "
        "that holds the specs)",
    ]


def test_problems_across_files_and_config_are_all_reported(spec_repo: WriteFiles) -> None:
    spec_repo(
        {
            "hfeval.yaml": "aply: pr\npublic_url: ftp://x\n",
            "specs/a.yaml": "model: a/b\n",
            "specs/b.yaml": "model: [\n",
        }
    )
    with pytest.raises(SpecError) as caught:
        load_specs([Path("specs")])
    lines = str(caught.value).splitlines()
    assert lines == [
        'hfeval.yaml:1:1: unknown key "aply" (did you mean "apply"?)',
        'hfeval.yaml:2:1: "ftp://x" is not an http(s) URL',
        'specs/a.yaml:1:1: missing required key "sources"',
        lines[3],
    ]
    assert lines[3].startswith("specs/b.yaml:2:1: invalid YAML")


def test_single_problem_sets_where(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": "model: a/b\n"})
    with pytest.raises(SpecError) as caught:
        load_specs([Path("specs")])
    assert caught.value.where == "specs/a.yaml:1:1"
    assert caught.value.message == 'missing required key "sources"'


def test_yaml_types_are_taken_strictly(spec_repo: WriteFiles) -> None:
    text = OLMO.replace("table: 2", "table: true\n      repo: not a repo").replace(
        "model: allenai/Olmo", 'prune: "no"\nmodel: allenai/Olmo'
    )
    spec_repo({"specs/a.yaml": text})
    assert problems_of(["specs"]) == [
        'specs/a.yaml:2:1: "prune" must be true or false, not "no"',
        'specs/a.yaml:6:7: "table" must be an integer or a string, not true',
        'specs/a.yaml:7:7: "not a repo" is not a Hub repo id of the form "namespace/name"'
        ' (letters, digits, "-", "_" and ".")',
    ]


def test_config_registry_entries_are_validated(spec_repo: WriteFiles) -> None:
    spec_repo(
        {
            "hfeval.yaml": "registry:\n  - id: my_bench\n    aliases: [My Bench]\n"
            "  - id: Bad-Id\n  - id: other\n    scael: fraction\n",
            "specs/a.yaml": OLMO,
        }
    )
    assert problems_of(["specs"]) == [
        'hfeval.yaml:4:5: "id" must match ^[a-z0-9][a-z0-9_]*$, not "Bad-Id"',
        'hfeval.yaml:6:5: unknown key "scael" (did you mean "scale"?)',
    ]
    Path("hfeval.yaml").write_text("registry:\n  - id: my_bench\n    aliases: [Mine]\n")
    (entry,) = load_specs([Path("specs")]).config.registry
    assert (entry.id, entry.aliases) == ("my_bench", ("Mine",))


def test_source_items_must_be_mappings_with_settings(spec_repo: WriteFiles) -> None:
    spec_repo({"specs/a.yaml": "model: a/b\nsources:\n  - readme\n  - readme:\n"})
    assert problems_of(["specs"]) == [
        'specs/a.yaml:3:5: "sources" item 1 must be a mapping, not "readme"',
        'specs/a.yaml:4:5: "readme" needs its settings (see hfeval validate --help)',
    ]


def _ruamel_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Load as before the libyaml fast path: every file through ruamel's round-trip loader."""
    monkeypatch.setattr("hfeval.spec.loader.read_mapping", lambda _text: None)


def test_valid_specs_load_without_ruamel(
    spec_repo: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec_repo({"hfeval.yaml": "apply: auto\n", "specs/olmo.yaml": OLMO, "specs/qwen.yml": QWEN})
    fast = load_specs([Path("specs")])

    def no_ruamel(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a valid spec was read with ruamel")

    ruamel = getattr(loader, "YAML")  # noqa: B009 - not re-exported; mypy would refuse the attribute
    monkeypatch.setattr(loader, "YAML", no_ruamel)
    assert load_specs([Path("specs")]) == fast
    monkeypatch.setattr(loader, "YAML", ruamel)
    _ruamel_only(monkeypatch)
    assert load_specs([Path("specs")]) == fast  # same specs, lines and hashes either way
    assert [s.line for s in fast.specs] == [2, 1]
    assert [s.source_lines for s in fast.specs] == [(4, 7), (5,)]


def test_yaml_1_1_words_fall_back_to_ruamel(spec_repo: WriteFiles) -> None:
    # libyaml reads `yes` as true and `1e3` as a string; ruamel (YAML 1.2) the other way round.
    spec_repo(
        {"specs/a.yaml": "model: a/b\nname: yes\nsources:\n  - readme: {table: 1, model: 1e3}\n"}
    )
    with pytest.raises(SpecProblemsError) as caught:
        load_specs([Path("specs")])
    assert [str(p) for p in caught.value.problems] == [
        'specs/a.yaml:4:24: "model" must be a string or an integer, not the number 1000.0 '
        '(quote it: "1000.0")'
    ]
    spec_repo({"specs/a.yaml": "model: a/b\nname: yes\nsources:\n  - readme: {table: 1}\n"})
    assert load_specs([Path("specs")]).specs[0].spec.name == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "model: a/b\nsources:\n  - readme: {tabel: 1}\n",
        "model: a/b\nprune: 1\nsources: []\n",
        "model: a/b\nsources:\n  - readme: {table: 0}\n  - nothing: here\n",
        "# heading\n\nmodel: nope\nsources:\n  - readme: {table: 1}\n",
    ],
)
def test_problems_read_the_same_as_with_ruamel_alone(
    spec_repo: WriteFiles, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    spec_repo({"specs/a.yaml": text})
    with_fast_path = problems_of(["specs"])
    _ruamel_only(monkeypatch)
    assert problems_of(["specs"]) == with_fast_path
