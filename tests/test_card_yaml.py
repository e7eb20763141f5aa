"""The libyaml paths of card_yaml give exactly what the round-trip reference gives, or None."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from hfeval import card_yaml
from hfeval.card import parse_card, set_key
from hfeval.card_ruamel import (
    key_lines as _key_lines,
    load_round_trip as _load,
    plain as _plain,
    round_trip_yaml as _yaml,
)
from hfeval.card_yaml import dump_key, dump_key_checked, load_front_matter, safe_load, same_value

TRICKY = [
    "yes", "no", "on", "off", "y", "null", "~", "1e3", "0o17", "0x1F", "1_000", "12:30",
    "2024-01-15", ".inf", "-.5", "+1", "=", "-", "---", "...", "", "a: b", "a #b", "#x", "- a",
    "[a]", "{a}", "@a", "`a", "!a", "&a", "*a", "%a", "|", ">", "?", "'a'", '"a"', "a'b",
    "é中", "😀 emoji", "tab\there", "line\nbreak", " lead", "trail ", "\u2028", "x" * 1200,
]  # fmt: skip

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats()
    | st.text(max_size=10)
    | st.sampled_from(TRICKY)
)
keys = st.text(max_size=6) | st.sampled_from(TRICKY)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=10,
)


def reference_dump(key: str, value: Any) -> str:
    stream = io.StringIO()
    _yaml().dump({key: value}, stream)
    return stream.getvalue()


@settings(max_examples=400, deadline=None)
@given(key=st.sampled_from(["model-index", "tags", "a b", "yes"]), value=values)
def test_dump_key_is_byte_identical_to_the_round_trip_dumper_or_declines(
    key: str, value: Any
) -> None:
    fast = dump_key(key, value)
    if fast is not None:
        assert fast == reference_dump(key, value)
    checked = dump_key_checked(key, value)
    if checked is not None:
        assert checked == reference_dump(key, value)


def test_dump_key_takes_the_fast_path_for_a_usual_model_index() -> None:
    model_index = [
        {
            "name": "Model-7B",
            "results": [
                {
                    "task": {"type": "text-generation"},
                    "dataset": {"name": "MMLU (5-shot)", "type": "cais/mmlu", "split": "test"},
                    "metrics": [{"type": "acc", "value": 71.3, "name": "accuracy"}],
                    "source": {"name": "Model card", "url": "https://hf.co/org/m"},
                },
                {"dataset": {"name": "yes", "config": "2024-01-15"}, "metrics": [{"value": 1e-05}]},
            ],
        }
    ]
    fast = dump_key("model-index", model_index)
    assert fast is not None
    assert fast == reference_dump("model-index", model_index)
    assert dump_key_checked("model-index", model_index) == fast
    assert "name: 'yes'" in fast and "value: 1.0e-05" in fast


def test_dump_key_declines_what_the_two_emitters_write_differently() -> None:
    for value in (["😀"], ["it's"], [None], ["a\nb"], [float("nan")], ["x" * 1200]):
        assert dump_key("k", value) is None
        assert dump_key_checked("k", value) is None
    # Shapes the line-by-line layout leaves to libyaml's whole-document dump.
    shapes: list[Any] = [[[1, 2]], {"a": {}}, [{}], {"k" * 130: 1}]
    for shape in shapes:
        assert dump_key_checked("k", shape) is None
        assert dump_key("k", shape) == reference_dump("k", shape)


front_matters = [
    "license: mit\ntags:\n- a\n- b\nmodel-index:\n- name: m\n  results: []\n",
    "# comment\nlicense: mit # trailing\n\ndate: 2024-01-15\nn: 0o17\nv: 1e3\nb: yes\n",
    "a: &x {k: 1}\nb: *x\n",
    "quoted: 'yes'\n\"key\": 1\nlong: >\n  folded\n  text\n",
]
fallbacks = [
    "{a: 1, b: 2}",  # flow mapping
    "a: 1\n<<: {b: 2}\n",  # merge key
    "  a: 1\n  b: 2\n",  # indented keys
    "1: one\n",  # a non-string key
    "a: !custom x\n",  # a tag the safe loader refuses
    "a: [1\n",  # invalid YAML: the reference reports it
    "- a\n- b\n",  # not a mapping
    "t: 2024-01-15 10:00:00+02:00\n",  # timestamps with time zones
]


def test_load_front_matter_matches_the_round_trip_loader() -> None:
    for text in front_matters:
        fast = load_front_matter(text)
        assert fast is not None, text
        reference = _load(text, where="x", first_line=1)
        assert same_value(fast.data, _plain(reference))
        assert fast.key_lines == _key_lines(reference)


def test_load_front_matter_declines_layouts_it_cannot_promise() -> None:
    for text in fallbacks:
        assert load_front_matter(text) is None, text


def test_cards_read_either_way_rewrite_the_same() -> None:
    readme = "---\nlicense: mit\nmodel-index:\n- name: old\n---\nbody\n"
    card = parse_card(readme, where="x")
    assert card._safe_data
    value = [{"name": "new", "results": [{"metrics": [{"type": "acc", "value": 1.5}]}]}]
    expected = "---\nlicense: mit\nmodel-index:\n- name: new\n  results:\n  - metrics:\n"
    expected += "    - type: acc\n      value: 1.5\n---\nbody\n"
    assert set_key(card, "model-index", value) == expected
    stamp = "license: mit\nt: 2024-01-15 10:00:00+02:00"
    slow = parse_card(readme.replace("license: mit", stamp), where="x")
    assert not slow._safe_data
    assert set_key(slow, "model-index", value) == expected.replace("license: mit", stamp)


def test_a_scalar_that_does_not_read_back_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real_dump = card_yaml._libyaml_dump

    def unquoting_dump(document: Any) -> str:  # an emitter bug: drops the quotes YAML needs
        return real_dump(document).replace("'yes'", "yes")

    monkeypatch.setattr(card_yaml, "_SCALARS", {})
    monkeypatch.setattr(card_yaml, "_libyaml_dump", unquoting_dump)
    assert dump_key_checked("k", [{"config": "yes"}]) is None
    assert dump_key_checked("k", [{"config": "no problem"}]) == "k:\n- config: no problem\n"


def test_front_matter_is_typed_by_yaml_1_2_once_the_version_is_remembered() -> None:
    # The resolver remembers the YAML version after the first scalar; every later one is still
    # typed by the 1.2 rules (`yes` and `012` stay strings and an integer, `0o17` is octal).
    text = "a: yes\nb: 0o17\nc: 012\nd: 1e3\ne: on\nf: 2024-01-31\n"
    found = load_front_matter(text)
    assert found is not None
    assert found.data == {
        "a": "yes",
        "b": 15,
        "c": 12,
        "d": 1000.0,
        "e": "on",
        "f": datetime.date(2024, 1, 31),
    }
    assert safe_load(text) == found.data


@pytest.mark.parametrize(
    "text",
    [
        "license: mit\ntags:\n- chat\n- 'yes'\nmodel-index:\n- name: m\n  results:\n"
        "  - task: {type: text-generation}\n    metrics:\n    - {type: mmlu, value: 64.8}\n",
        "a: yes\nb: 1e-5\nc: 2024-01-31\n",  # declined by PyYAML's reader: ruamel types these
        "a: 1\na: 2\n",  # repeated key: ruamel's error, never the last value
        "x: &a 1\ny: *a\n",
        'quoted: "\\u00e9t\\u00e9"\nempty:\nnull_word: null\nneg: -3\nfloat: -0.25\n',
    ],
)
def test_pyyaml_and_ruamel_front_matter_reads_agree(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = load_front_matter(text)
    try:
        fast_safe: Any = safe_load(text)
    except Exception as error:  # the same error type either way
        fast_safe = type(error)
    monkeypatch.setattr(card_yaml, "read_document", lambda _text: None)
    assert load_front_matter(text) == fast
    try:
        assert safe_load(text) == fast_safe
    except Exception as error:
        assert type(error) is fast_safe
