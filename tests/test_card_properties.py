"""Property tests for card.set_key: the value round-trips, nothing else moves, reruns are no-ops."""

from __future__ import annotations

import io
import json
from typing import Any

import yaml as pyyaml
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from ruamel.yaml import YAML

from hfeval.card import parse_card, set_key

KEYS = ["license", "tags", "language", "base_model", "datasets", "widget", "library_name", "x-y"]
MODEL_INDEX = "model-index"

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12)
    | st.sampled_from(["2024", "yes", "no", "null", "~", "1e3", "0x10", "2024-01-15", "a: b", "#x"])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["name", "type", "value", "url", "a b"]), inner, max_size=3
        )
    ),
    max_leaves=8,
)


def block_dump(key: str, value: Any, sequence_offset: int) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2 + sequence_offset, offset=sequence_offset)
    stream = io.StringIO()
    yaml.dump({key: value}, stream)
    return stream.getvalue()


@st.composite
def key_blocks(draw: st.DrawFn) -> list[tuple[str, Any, str]]:
    """(key, value, exact text) for a few top-level keys, in document order."""
    keys = draw(st.lists(st.sampled_from([*KEYS, MODEL_INDEX]), unique=True, max_size=5))
    blocks = []
    for key in keys:
        value = draw(values)
        style = draw(st.sampled_from(["block", "indented", "flow"]))
        if style == "flow":
            text = f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
        else:
            text = block_dump(key, value, 2 if style == "indented" else 0)
        leading = draw(st.sampled_from(["", "\n", "# about this key\n", "\n# section\n\n"]))
        blocks.append((key, value, leading + text))
    return blocks


bodies = st.text(max_size=40) | st.sampled_from(["", "# Title\n", "---\nnot yaml: [\n", "\r\n"])


def make_card(blocks: list[tuple[str, Any, str]], body: str, crlf: bool) -> tuple[str, str]:
    front_matter = "".join(text for _, _, text in blocks)
    text = f"---\n{front_matter}---\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    return text + body, text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=key_blocks(), body=bodies, crlf=st.booleans(), new_value=values)
def test_set_key_round_trips_and_touches_nothing_else(
    blocks: list[tuple[str, Any, str]], body: str, crlf: bool, new_value: Any
) -> None:
    # With nothing between the fences, a body starting "---" is read by the Hub as front matter.
    assume(blocks or not body.startswith("---"))
    original, header = make_card(blocks, body, crlf)
    card = parse_card(original, where="prop")
    rewritten = set_key(card, MODEL_INDEX, new_value)
    reparsed = parse_card(rewritten, where="prop")

    assert reparsed.get(MODEL_INDEX) == new_value
    assert rewritten.endswith(("\r\n---\r\n" if crlf else "\n---\n") + body)
    front_matter = rewritten[: len(rewritten) - len(body)]
    position = 0
    for key, _, text in blocks:
        if key != MODEL_INDEX:
            exact = text.replace("\n", "\r\n") if crlf else text
            position = front_matter.index(exact, position) + len(exact)
    if crlf:
        assert "\n" not in front_matter.replace("\r\n", "")
    assert set_key(reparsed, MODEL_INDEX, new_value) == rewritten
    # huggingface_hub reads cards with PyYAML (YAML 1.1): it must see the same value.
    newline = "\r\n" if crlf else "\n"
    inner = front_matter.removeprefix(f"---{newline}").removesuffix(f"{newline}---{newline}")
    assert (pyyaml.safe_load(inner) or {}).get(MODEL_INDEX) == new_value
    assert header.count("---") <= front_matter.count("---")


@settings(max_examples=40, deadline=None)
@given(blocks=key_blocks(), body=bodies)
def test_remove_key_keeps_the_others(blocks: list[tuple[str, Any, str]], body: str) -> None:
    assume(blocks or not body.startswith("---"))
    original, _ = make_card(blocks, body, crlf=False)
    rewritten = set_key(parse_card(original, where="prop"), MODEL_INDEX, None)
    reparsed = parse_card(rewritten, where="prop")
    assert reparsed.get(MODEL_INDEX) is None
    assert reparsed.metadata() == {k: v for k, v, _ in blocks if k != MODEL_INDEX}
    assert rewritten.endswith(body)
