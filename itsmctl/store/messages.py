"""YAML parser wording in plain words: what was found, and how to fix it.

libyaml and ruamel's own parser say things like ``mapping values are not allowed here``.
An engineer reading a finding at 3 a.m. needs to hear "a ':' inside a value: quote the
value".  ``RULES`` is the table that translates one to the other: each row matches the
parser's problem (both parsers' wordings) and, where the same words have several causes,
looks at the line itself to tell them apart.  The parser's own words stay at the end of
the message in parentheses, so nothing is lost; a problem no row knows keeps them as they
are.

The finding's place (``file:line:column``) is the parser's, except where the parser
stops far from the cause: for an unclosed quote or bracket the finding points at the
opening one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from itsmctl.errors import ParserDetail


@dataclass(frozen=True)
class Place:
    """Where the parser stopped, with the text around it, for a rule to look at."""

    lines: list[str]
    line: int
    column: int
    detail: ParserDetail

    @property
    def text(self) -> str:
        """The line the parser stopped on ('' past the end)."""
        return self.lines[self.line - 1] if 0 < self.line <= len(self.lines) else ""

    @property
    def before(self) -> str:
        """That line up to where the parser stopped."""
        return self.text[: self.column - 1]

    @property
    def opened(self) -> str:
        """``line 2, column 6``: where the construct the parser was reading began."""
        d = self.detail
        return f"line {d.context_line}, column {d.context_column}" if d.context_line else "above"


Explain = Callable[[re.Match[str], Place], str]


@dataclass(frozen=True)
class Rule:
    """One row of the table: the parser's problem (a regex), an optional context, the plain words."""

    problem: re.Pattern[str]
    explain: Explain
    context: str | None = None
    """A word the parser's context must contain (``quoted``, ``flow sequence``…)."""
    at_start: bool = False
    """Place the finding where the construct began (an opening quote or bracket)."""


EXAMPLE_WIDTH = 60
"""Longest value quoted back in a suggested fix; a longer line gets the generic example."""


def _quoted_pair(line: str) -> str | None:
    """``title: 原因: 磁盘满`` -> ``title: "原因: 磁盘满"``: the line's own fix, if it is short."""
    text = line.strip()
    if text.startswith("- "):
        text = text[2:].lstrip()
    key, sep, value = text.partition(": ")
    value = value.strip()
    if not sep or not key or key[0] in "#'\"" or not value or len(value) > EXAMPLE_WIDTH:
        return None
    return f'{key}: "' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _colon(_: re.Match[str], at: Place) -> str:
    """``mapping values are not allowed here``: a second ': ' on a line, or a key indented too deep."""
    if ": " not in at.before + " ":
        return (
            "this line is indented deeper than the key above it (or the line above is a value that "
            "goes on here); keys of one mapping start in the same column"
        )
    example = _quoted_pair(at.text) or 'title: "原因: 磁盘满"'
    return f"a ':' followed by a space inside a value; quote the whole value, e.g. {example}"


def _tab(_: re.Match[str], at: Place) -> str:
    if not at.before.strip():
        return "a tab character is used for indentation; YAML indents with spaces only (replace the tab with spaces)"
    return "a tab character where YAML does not allow one; use spaces, or quote the value"


_RESERVED = {"@": "'@'", "`": "'`'", "%": "'%'"}


def _bad_start(m: re.Match[str], at: Place) -> str:
    char = m.groupdict().get("char") or (at.text[at.column - 1 : at.column] if at.text else "")
    if char == "\t":
        return _tab(m, at)
    shown = _RESERVED.get(char, repr(char) if char else "this character")
    return f'a value cannot start with {shown} in YAML; quote the value, e.g. note: "{char}…"'


def _no_colon(_: re.Match[str], at: Place) -> str:
    return (
        "this line has no ':' after its key; each line of a mapping is key: value, and text that goes on "
        "to the next line must be indented under its key or quoted"
    )


def _block_end(m: re.Match[str], at: Place) -> str:
    found = (m.groupdict().get("found") or "").strip("'")
    if found == "-" or found == "<block sequence start>" or at.text.lstrip().startswith("- "):
        return (
            "a list item '- …' where a key: value was expected; indent the items under their key "
            "(events:, then '  - …'), all at the same column"
        )
    if found == "<scalar>" and at.before.strip():
        return "more text after a value on the same line (e.g. after a closing quote); quote the whole value"
    return "this line does not line up with the keys above it; check its indentation (spaces only)"


def _dash_after_key(_: re.Match[str], at: Place) -> str:
    return (
        "a '- ' list item on the same line as its key; put each item on its own line under the key "
        "('cis:', then '  - CI-A'), write cis: [CI-A], or quote the value if the '-' is text"
    )


def _list_line(_: re.Match[str], at: Place) -> str:
    return (
        "a line in a list that is neither a '- ' item nor indented under one; indent it like the "
        "fields of the item above, or start a new item with '- '"
    )


def _unclosed_quote(_: re.Match[str], at: Place) -> str:
    return f"a quote opened at {at.opened} is never closed; add the closing quote (\" or ') at the end of the value"


def _unclosed(bracket: str, closer: str, example: str) -> Explain:
    def explain(_: re.Match[str], at: Place) -> str:
        return (
            f"the {bracket} opened at {at.opened} is not closed with '{closer}' before line {at.line}, "
            f"or an item lacks its ','; write it on one line, e.g. {example}"
        )

    return explain


def _empty_item(m: re.Match[str], at: Place) -> str:
    found = (m.groupdict().get("found") or at.text[at.column - 1 : at.column]).strip("'")
    if found in ("]", "}"):
        return f"a '{found}' with no opening bracket before it; remove it or quote the value"
    if found == "-":
        return "a '- ' item inside [ ]: inside brackets items are separated by commas, e.g. [a, b]"
    return "an empty item in [ ] or { } (two commas in a row, or a comma at the start); remove the extra comma"


def _alias(_: re.Match[str], at: Place) -> str:
    char = "*" if "alias" in (at.detail.context or "") else "&"
    return f"'{char}' starts an alias or anchor in YAML; quote the value if it is text, e.g. note: \"{char}…\""


def _block_scalar(_: re.Match[str], at: Place) -> str:
    return "after '|' or '>' the text starts on the next line, indented; nothing else may follow on this line"


def _escape(m: re.Match[str], at: Place) -> str:
    return (
        "an unknown backslash escape in a double-quoted value; write \\\\ for a backslash, "
        "or use single quotes: 'C:\\path'"
    )


def _document(_: re.Match[str], at: Place) -> str:
    return "something after the end of the record ('...' or a '%' line); a record is one YAML document: remove it"


def _control(m: re.Match[str], at: Place) -> str:
    return (
        f"an invisible control character (#x{m['code']}) is in the file, often pasted from a terminal "
        "or a word processor; delete it"
    )


def _tag(_: re.Match[str], at: Place) -> str:
    return (
        "a '!' starts a tag in YAML, and records use no tags; quote the value if the '!' is text, e.g. note: \"!重要\""
    )


RULES: tuple[Rule, ...] = (
    Rule(re.compile(r"mapping values are not allowed"), _colon),
    Rule(re.compile(r"found character '\\t' that cannot start any token|found a tab character"), _tab),
    Rule(re.compile(r"found character '(?P<char>.)' that cannot start any token"), _bad_start),
    Rule(re.compile(r"found character that cannot start any token"), _bad_start),
    Rule(re.compile(r"could not find expected ':'"), _no_colon, at_start=True),
    Rule(re.compile(r"expected <block end>|did not find expected '-' indicator"), _list_line, context="collection"),
    Rule(re.compile(r"expected <block end>, but found (?P<found>.+)|did not find expected key"), _block_end),
    Rule(re.compile(r"found unexpected end of stream"), _unclosed_quote, context="quoted", at_start=True),
    Rule(
        re.compile(r"expected ',' or '\]'|did not find expected ',' or '\]'"),
        _unclosed("[ list", "]", "cis: [CI-A, CI-B]"),
        at_start=True,
    ),
    Rule(
        re.compile(r"expected ',' or '\}'|did not find expected ',' or '\}'"),
        _unclosed("{ mapping", "}", "dimensions: {urgency: urgent, impact: some}"),
        at_start=True,
    ),
    Rule(
        re.compile(r"expected the node content, but found (?P<found>.+)|did not find expected node content"),
        _empty_item,
    ),
    Rule(re.compile(r"expected alphabetic or numeric character|did not find expected alphabetic"), _alias),
    Rule(re.compile(r"expected chomping or indentation indicators|expected a comment or a line break"), _block_scalar),
    Rule(re.compile(r"did not find expected comment or line break"), _block_scalar, context="block scalar"),
    Rule(re.compile(r"found unknown escape character"), _escape),
    Rule(re.compile(r"expected '<document start>'|did not find expected <document start>"), _document),
    Rule(re.compile(r"unacceptable character #x(?P<code>[0-9a-fA-F]+)"), _control),
    Rule(re.compile(r"expected '>'|did not find the expected '>'"), _tag),
    Rule(re.compile(r"expected URI|did not find expected whitespace or line break"), _tag, context="tag"),
    Rule(re.compile(r"sequence entries are not allowed"), _dash_after_key),
)


def rule_for(detail: ParserDetail) -> tuple[Rule, re.Match[str]] | None:
    """The first row of ``RULES`` that knows this problem, with its match."""
    for rule in RULES:
        match = rule.problem.search(detail.problem)
        if match is not None and (rule.context is None or rule.context in (detail.context or "")):
            return rule, match
    return None


def explain_yaml(detail: ParserDetail, text: str, line: int, column: int) -> tuple[str, int, int]:
    """A parser problem as (plain message, line, column); the parser's words end the message."""
    original = detail.problem if not detail.context else f"{detail.context}: {detail.problem}"
    found = rule_for(detail)
    if found is None:
        return f"YAML syntax error: {original}", line, column
    rule, match = found
    message = f"{rule.explain(match, Place(text.splitlines(), line, column, detail))} (YAML parser: {original})"
    if rule.at_start and detail.context_line and detail.context_column:
        return message, detail.context_line, detail.context_column
    return message, line, column
