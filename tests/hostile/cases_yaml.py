"""Malformed and exotic YAML, encodings and line endings, resource bombs.

Beyond ``tests/examples/invalid`` (tab indentation, one more document, custom and python
tags, the billion laughs, a duplicate key, 5,000 digits): each case here is another way
the bytes of a record can be wrong or odd.
"""

from __future__ import annotations

from tests.hostile.corpus import HOSTILE, Case, Expect, put, ticket_text

T = ticket_text()
LINES = T.splitlines(keepends=True)
STATUS_LINE = 12
"""The line of ``status:`` in the hostile ticket; cases put their damage around it."""


try:
    import ruamel.yaml.clib  # noqa: F401

    SLOW: str | None = None
except ImportError:  # pragma: no cover - depends on the installation
    SLOW = "without ruamel.yaml.clib the pure parser takes minutes on 700 KB"


def _with_line(line: int, text: str, base: str = T) -> str:
    """The hostile ticket with ``text`` inserted before line ``line``."""
    lines = base.splitlines(keepends=True)
    return "".join([*lines[: line - 1], text, *lines[line - 1 :]])


def _yaml(line: int | None, words: str = "") -> Expect:
    return Expect(HOSTILE, "yaml", line=line, words=words)


def _unknown(field: str, line: int) -> Expect:
    return Expect(HOSTILE, "schema", field=field, line=line, words="unknown field")


DEEP_BLOCK = "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "end: 1\n"
MANY_KEYS = "".join(f"x{i}: {i}\n" for i in range(60_000))
NOTE = "  - {{id: EN{n:04d}, at: 2026-10-12T10:{m:02d}:00+08:00, by: wang.qiang, type: note, text: 备注}}\n"
MANY_EVENTS = "".join(NOTE.format(n=n, m=min(59, n // 200)) for n in range(10_000))

CASES = [
    Case(
        "yaml-anchor-across-documents",
        "an alias in a second document names an anchor of the first",
        put(HOSTILE, "a: &x 1\n---\n" + T.replace("priority: P2", "priority: *x")),
        _yaml(2, "more than one YAML document"),
    ),
    Case(
        "yaml-merge-key",
        "a YAML 1.1 merge key '<<' is an ordinary (unknown) key in YAML 1.2",
        put(HOSTILE, _with_line(STATUS_LINE, "<<: {urgency: high}\n")),
        _unknown("<<", STATUS_LINE),
    ),
    Case(
        "yaml-flow-block-mix",
        "a block sequence entry inside a flow sequence",
        put(HOSTILE, T.replace("events:\n", "events: [\n  - {id: X}\n") + "]\n"),
        _yaml(14, "inside brackets items are separated by commas"),
    ),
    Case(
        "yaml-complex-key",
        "a sequence as a mapping key ('? [a, b]')",
        put(HOSTILE, _with_line(STATUS_LINE, "? [a, b]\n: 1\n")),
        _yaml(STATUS_LINE, "mapping keys must be plain scalars"),
    ),
    Case(
        "yaml-null-key",
        "an empty key (': value') is the key null, an unknown field",
        put(HOSTILE, _with_line(STATUS_LINE, "? \n: 1\n")),
        Expect(HOSTILE, "schema", line=STATUS_LINE, words="unknown field"),
    ),
    Case(
        "yaml-binary-tag",
        "a !!binary scalar where text is expected",
        put(HOSTILE, T.replace("title: 打印机卡纸", "title: !!binary aGVsbG8=")),
        _yaml(3, "tag tag:yaml.org,2002:binary is not allowed"),
    ),
    Case(
        "yaml-verbatim-python-tag",
        "a verbatim tag '!<tag:yaml.org,2002:python/object/apply:os.system>'",
        put(HOSTILE, T.replace("title: 打印机卡纸", "title: !<tag:yaml.org,2002:python/object/apply:os.system> [id]")),
        _yaml(3, "is not allowed in records"),
    ),
    Case(
        "yaml-tag-directive",
        "a %TAG directive maps '!e!' to a foreign tag",
        put(HOSTILE, "%TAG !e! tag:evil.example,2026:\n---\n" + T.replace("title: 打印机卡纸", "title: !e!x t")),
        _yaml(5, "is not allowed in records"),
    ),
    Case(
        "yaml-2-directive",
        "a %YAML 2.0 directive, a version no parser knows",
        put(HOSTILE, "%YAML 2.0\n---\n" + T),
        _yaml(1),
    ),
    Case(
        "yaml-huge-anchor-name",
        "an anchor name of 200,000 characters on a valid title",
        put(HOSTILE, T.replace("title: 打印机卡纸", "title: &" + "a" * 200_000 + " 打印机卡纸") + "colour: red\n"),
        _unknown("colour", len(LINES) + 1),
    ),
    Case(
        "yaml-long-implicit-key",
        "a plain key longer than the 1,024 characters YAML allows an implicit key",
        put(HOSTILE, _with_line(STATUS_LINE, "k" * 2000 + ": 1\n")),
        _yaml(None),
    ),
    Case(
        "yaml-alias-as-key",
        "an alias used as a mapping key",
        put(HOSTILE, T.replace("priority: P2", "priority: &p P2") + "*p : 1\n"),
        _yaml(len(LINES) + 1, "mapping keys must be plain scalars"),
    ),
    Case(
        "yaml-deep-block-nesting",
        "101 levels of block mappings",
        put(HOSTILE, _with_line(STATUS_LINE, DEEP_BLOCK)),
        _yaml(None, "nesting deeper than 64 levels"),
    ),
    Case(
        "yaml-deep-flow-nesting",
        "50,000 nested flow sequences in a record",
        put(HOSTILE, _with_line(STATUS_LINE, "deep: " + "[" * 50_000 + "]" * 50_000 + "\n")),
        _yaml(None, "nesting deeper than"),
    ),
    Case(
        "yaml-trailing-garbage-after-end",
        "text after the document end marker '...'",
        put(HOSTILE, T + "...\ngarbage: [\n"),
        _yaml(len(LINES) + 2),
    ),
    Case(
        "encoding-bom",
        "a UTF-8 byte order mark, then a record with an unknown field: the line still counts from 1",
        put(HOSTILE, "\ufeff" + _with_line(STATUS_LINE, "colour: red\n")),
        _unknown("colour", STATUS_LINE),
    ),
    Case(
        "encoding-two-boms",
        "two byte order marks at the start",
        put(HOSTILE, "\ufeff\ufeff" + T),
        None,
    ),
    Case(
        "encoding-utf16-le",
        "the record saved as UTF-16 with a byte order mark",
        put(HOSTILE, T.encode("utf-16")),
        _yaml(1, "not UTF-8"),
    ),
    Case(
        "encoding-utf16-be-no-bom",
        "the record saved as UTF-16 big endian without a byte order mark",
        put(HOSTILE, T.encode("utf-16-be")),
        _yaml(3, "not UTF-8"),
    ),
    Case(
        "encoding-overlong-utf8",
        "an overlong UTF-8 encoding of '/' (0xC0 0xAF) in the title",
        put(HOSTILE, T.encode().replace("打印机卡纸".encode(), b"a\xc0\xafb")),
        _yaml(3, "not UTF-8: byte 0xc0"),
    ),
    Case(
        "encoding-surrogate-bytes",
        "a UTF-16 surrogate encoded as UTF-8 bytes (0xED 0xA0 0x80)",
        put(HOSTILE, T.encode().replace("打印机卡纸".encode(), b"a\xed\xa0\x80b")),
        _yaml(3, "not UTF-8: byte 0xed"),
    ),
    Case(
        "encoding-lone-surrogate-escape",
        "a lone surrogate written as the escape \\ud800 in a double-quoted title",
        put(HOSTILE, T.replace("title: 打印机卡纸", 'title: "a\\ud800b"')),
        Expect(HOSTILE, "schema", field="title", line=3),
    ),
    Case(
        "encoding-latin1",
        "a Latin-1 byte (0xE9) in the title",
        put(HOSTILE, T.encode().replace("打印机卡纸".encode(), b"caf\xe9")),
        _yaml(3, "not UTF-8: byte 0xe9"),
    ),
    Case(
        "encoding-nul-byte",
        "a NUL byte in the middle of the file",
        put(HOSTILE, T.replace("priority: P2", "priority: P\x002")),
        _yaml(11, "NUL"),
    ),
    Case(
        "encoding-nul-escape",
        'a NUL written as the escape "\\0" in a double-quoted title',
        put(HOSTILE, T.replace("title: 打印机卡纸", 'title: "a\\0b"')),
        Expect(HOSTILE, "schema", field="title", line=3),
    ),
    Case(
        "line-endings-cr-only",
        "old Mac line endings (CR only), with an unknown field on line 12",
        put(HOSTILE, _with_line(STATUS_LINE, "colour: red\n").replace("\n", "\r")),
        _unknown("colour", STATUS_LINE),
    ),
    Case(
        "line-endings-mixed",
        "CRLF, LF and CR line endings mixed in one file, an unknown field on line 12",
        put(
            HOSTILE,
            "".join(
                line.replace("\n", ("\r\n", "\n", "\r")[i % 3])
                for i, line in enumerate(_with_line(STATUS_LINE, "colour: red\n").splitlines(keepends=True))
            ),
        ),
        _unknown("colour", STATUS_LINE),
    ),
    Case(
        "line-endings-nel-and-ls",
        "U+0085 and U+2028 as line breaks in the YAML text",
        put(HOSTILE, T.replace("service: SVC-ONSITE\n", "service: SVC-ONSITE\u2028colour: red\u0085")),
        _yaml(4, "mapping values are not allowed"),
    ),
    Case(
        "bomb-long-line",
        "a title of 900,000 characters on one line",
        put(HOSTILE, T.replace("title: 打印机卡纸", "title: " + "长" * 300_000)),
        None,
    ),
    Case(
        "bomb-file-over-limit",
        "a record file of 2 MiB",
        put(HOSTILE, T + "# " + "x" * (2 * 1024 * 1024) + "\n"),
        Expect(HOSTILE, "size", line=1, words="over the limit"),
    ),
    Case(
        "bomb-many-keys",
        "60,000 unknown keys in one record",
        put(HOSTILE, T + MANY_KEYS),
        _yaml(None, "more than 100000 nodes"),
        skip=SLOW,
    ),
    Case(
        "bomb-many-events",
        "10,000 note events in one ticket's log",
        put(HOSTILE, T + MANY_EVENTS + "colour: red\n"),
        _unknown("colour", len(LINES) + 10_001),
        skip=SLOW,
    ),
    Case(
        "bomb-quadratic-aliases",
        "one 100,000-character string aliased 5,000 times",
        put(HOSTILE, T.replace("title: 打印机卡纸", "title: &t " + "x" * 100_000) + "aka: [" + "*t, " * 5000 + "]\n"),
        _unknown("aka", len(LINES) + 1),
    ),
]
