"""The YAML parser's wording in plain words, on what libyaml and ruamel really say."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from itsmctl.errors import ParserDetail
from itsmctl.store.loader import load_record
from itsmctl.store.messages import RULES, explain_yaml, rule_for
from itsmctl.yamlio import reader_error, syntax_error

try:
    from ruamel.yaml.cyaml import CParser
except ImportError:  # pragma: no cover
    CParser = None

# text, what the plain message says, where the finding is (line, column)
CASES: list[tuple[str, str, str, tuple[int, int]]] = [
    (
        "colon-in-value",
        "kind: incident\ntitle: 原因: 磁盘满\n",
        "a ':' followed by a space inside a value; quote the whole value, e.g. title: \"原因: 磁盘满\"",
        (2, 10),
    ),
    (
        "colon-in-list-item",
        'events:\n  - note: 注意: "x"\n',
        'e.g. note: "注意: \\"x\\""',
        (2, 13),
    ),
    (
        "tab-indent",
        "kind: incident\n\ttitle: x\n",
        "a tab character is used for indentation; YAML indents with spaces",
        (2, 1),
    ),
    ("no-colon", "kind: incident\ntitle\nid: x\n", "this line has no ':' after its key", (2, 1)),
    (
        "unclosed-double-quote",
        'kind: incident\ntitle: "abc\nid: x\n',
        "a quote opened at line 2, column 8 is never closed",
        (2, 8),
    ),
    ("unclosed-single-quote", "kind: incident\ntitle: 'abc\nid: x\n", "is never closed; add the closing quote", (2, 8)),
    (
        "unclosed-list",
        "kind: incident\ncis: [a, b\nid: x\n",
        "the [ list opened at line 2, column 6 is not closed with ']'",
        (2, 6),
    ),
    (
        "unclosed-mapping",
        "dimensions: {a: b\nid: x\n",
        "the { mapping opened at line 1, column 13 is not closed with '}'",
        (1, 13),
    ),
    ("deeper-key", "kind: incident\nid: x\n  title: y\n", "this line is indented deeper than the key above it", (3, 8)),
    ("deeper-event-key", "events:\n  - id: x\n     at: y\n", "indented deeper than the key above it", (3, 8)),
    (
        "list-item-in-mapping",
        "kind: incident\nid: x\n- a\n",
        "a list item '- …' where a key: value was expected",
        (3, 1),
    ),
    ("list-dedented", "events:\n    - id: a\n  - id: b\n", "a list item '- …' where a key: value was expected", (3, 3)),
    ("key-after-list-items", "events:\n  - id: a\n    at: b\n  type: x\n", "a line in a list that is neither", (4, 3)),
    ("at-sign", "title: @foo\n", "a value cannot start with '@' in YAML; quote the value", (1, 8)),
    ("backtick", "title: `foo`\n", "a value cannot start with '`'", (1, 8)),
    ("lone-star", "title: *\n", "'*' starts an alias or anchor in YAML; quote the value", (1, 9)),
    ("lone-ampersand", "title: &\n", "'&' starts an alias or anchor", (1, 9)),
    ("block-scalar-header", "title: |x\n  a\n", "after '|' or '>' the text starts on the next line", (1, 9)),
    ("unknown-escape", 'path: "C:\\qq"\n', "an unknown backslash escape in a double-quoted value", (1, 11)),
    ("directive-after-content", "title: x\n%YAML 1.2\n", "a record is one YAML document: remove it", (3, 1)),
    ("control-character", "title: a\x07b\n", "an invisible control character (#x0007) is in the file", (1, 9)),
    ("double-comma", "cis: [a,, b]\n", "an empty item in [ ] or { }", (1, 9)),
    ("stray-brace", "cis: }\n", "a '}' with no opening bracket before it", (1, 6)),
    ("dash-in-brackets", "cis: [a, - b]\n", "a '- ' item inside [ ]", (1, 10)),
    ("text-after-quote", 'title: "a" b\n', "more text after a value on the same line", (1, 12)),
    ("dash-after-key", "cis: - CI-A\n", "a '- ' list item on the same line as its key", (1, 6)),
    ("tag-junk", "title: !{x}\n", "a '!' starts a tag in YAML, and records use no tags; quote the value", (1, 9)),
    ("unclosed-tag", "a: !<foo\n", "a '!' starts a tag in YAML", (1, 9)),
]


def _events(parser: Any) -> Iterator[Any]:
    while True:
        event = parser.get_event()
        yield event
        if type(event).__name__ == "StreamEndEvent":
            return


def parser_details(text: str) -> dict[str, tuple[ParserDetail, int, int]]:
    """What each parser says about ``text``, as the loader receives it."""
    runs: dict[str, Any] = {"ruamel": lambda: YAML(typ="safe", pure=True).parse(text)}
    if CParser is not None:
        runs["libyaml"] = lambda: _events(CParser(text))
    out: dict[str, tuple[ParserDetail, int, int]] = {}
    for name, run in runs.items():
        try:
            for _ in run():
                pass
        except MarkedYAMLError as exc:
            error = syntax_error(exc)
        except YAMLError as exc:
            error = reader_error(exc, text)
        else:
            continue
        assert error.parser is not None
        out[name] = (error.parser, error.line, error.column)
    return out


@pytest.mark.parametrize(("name", "text", "plain", "where"), CASES, ids=[c[0] for c in CASES])
def test_loader_finding_is_plain_words_at_the_cause(name: str, text: str, plain: str, where: tuple[int, int]) -> None:
    loaded = load_record("x.yaml", "x.yaml", text.encode("utf-8"))
    [finding] = loaded.findings
    assert finding.code == "yaml"
    assert plain in finding.message, finding.message
    assert (finding.line, finding.column) == where, finding
    assert "(YAML parser: " in finding.message  # the parser's own words are kept


@pytest.mark.parametrize(("name", "text", "plain", "where"), CASES, ids=[c[0] for c in CASES])
def test_both_parsers_wordings_are_translated_alike(name: str, text: str, plain: str, where: tuple[int, int]) -> None:
    details = parser_details(text)
    for parser, (detail, line, column) in details.items():
        message, _, _ = explain_yaml(detail, text, line, column)
        assert not message.startswith("YAML syntax error"), (parser, detail)
        if parser == "ruamel" or name not in LIBYAML_WORDS_DIFFER:
            assert plain in message, (parser, message)


LIBYAML_WORDS_DIFFER = {
    # libyaml reads some of these as another problem; what it says is still translated (asserted above)
    "colon-in-list-item",
    "unknown-escape",
    "directive-after-content",
    "text-after-quote",
    "lone-star",
    "lone-ampersand",
    "block-scalar-header",
}


def test_every_rule_is_used_by_a_real_parser_output() -> None:
    used = set()
    for _, text, _, _ in CASES:
        for detail, _, _ in parser_details(text).values():
            found = rule_for(detail)
            if found is not None:
                used.add(RULES.index(found[0]))
    unused = [RULES[i].problem.pattern for i in range(len(RULES)) if i not in used]
    assert not unused, f"rules no case reaches: {unused}"


def test_an_unknown_problem_keeps_the_parsers_words() -> None:
    detail = ParserDetail("something new went wrong", "while doing a thing")
    message, line, column = explain_yaml(detail, "a: b\n", 1, 3)
    assert message == "YAML syntax error: while doing a thing: something new went wrong"
    assert (line, column) == (1, 3)


def test_a_colon_inside_a_value_names_its_own_line_in_the_fix() -> None:
    loaded = load_record("x.yaml", "x.yaml", "kind: ci\nname: 核心交换机: 主\n".encode())
    assert 'e.g. name: "核心交换机: 主"' in loaded.findings[0].message


def test_the_place_survives_a_mark_past_the_end() -> None:
    detail = ParserDetail("mapping values are not allowed here")
    message, line, _ = explain_yaml(detail, "", 9, 1)
    assert "indented deeper" in message and line == 9


def test_a_huge_line_gets_a_short_message_quickly() -> None:
    """The fix is built with string methods: a regex here once took 12 s on 20,000 spaces."""
    started = time.perf_counter()
    loaded = load_record("x.yaml", "x.yaml", ("title: a" + " " * 50_000 + "b: c\n").encode())
    assert time.perf_counter() - started < 5
    [finding] = loaded.findings
    assert len(finding.message) < 300
    assert 'e.g. title: "原因: 磁盘满"' in finding.message  # too long to quote back: the generic example
