"""One escaping function per destination (``itsmctl.escape``), each on hostile strings.

For every destination the test states what must hold of the output (no character a
terminal acts on, one line, nothing the destination's parser reads as structure) and that
ordinary text, CJK included, passes unchanged.
"""

from __future__ import annotations

import json
import unicodedata
from email.message import EmailMessage
from email.policy import SMTP

import pytest

from itsmctl import escape

HOSTILE = [
    "\x1b[2J",  # clear the screen
    "\x1b]8;;file:///etc/passwd\x07x\x1b]8;;\x07",  # OSC 8 hyperlink
    "\x9b31m",  # C1 CSI
    "\x85next line",  # C1 NEL
    "\u202eevil",  # right-to-left override
    "\u2066isolate\u2069",  # bidi isolates
    "zero\u200bwidth",  # zero-width space
    "\ufeffbom",
    "carriage\rreturn",
    "\n::error file=x::forged",
    "line\u2028separator",
    "[/x]",
    "[link=file:///etc/passwd]",
    "%0A",
    "a|b",
    "<script>alert(1)</script>",
    "`code`",
    "\x7fdel",
    "\x00nul",
    "\udcffnot utf-8",  # a lone surrogate: a file name that is not UTF-8
    "tag\U000e0041",  # a tag character (Cf, outside the BMP)
]
BENIGN = [
    "营业部存折打印机频繁卡纸",
    "INC-2611-7KQ3P: resolve by wang.qiang",
    "100% done, 3/4 (ok)",
    "日本語 한국어 ü é",
]
UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _unsafe(text: str, allowed: str = "") -> list[str]:
    return [ch for ch in text if ch not in allowed and unicodedata.category(ch) in UNSAFE]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("destination", [escape.terminal, escape.commit_line, escape.mail_header])
def test_one_line_destinations_hold_no_unsafe_character(destination: object, text: str) -> None:
    out = destination(text)  # type: ignore[operator]
    assert not _unsafe(out), (text, out)
    out.encode("utf-8")  # a lone surrogate would stop the output with an encoding error


@pytest.mark.parametrize("text", BENIGN)
@pytest.mark.parametrize(
    "destination", [escape.terminal, escape.terminal_lines, escape.commit_line, escape.mail_header]
)
def test_ordinary_text_and_cjk_pass_unchanged(destination: object, text: str) -> None:
    assert destination(text) == text  # type: ignore[operator]


def test_unsafe_characters_show_as_their_escapes() -> None:
    assert escape.terminal("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert escape.terminal("\x9b\u202e\u200b") == "\\x9b\\u202e\\u200b"
    assert escape.terminal("x\ny\rz\t") == "x\\ny\\rz\\t"
    assert escape.terminal("\U000e0041") == "\\U000e0041"
    assert escape.terminal("\udcff") == "\\udcff"


def test_terminal_lines_keeps_newlines_and_nothing_else() -> None:
    assert escape.terminal_lines("one\ntwo\rthree\x1b[2J") == "one\ntwo\\rthree\\x1b[2J"


def test_commit_trailer_is_one_line() -> None:
    assert escape.trailer("Itsm-Actor", "a\nItsm-Actor: mallory") == "Itsm-Actor: a\\nItsm-Actor: mallory"


def _github_decode(text: str) -> str:
    """What the Actions runner makes of an escaped value (its documented decoding)."""
    for code, ch in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, ch)
    return text


@pytest.mark.parametrize("text", HOSTILE + BENIGN)
def test_annotation_message_is_one_command_and_decodes_to_the_visible_text(text: str) -> None:
    out = escape.annotation_message(text)
    assert "\n" not in out and "\r" not in out and not _unsafe(out)
    assert _github_decode(out) == escape.terminal_lines(text).replace("\\r", "\r")


@pytest.mark.parametrize("text", HOSTILE + BENIGN)
def test_annotation_property_cannot_end_the_properties(text: str) -> None:
    out = escape.annotation_property(text)
    assert not set(out) & {"\n", "\r", ":", ","} and not _unsafe(out)
    assert _github_decode(out) == escape.terminal_lines(text).replace("\\r", "\r")


def test_annotation_percent_is_encoded_so_a_value_cannot_spell_a_newline() -> None:
    assert escape.annotation_message("%0A::error file=x::forged") == "%250A::error file=x::forged"


@pytest.mark.parametrize("text", HOSTILE)
def test_mail_header_sets_one_header(text: str) -> None:
    mail = EmailMessage(policy=SMTP)
    mail["Subject"] = escape.mail_header(text)  # raises on CR or LF
    mail["To"] = "a@example.com"
    mail.set_content("body")
    head = mail.as_bytes().split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert [line.split(":", 1)[0] for line in head.split("\r\n") if not line.startswith((" ", "\t"))] == [
        "Subject",
        "To",
        "Content-Type",
        "Content-Transfer-Encoding",
        "MIME-Version",
    ]


@pytest.mark.parametrize("text", HOSTILE + BENIGN)
def test_json_keeps_the_value_and_prints_nothing_a_terminal_acts_on(text: str) -> None:
    out = escape.json_text({"file": text, "nested": [text]}, indent=2)
    assert json.loads(out) == {"file": text, "nested": [text]}
    assert not _unsafe(out, allowed="\n")
    out.encode("utf-8")


def test_json_keeps_cjk_readable() -> None:
    assert escape.json_text({"title": "工程师迟到"}) == '{"title": "工程师迟到"}'


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_is_one_inert_line(text: str) -> None:
    out = escape.markdown(text)
    assert "\n" not in out and not _unsafe(out.replace(escape.WORD_JOINER, "")), (text, out)
    assert "<" not in out and not [i for i, ch in enumerate(out) if ch in "|`[]" and out[i - 1 : i] != "\\"]


def test_markdown_shows_a_control_as_its_escape_and_reads_as_written() -> None:
    # the escape's backslash is itself escaped, so the page shows \x9b, not a control
    assert escape.markdown("a\x9bb") == "a\\\\x9bb"
    assert escape.markdown("x\u202ey") == "x\\\\u202ey"
    assert escape.markdown("营业部 | 打印机") == "营业部 \\| 打印机"


@pytest.mark.parametrize("text", ["=1+1", "+86 10 1234", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("x")'])
def test_spreadsheet_cell_never_starts_a_formula(text: str) -> None:
    assert escape.spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["重启服务", "a=b", "1-2", "", "'quoted", "E-mail"])
def test_spreadsheet_cell_leaves_other_text_alone(text: str) -> None:
    assert escape.spreadsheet_cell(text) == text
