"""The strict reader: YAML 1.2 core schema, safety limits, positions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itsmctl.errors import RecordParseError
from itsmctl.yamlio import MAX_FILE_BYTES, Position, parse_document, resolve_plain


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("off", "off"),
        ("Y", "Y"),
        ("010", 10),
        ("0o10", 8),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("2026-10-01", "2026-10-01"),
        ("2026-10-09T09:12:00+08:00", "2026-10-09T09:12:00+08:00"),
        ("12:30", "12:30"),
        ("P1", "P1"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


def test_special_floats() -> None:
    assert resolve_plain(".inf") == math.inf
    assert resolve_plain("-.Inf") == -math.inf
    assert math.isnan(resolve_plain(".NaN"))


def test_quoted_scalars_stay_strings() -> None:
    doc = parse_document(b"a: '010'\nb: \"true\"\nc: !!str 12\nd: !!int '7'\ne: !!float 3\n")
    assert doc.data == {"a": "010", "b": "true", "c": "12", "d": 7, "e": 3.0}


def test_positions_of_keys_and_items() -> None:
    doc = parse_document(b"kind: x\nevents:\n  - id: A\n    at: t\n  - id: B\n")
    assert doc.positions[("kind",)] == Position(1, 1)
    assert doc.positions[("events", 1)] == Position(5, 5)
    assert doc.positions[("events", 0, "at")] == Position(4, 5)
    assert doc.position_of(("events", 1, "missing")) == Position(5, 5)


def test_flow_mapping_with_colons_in_plain_scalars_is_yaml_1_2() -> None:
    # libyaml (YAML 1.1) refuses this; the YAML 1.2 parser accepts it
    doc = parse_document(b"- {at: 2026-10-09T09:12:00+08:00, by: w}\n")
    assert doc.data == [{"at": "2026-10-09T09:12:00+08:00", "by": "w"}]


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"a: 1\na: 2\n", "duplicate key 'a'", 2),
        (b"a: !!python/object:os.system x\n", "is not allowed", 1),
        (b"a: !custom x\n", "tag !custom is not allowed", 1),
        (b"a: &x [1, *x]\n", "refers to itself", 1),
        (b"a: 1\n---\nb: 2\n", "more than one YAML document", 2),
        (b"a: [1, 2\n", "YAML syntax error", 2),
        (b"a: 1\nb: \xff\xfe\n", "not UTF-8", 2),
        (b"a: 1\n\x00\n", "NUL", 2),
        (b"? [1, 2]\n: x\n", "mapping keys must be plain scalars", 1),
        (b"a: !!int x\n", "not a valid int", 1),
        (b"a: 1\nb: x\x7fy\n", "control characters", 2),
        (b"# a 1.1 file\n%YAML 1.1\n---\na: on\n", "declares %YAML 1.1; records are read as YAML 1.2", 2),
        (b"%YAML 1.3\n---\na: 1\n", "records are read as YAML 1.2", 1),
    ],
)
def test_refused_input(data: bytes, message: str, line: int) -> None:
    with pytest.raises(RecordParseError) as caught:
        parse_document(data)
    assert message in caught.value.message
    assert caught.value.line == line


def test_alias_expansion_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    with pytest.raises(RecordParseError, match="expands to more than"):
        parse_document("\n".join(lines).encode())


def test_small_aliases_are_fine() -> None:
    assert parse_document(b"a: &x [1, 2]\nb: *x\n").data == {"a": [1, 2], "b": [1, 2]}


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(RecordParseError, match="nesting deeper"):
        parse_document(b"a: " + b"[" * 200 + b"]" * 200)


def test_size_limit() -> None:
    with pytest.raises(RecordParseError, match="larger than the limit"):
        parse_document(b"a: '" + b"x" * MAX_FILE_BYTES + b"'\n")


def test_a_yaml_1_2_directive_and_tag_directives_are_read() -> None:
    assert parse_document(b"%YAML 1.2\n%TAG !e! tag:example.com,2026:\n---\na: on\n").data == {"a": "on"}


def test_bom_is_tolerated() -> None:
    assert parse_document("\ufeffa: 1\n".encode()).data == {"a": 1}


def test_empty_document() -> None:
    assert parse_document(b"# only a comment\n").data is None


# YAML forbids raw control characters (JSON allows some) and reads U+0085/U+2028/U+2029 as breaks
printable = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\x85\ufeff")
keys = st.text(printable, min_size=1, max_size=8)
scalars = st.one_of(st.integers(-(10**6), 10**6), st.booleans(), st.none(), st.text(printable, max_size=20))
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4), max_leaves=12
)


@given(st.dictionaries(keys, values, max_size=6))
def test_json_documents_read_back_unchanged(data: dict[str, object]) -> None:
    # JSON is a subset of YAML 1.2: any JSON document must read back as the same data
    import json

    assert parse_document(json.dumps(data, ensure_ascii=False).encode()).data == data
