"""Fuzzing with hypothesis: the card round trip keeps the body and every unmanaged key for any
README text; the spec loader, the README source and the retry header parsing only ever raise
hfeval's own errors; redaction never lets a secret through, wherever it sits in the text.

Example counts stay modest (a few hundred in all) so the suite stays fast."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st
from ruamel.yaml import YAML

from hfeval.card import _split, parse_card, set_key
from hfeval.errors import CardError, HfevalError
from hfeval.redaction import MASK, redact
from hfeval.registry import default_registry
from hfeval.retrying import server_advised_wait
from hfeval.sources.readme import readme_source_result
from hfeval.spec import ReadmeSource, load_specs
from reliability.figures import FIGURES

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_YAML_LINES = st.sampled_from(
    [
        "license: mit", "tags:\n- a\n- b", "model-index: []",
        "model-index:\n- name: x\n  results: []",
        "base_model: org/x  # comment", "a: [", "key: 'quoted: yes'", "x: &a 1\ny: *a",
        "<<: {z: 1}", "# just a comment", "", "  indented: 1", "- item", "k: |\n  block\n  text",
        "date: 2024-01-15", "n: 1e3", "on: yes", "\t: tab", "---", "...", "emoji: 🪁",
        "model-index: oops", "model-index:\n- name: x\n  results:\n  - task: {type: t}",
    ]
)  # fmt: skip
_BODY = st.text(max_size=80) | st.sampled_from(
    ["", "# Title\n", "---\nnot yaml: [\n", "\r\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "---"]
)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8) | st.integers(-1000, 1000),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["name", "results", "type", "value"]), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip


@st.composite
def readmes(draw: st.DrawFn) -> str:
    """Any README: no front matter, a front matter of random YAML lines, or random text."""
    shape = draw(st.sampled_from(["none", "front", "text"]))
    if shape == "text":
        return draw(st.text(max_size=200))
    body = draw(_BODY)
    if shape == "none":
        return body
    lines = draw(st.lists(_YAML_LINES, max_size=6))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    front = newline.join(lines)
    return f"---{newline}{front}{newline}---{newline}{body}"


@FAST
@given(text=readmes(), value=_VALUES)
def test_card_round_trip_keeps_the_body_and_unmanaged_keys(text: str, value: Any) -> None:
    FIGURES.fuzz_examples += 1
    try:
        card = parse_card(text, where="README.md")
        rewritten = set_key(card, "model-index", value)
    except CardError:
        return  # refused with hfeval's own error: nothing is written
    parts = _split(text)
    body = text if parts is None else parts.body
    assert rewritten.endswith(body)
    again = parse_card(rewritten, where="README.md")
    assert again.get("model-index") == value
    before = {k: v for k, v in card.metadata().items() if k != "model-index"}
    after = {k: v for k, v in again.metadata().items() if k != "model-index"}
    assert after == before


def _yaml_text(data: object) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


_SPEC_KEYS = st.sampled_from(
    ["model", "name", "apply", "targets", "sources", "prune", "replace_invalid", "modle", "x"]
)
_SPEC_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 5) | st.floats(allow_nan=True)
    | st.sampled_from(["acme/x", "pr", "commit", "auto", "model-index", "readme", "", "a/b/c"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(
        st.sampled_from(["readme", "artificial_analysis", "table", "model", "repo", "file", "id"]),
        inner, max_size=3,
    ),
    max_leaves=8,
)  # fmt: skip
_SPEC_TEXT = (
    st.dictionaries(_SPEC_KEYS, _SPEC_VALUES, max_size=6).map(_yaml_text)
    | st.text(max_size=120)
    | st.binary(max_size=60).map(lambda b: b.decode("latin-1"))
)


@FAST
@given(spec_text=_SPEC_TEXT, config_text=st.none() | _SPEC_TEXT)
def test_the_spec_loader_only_raises_hfeval_errors(spec_text: str, config_text: str | None) -> None:
    FIGURES.fuzz_examples += 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "specs"
        root.mkdir()
        (root / "model.yaml").write_text(spec_text, encoding="utf-8", errors="surrogateescape")
        if config_text is not None:
            (root / "hfeval.yaml").write_text(config_text, encoding="utf-8")
        try:
            loaded = load_specs([root])
        except HfevalError as error:
            assert str(error).strip()
            return
        assert all(spec.spec.model for spec in loaded.specs)


_REGISTRY = default_registry()
_CELLS = st.sampled_from(["68.3", "**71.2**", "-", "N/A", "4/30", "55%", "±1", "", "x", "1e309"])


@st.composite
def tables(draw: st.DrawFn) -> str:
    """A markdown README with a small pipe table of random cells around random text."""
    columns = draw(st.integers(1, 4))
    header = ["Benchmark", *draw(st.lists(st.sampled_from(["m", "M", "other", ""]),
                                         min_size=columns, max_size=columns))]  # fmt: skip
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        label = draw(st.sampled_from(["MMLU", "GSM8K", "HumanEval", "Params", "", "**Avg**"]))
        cells = draw(st.lists(_CELLS, min_size=columns, max_size=columns))
        rows.append("| " + " | ".join([label, *cells]) + " |")
    table = "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *rows])
    return draw(st.text(max_size=40)) + "\n\n" + table + "\n\n" + draw(st.text(max_size=40))


@FAST
@given(
    markdown=tables() | st.text(max_size=200),
    table=st.integers(1, 3) | st.sampled_from(["Results", "x"]),
    model=st.none() | st.integers(-1, 4) | st.sampled_from(["m", "M", "other", "zzz"]),
    include=st.none() | st.lists(st.sampled_from(["MMLU", "GSM8K", "nope"]), max_size=2),
    rename=st.none() | st.dictionaries(st.sampled_from(["MMLU", "x"]), st.sampled_from(["Y", ""])),
)
def test_the_readme_source_only_raises_hfeval_errors(
    markdown: str,
    table: int | str,
    model: str | int | None,
    include: list[str] | None,
    rename: dict[str, str] | None,
) -> None:
    FIGURES.fuzz_examples += 1
    try:
        source = ReadmeSource(table=table, model=model, include=include, rename=rename)
    except ValueError:
        return  # pydantic refuses it: the loader turns that into a SpecError
    try:
        result = readme_source_result(
            markdown, source, repo_id="acme/x", file=None, revision=None,
            source_url="https://huggingface.co/acme/x", registry=_REGISTRY,
        )  # fmt: skip
    except HfevalError as error:
        assert str(error).strip()
        return
    for observation in result.observations:
        assert json.dumps(observation.value) != "NaN"


@settings(max_examples=150, deadline=None)
@given(before=st.text(max_size=40), after=st.text(max_size=40), header=st.text(max_size=40))
def test_redaction_never_lets_a_secret_through(before: str, after: str, header: str) -> None:
    FIGURES.fuzz_examples += 1
    token = "hf_FuzzCanary" + "Q" * 20
    for text in (before + token + after, f"{header}: Bearer {token}{after}", before + token):
        cleaned = redact(text)
        assert token not in cleaned and MASK in cleaned


@settings(max_examples=150, deadline=None)
@given(rate_limit=st.text(max_size=30), retry_after=st.text(max_size=30))
def test_retry_headers_never_raise(rate_limit: str, retry_after: str) -> None:
    FIGURES.fuzz_examples += 1
    wait = server_advised_wait({"RateLimit": rate_limit, "Retry-After": retry_after})
    assert wait is None or wait >= 0
