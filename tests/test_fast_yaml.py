"""fast_yaml: libyaml reads a spec only where it agrees with ruamel, and declines the rest."""

from __future__ import annotations

from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from hfeval.fast_yaml import read_mapping

AGREEING = [
    "model: a/b\nsources:\n  - readme: {table: 2, model: x}\n",
    "# comment\nmodel: a/b   # trailing\n\nsources:\n- readme:\n    table: Results\n"
    "    include: [MMLU, 'GSM8K', \"MATH\"]\n- artificial_analysis: {id: abc}\n",
    "model: a/b\nprune: true\nreplace_invalid: False\nname: ~\nsources: []\n",
    "model: a/b\nsources:\n  -   readme:\n        table: -3\n        model: 1.25\n",
    "model: 'a/b'\nsources:\n  - readme: {rename: {'MMLU (5-shot)': MMLU, x: \"y: z\"}}\n",
    "model: a/b\nname: |\n  two\n  lines\nsources:\n  - {readme: {table: 1}}\n",
    "model: a/b\nname: >-\n  folded\n  text\nsources: [{readme: {table: 1}}, {readme: {}}]\n",
    "model: a/b\nname: Qwen 2.5 7B — chat 🤖\nsources:\n  - readme: {model: 7B, table: '3'}\n",
    "model: a/b\nsources:\n  - readme:\n      table: 2\n  - readme:\n\n      table: 4\n",
]

DECLINED = [
    "model: a/b\nname: yes\n",  # YAML 1.1 reads true, 1.2 a string
    "model: a/b\nname: on\n",
    "model: a/b\nname: 1e3\n",  # 1.2 reads a number, 1.1 a string
    "model: a/b\ntable: 0o17\n",
    "model: a/b\ntable: 012\n",
    "model: a/b\ntable: 1_000\n",
    "model: a/b\nname: .inf\n",
    "model: a/b\nrevision: 2024-01-31\n",
    "model: a/b\nmodel: c/d\n",  # ruamel rejects a repeated key
    "base: &b {table: 1}\nmodel: a/b\nsources: [{readme: *b}]\n",
    "model: !!str a/b\n",
    "%YAML 1.1\n---\nmodel: a/b\n",
    "model: a/b\nsources:\n  - readme: {<<: {table: 1}}\n",
    "model: a/b\nname: one\u2028two\n",
    "- not a mapping\n",
    "",
    "model: [unclosed\n",
    "model: a/b\n---\nmodel: c/d\n",
]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@pytest.mark.parametrize("text", AGREEING)
def test_reads_what_ruamel_reads_with_the_same_lines(text: str) -> None:
    expected = YAML(typ="rt").load(text)
    assert isinstance(expected, CommentedMap)
    document = read_mapping(text)
    assert document is not None
    assert document.data == _plain(expected)
    assert _leaves(document.data) == _leaves(expected)
    for key in expected:
        assert document.key_line(key) == expected.lc.key(key)[0] + 1
        value = expected[key]
        if isinstance(value, CommentedSeq):
            assert document.item_lines(key) == tuple(
                value.lc.item(i)[0] + 1 for i in range(len(value))
            )
    assert document.key_line("absent") is None
    assert document.item_lines("absent") == ()


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in (*_leaves(k), *_leaves(v))]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    # ruamel's round-trip scalars subclass the plain types; compare by the plain type.
    return [next(t for t in (bool, int, float, str, type(None)) if isinstance(value, t))]


@pytest.mark.parametrize("text", DECLINED)
def test_declines_what_libyaml_could_read_differently(text: str) -> None:
    assert read_mapping(text) is None
