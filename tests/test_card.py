"""card.py: front matter split, plain reads, and byte-stable single-key rewrites."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hfeval.card import parse_card, set_key
from hfeval.errors import CardError

CASES = Path(__file__).resolve().parents[1] / "golden" / "card"
CASE_NAMES = sorted(path.name for path in CASES.iterdir() if (path / "README.md").is_file())

MODEL_INDEX: list[dict[str, Any]] = [
    {
        "name": "demo-7b",
        "results": [
            {
                "task": {"type": "text-generation", "name": "Text Generation"},
                "dataset": {
                    "name": "MMLU",
                    "type": "cais/mmlu",
                    "config": "all",
                    "split": "test",
                    "revision": "2024",
                },
                "metrics": [{"type": "acc", "value": 64.1, "name": "5-shot accuracy"}],
                "source": {"name": "Model README", "url": "https://huggingface.co/org/demo-7b"},
            }
        ],
    }
]


def read_case(name: str) -> str:
    return (CASES / name / "README.md").read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", CASE_NAMES)
def test_set_model_index_golden(name: str, file_regression: Any) -> None:
    card = parse_card(read_case(name), where=f"{name}/README.md")
    rewritten = set_key(card, "model-index", MODEL_INDEX)
    file_regression.check(
        rewritten.encode("utf-8"), binary=True, fullpath=CASES / name / "set-model-index.md"
    )
    assert parse_card(rewritten, where=name).get("model-index") == MODEL_INDEX


@pytest.mark.parametrize("name", CASE_NAMES)
def test_remove_model_index_golden(name: str, file_regression: Any) -> None:
    card = parse_card(read_case(name), where=f"{name}/README.md")
    rewritten = set_key(card, "model-index", None)
    file_regression.check(
        rewritten.encode("utf-8"), binary=True, fullpath=CASES / name / "remove-model-index.md"
    )
    assert parse_card(rewritten, where=name).get("model-index") is None


@pytest.mark.parametrize("name", CASE_NAMES)
def test_rewrite_keeps_body_and_other_keys(name: str) -> None:
    original = read_case(name)
    card = parse_card(original, where=name)
    rewritten = parse_card(set_key(card, "model-index", MODEL_INDEX), where=name)
    others = {k: v for k, v in card.metadata().items() if k != "model-index"}
    assert {k: v for k, v in rewritten.metadata().items() if k != "model-index"} == others
    body = original.split("\n---", 2)[-1] if card.has_front_matter else original
    assert rewritten.text.endswith(body)
    assert set_key(rewritten, "model-index", MODEL_INDEX) == rewritten.text


def test_get_and_metadata_are_plain_copies() -> None:
    card = parse_card(read_case("comments_middle"), where="x")
    assert card.has_front_matter
    assert card.get("language") == ["en"]
    assert card.get("missing") is None
    value = card.get("model-index")
    assert type(value) is list and type(value[0]) is dict
    assert value[0]["results"][0]["metrics"][0]["value"] == 81.2
    value[0]["name"] = "changed"
    assert card.get("model-index")[0]["name"] == "demo-7b"
    assert list(card.metadata()) == ["language", "license", "model-index", "tags", "pipeline_tag"]


def test_no_front_matter_card() -> None:
    card = parse_card("just text\n", where="x")
    assert not card.has_front_matter
    assert card.metadata() == {}
    assert set_key(card, "model-index", None) == "just text\n"
    assert set_key(card, "license", "mit") == "---\nlicense: mit\n---\njust text\n"


def test_values_that_look_like_other_types_are_quoted() -> None:
    card = parse_card("---\na: 1\n---\n", where="x")
    value = {"revision": "2024", "config": "yes", "date": "2024-01-15", "empty": "", "n": 1}
    text = set_key(card, "x", value)
    assert "revision: '2024'" in text
    assert "config: 'yes'" in text
    assert "date: '2024-01-15'" in text
    assert parse_card(text, where="x").get("x") == value


def test_setting_another_key_leaves_model_index_bytes() -> None:
    original = read_case("comments_middle")
    text = set_key(parse_card(original, where="x"), "license", "mit")
    start = original.index("# Evaluation results")
    assert text.replace("license: mit\n", "license: apache-2.0\n") == original
    assert original[start:] in text


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("---\na: [1\n---\nbody", "org/m:2", "invalid YAML in the front matter"),
        ("\n---\nkey: value\n  bad: indent\n---\n", "org/m:4", "invalid YAML in the front matter"),
        ("---\n- a\n- b\n---\nbody", "org/m:2", "not a mapping"),
        ("---\na: 1\na: 2\n---\n", "org/m:3", "invalid YAML in the front matter"),
    ],
)
def test_invalid_front_matter_is_a_card_error(text: str, where: str, message: str) -> None:
    with pytest.raises(CardError) as caught:
        parse_card(text, where="org/m")
    assert caught.value.where == where
    assert message in caught.value.message


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
CORPUS_CARDS = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_CARDS, reason="../shared/corpus/real is not present")
@pytest.mark.parametrize("path", CORPUS_CARDS, ids=[path.stem for path in CORPUS_CARDS])
def test_real_cards_are_spliced_not_redumped(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_redump(*args: object) -> None:
        raise AssertionError("fell back to a full re-dump")

    monkeypatch.setattr("hfeval.card._redump", no_redump)
    original = path.read_bytes().decode("utf-8")
    card = parse_card(original, where=path.name)
    rewritten = set_key(card, "model-index", MODEL_INDEX)
    again = parse_card(rewritten, where=path.name)
    assert again.get("model-index") == MODEL_INDEX
    assert {k: v for k, v in again.metadata().items() if k != "model-index"} == {
        k: v for k, v in card.metadata().items() if k != "model-index"
    }
    assert set_key(again, "model-index", MODEL_INDEX) == rewritten
    if not card.has_front_matter:
        assert rewritten.endswith(original)
    else:
        body_start = original.index("\n---", 1) + 4
        assert rewritten.endswith(original[body_start:])
        removed = parse_card(set_key(again, "model-index", None), where=path.name)
        assert removed.metadata() == {
            k: v for k, v in card.metadata().items() if k != "model-index"
        }


def test_plain_values_from_anchors_and_timestamps() -> None:
    card = parse_card("---\na: &flag true\nb: *flag\nc: &n 1.5\nd: 2024-01-15\n---\n", where="x")
    metadata = card.metadata()
    assert metadata["a"] is True and metadata["b"] is True
    assert type(metadata["c"]) is float
    assert str(metadata["d"]) == "2024-01-15"


@pytest.mark.parametrize("key", ["model-index", "license"])
@pytest.mark.parametrize("marker", ["...", "... # end", "---"])
def test_a_document_marker_in_the_front_matter_does_not_split_the_rewrite(
    key: str, marker: str
) -> None:
    # A key spliced in after `...` would start a second YAML document (found by fuzzing).
    text = f"---\nlicense: mit\n{marker}\n---\nbody\n"
    try:
        card = parse_card(text, where="README.md")
    except CardError:
        return  # a front matter that does not read as one document is refused, not rewritten
    rewritten = set_key(card, key, [])
    assert parse_card(rewritten, where="README.md").metadata() == {
        **card.metadata(),
        key: [],
    }
    assert rewritten.endswith("---\nbody\n")


@pytest.mark.parametrize(
    "front_matter",
    ["k: |\n  block\n  text", "k: >\n  folded\n  text", "tags:\n- |\n  z", "a: |2+\n    kept"],
)
def test_a_key_added_after_a_final_block_scalar_keeps_its_value(front_matter: str) -> None:
    # The front matter ends without a line break, so the final block scalar has no trailing
    # newline; appending a key must not give it one (found by fuzzing).
    import yaml

    text = f"---\n{front_matter}\n---\nbody\n"
    before = yaml.safe_load(front_matter)
    rewritten = set_key(parse_card(text, where="README.md"), "model-index", [])
    after = yaml.safe_load(rewritten.split("---\n")[1].removesuffix("\n"))
    assert after == {**before, "model-index": []}
    assert rewritten.endswith("---\nbody\n")
