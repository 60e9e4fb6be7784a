"""Any valid record, in any layout an author may give it, survives load → edit → dump → load
with only the edited field changed and every other line byte-identical.

Records are the sample store's tickets, re-laid out by the strategies below: line endings
(LF, CRLF, CR alone), the title as a double-quoted string of escapes (``\\u``, ``\\x``,
``\\U``), comment lines (one of 5,000 characters), end-of-line comments, a ``%YAML 1.2``
header, no newline at the end.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from itsmctl import roundtrip, splice
from itsmctl.store.loader import load_record
from itsmctl.yamlio import parse_document
from tests.conftest import SAMPLE_RECORDS

PROPERTY = settings(
    max_examples=int(os.environ.get("ITSMCTL_PROPERTY_EXAMPLES", "60")),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)
"""The property tier: a fixed, bounded sample in CI (``CI`` set), fresh examples elsewhere."""

TICKETS = sorted(str(p.relative_to(SAMPLE_RECORDS)) for p in (SAMPLE_RECORDS / "tickets").rglob("*.yaml"))
_TOP_SCALAR = re.compile(r"^[a-z_]+: (?![|>])\S.*$")
_TOP_KEY = re.compile(r"^[a-z_]+:")
NEW_TITLE = "新标题：机房空调告警"
NOTE = {"id": "EZZZZZZ", "at": "2026-12-01T09:00:00+08:00", "by": "wang.qiang", "type": "note", "note": "复查"}


def _escaped(text: str, draw: st.DrawFn) -> str:
    out = []
    for char in text:
        code = ord(char)
        forms = [f"\\u{code:04x}", f"\\U{code:08x}"] + ([f"\\x{code:02x}"] if code < 0x100 else [])
        if char not in '"\\':
            forms.append(char)
        out.append(draw(st.sampled_from(forms)))
    return '"' + "".join(out) + '"'


@st.composite
def laid_out_tickets(draw: st.DrawFn) -> tuple[str, bytes]:
    rel = draw(st.sampled_from(TICKETS))
    lines = (SAMPLE_RECORDS / rel).read_text(encoding="utf-8").split("\n")[:-1]
    title = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    if draw(st.booleans()):
        value = parse_document((SAMPLE_RECORDS / rel).read_bytes()).data["title"]
        lines[title] = "title: " + _escaped(value, draw)
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        if _TOP_SCALAR.match(lines[i]) and " #" not in lines[i]:
            lines[i] += draw(st.sampled_from(["  # 备注", " # note", "\t# tab"]))
    for _ in range(draw(st.integers(0, 2))):
        i = draw(st.integers(1, len(lines) - 1))
        if _TOP_KEY.match(lines[i]):
            comment = draw(st.sampled_from(["# 分隔", "", "# " + "长" * 5000, "#"]))
            lines.insert(i, comment)
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        text = "%YAML 1.2\n---\n" + text
    if draw(st.integers(0, 4)) == 0:
        text = text.rstrip("\n")
    text = text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))
    return rel, text.encode("utf-8")


def _changes(old: bytes, new: bytes) -> list[tuple[str, int, int, list[bytes]]]:
    a = splice.split_lines(old.decode("utf-8"))
    b = splice.split_lines(new.decode("utf-8"))
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    return [(tag, i1, i2, [x.encode() for x in b[j1:j2]]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


def _valid(rel: str, data: bytes) -> bool:
    loaded = load_record(rel, rel, data)
    return loaded.record is not None and not [f for f in loaded.findings if f.severity == "error"]


def _data(data: bytes) -> Any:
    return parse_document(data).data


@PROPERTY
@given(laid_out_tickets())
def test_appending_an_event_only_adds_its_lines(ticket: tuple[str, bytes]) -> None:
    rel, data = ticket
    assume(_valid(rel, data))
    new = roundtrip.edit(data, lambda d: roundtrip.append_to(d, "events", [NOTE]))
    before = _data(data)
    assert _data(new) == {**before, "events": [*before["events"], NOTE]}
    assert list(_data(new)) == list(before)
    newline = splice.newline_of(data.decode()).encode()
    kept = data if data.endswith((b"\n", b"\r")) else data + newline
    assert new.startswith(kept)  # every old line byte for byte, in its place
    added = new[len(kept) :].decode().split(newline.decode())
    assert added[-1] == "" and all(line.startswith("  ") for line in added[:-1]), added
    assert _valid(rel, new)


@PROPERTY
@given(laid_out_tickets(), st.sampled_from(["title", "assignee", "status", "priority", "channel", "requester"]))
def test_changing_one_field_changes_only_its_line(ticket: tuple[str, bytes], field: str) -> None:
    rel, data = ticket
    assume(_valid(rel, data))
    before = _data(data)
    assume(isinstance(before.get(field), str))
    value = NEW_TITLE if field == "title" else before[field] + "x"
    new = roundtrip.edit(data, lambda d: roundtrip.set_field(d, field, value))
    after = _data(new)
    assert after == {**before, field: value} and list(after) == list(before)
    changes = _changes(data, new)
    assert len(changes) == 1, changes
    tag, i1, i2, lines = changes[0]
    old_line = splice.split_lines(data.decode("utf-8"))[i1]
    assert (tag, i2 - i1, len(lines)) == ("replace", 1, 1) and old_line.startswith(f"{field}: ")
    assert value.encode() in lines[0]
    ending = old_line[len(old_line.rstrip("\r\n")) :].encode()
    assert lines[0].endswith(ending)  # the line keeps its own ending
    if field == "title":
        assert _valid(rel, new)


def test_the_strategies_reach_every_layout() -> None:
    """The property above is only as good as its inputs: they do vary."""
    seen: set[str] = set()

    @settings(max_examples=80, deadline=None, derandomize=True)
    @given(laid_out_tickets())
    def probe(ticket: tuple[str, bytes]) -> None:
        text = ticket[1].decode()
        seen.update(k for k, hit in _FEATURES.items() if hit(text))

    probe()
    assert seen == set(_FEATURES)


_FEATURES = {
    "crlf": lambda t: "\r\n" in t,
    "cr": lambda t: "\r" in t and "\r\n" not in t,
    "lf": lambda t: "\r" not in t,
    "escapes": lambda t: "\\u" in t,
    "long comment": lambda t: "长" * 5000 in t,
    "directive": lambda t: t.startswith("%YAML 1.2"),
    "no final newline": lambda t: not t.endswith(("\n", "\r")),
    "end-of-line comment": lambda t: "  # 备注" in t or "\t# tab" in t,
}


def test_the_sample_store_has_tickets() -> None:
    assert len(TICKETS) > 50
    assert Path(SAMPLE_RECORDS / TICKETS[0]).is_file()
