"""An edit changes only the lines it means to: every other line keeps its bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from itsmctl import roundtrip, splice
from tests.conftest import Cli

TICKET = "INC-2610-7KQ3P"
EVENT = {"id": "E9", "at": "2026-11-02T10:00:00+08:00", "by": "wang.qiang", "type": "note", "note": "hi"}


def _note(document: roundtrip.Document) -> None:
    roundtrip.append_to(document, "events", [EVENT])


BASE = (
    "# 手工录入\n"
    "kind: incident\n"
    'title: "\\u4e2d\\x41\\u00e9\\t"   # escaped\n'
    "status: new\n"
    "events:\n"
    "  - {id: E1, at: 2026-11-02T09:00:00+08:00, by: wang.qiang, type: opened}\n"
)

BLOCK = BASE.replace("  - {id: E1, at: 2026-11-02T09:00:00+08:00, by: wang.qiang, type: opened}\n", "  - id: E1\n")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("CR alone", BASE.replace("\n", "\r")),
        ("CRLF", BASE.replace("\n", "\r\n")),
        ("mixed endings", BASE.replace("kind: incident\n", "kind: incident\r\n")),
        ("escapes in double quotes", BASE),
        ("a line of 5,000 characters", BASE.replace("# 手工录入", "summary: " + "长" * 5000)),
        ("a long double-quoted line", BASE.replace("# 手工录入", 'summary: "' + "x " * 3000 + '"')),
        ("a %YAML 1.2 directive", "%YAML 1.2\n---\n" + BASE),
        ("a %TAG directive", "%TAG !e! tag:example.com,2026:\n---\n" + BASE),
        ("no newline at the end", BASE.rstrip("\n")),
        # tabs that the strict reader (libyaml) accepts and ruamel's round-trip scanner refuses
        ("a tab before a comment", BLOCK.replace("status: new", "status: new\t# tab")),
        ("a tab after a colon and at the end", BLOCK.replace("kind: incident", "kind:\tincident \t")),
    ],
)
def test_appending_an_event_adds_lines_and_changes_no_other(name: str, text: str) -> None:
    data = text.encode("utf-8")
    new = roundtrip.edit(data, _note)
    newline = splice.newline_of(text).encode()
    if text.endswith("}"):  # the last line gains the ending the new line needs after it
        data += newline
    assert new.startswith(data), name
    added = new[len(data) :]
    flow = text.rstrip("\r\n").endswith("}")  # the new event is written like the last one
    assert added.startswith(b"  - {id: E9, " if flow else b"  - id: E9" + newline) and added.endswith(newline)
    assert added.count(newline) == (1 if flow else 5)


def test_a_changed_field_is_the_only_changed_line() -> None:
    data = BASE.replace("\n", "\r").encode()

    def change(document: roundtrip.Document) -> None:
        roundtrip.set_field(document, "status", "assigned")

    new = roundtrip.edit(data, change)
    assert new == data.replace(b"status: new\r", b"status: assigned\r")


def test_a_changed_line_next_to_an_escaped_one_leaves_the_escapes() -> None:
    data = b'kind: x\ntitle: "\\u4e2d"\nstatus: new\nother: "\\x41"\n'

    def change(document: roundtrip.Document) -> None:
        roundtrip.set_field(document, "status", "assigned")

    assert roundtrip.edit(data, change) == data.replace(b"new", b"assigned")


def test_a_new_long_value_is_not_folded() -> None:
    long_note = "很长的备注 " * 2000
    new = roundtrip.edit(BASE.encode(), lambda d: roundtrip.append_to(d, "events", [{**EVENT, "note": long_note}]))
    assert new.decode().count("\n") == BASE.count("\n") + 1
    assert new.decode().splitlines()[-1].endswith(long_note.strip() + " '}")


def test_restoring_a_line_is_refused_when_it_would_change_what_the_file_says() -> None:
    original = "a: '1'\nb: 2\n"
    # a dump that says a is the integer 1 keeps its own line: the old one means the text '1'
    assert splice.keep_untouched(original, "a: 1\nb: 2\n") == "a: 1\nb: 2\n"
    assert splice.keep_untouched(original, "a: '1'\nb: 2\nc: 3\n") == "a: '1'\nb: 2\nc: 3\n"
    assert splice.keep_untouched('a: "\\x41"\r', 'a: "A"\n') == 'a: "\\x41"\r'


def test_a_note_on_a_hand_written_file_changes_only_its_own_lines(cli: Cli, store: Path) -> None:
    ticket = next((store / "tickets").rglob(f"{TICKET}.yaml"))
    text = ticket.read_text(encoding="utf-8")
    text = text.replace("title: ", 'title: "\\u8d22\\x41"  #', 1).replace("\n", "\r")
    text = "%YAML 1.2\r---\r" + text.replace("# 手工录入的事件单", "# " + "长" * 5000)
    ticket.write_bytes(text.encode("utf-8"))
    assert cli("validate", "--records", store).code == 0
    result = cli("ticket", "note", TICKET, "到场", "--records", store, "--by", "wang.qiang", "--no-commit")
    assert result.code == 0, result
    new = ticket.read_bytes()
    assert new.startswith(text.encode("utf-8"))
    added = new[len(text.encode("utf-8")) :].decode("utf-8")
    assert added.count("\r") == 1 and added.endswith("}\r") and "到场" in added and "\n" not in added


def test_validate_and_a_verb_agree_on_a_yaml_1_1_file(cli: Cli, store: Path) -> None:
    ticket = next((store / "tickets").rglob(f"{TICKET}.yaml"))
    data = b"%YAML 1.1\n---\n" + ticket.read_bytes()
    ticket.write_bytes(data)
    validated = cli("validate", "--records", store)
    noted = cli("ticket", "note", TICKET, "x", "--records", store, "--by", "wang.qiang", "--no-commit")
    assert (validated.code, noted.code) == (1, 1), (validated, noted)
    words = "declares %YAML 1.1; records are read as YAML 1.2"
    assert f"{TICKET}.yaml:1:1: the file {words}" in validated.stdout
    assert words in noted.stderr and "it was not changed" in noted.stderr
    assert ticket.read_bytes() == data
