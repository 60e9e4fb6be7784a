"""Round-trip YAML: loading and dumping a record leaves its bytes alone; edits stay local."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itsmctl import roundtrip
from tests.conftest import Cli

WORDS = st.text(alphabet="abcdefghjkmnpqrstuvwxyz0123456789_.-故障服务器数据库", min_size=1, max_size=12).map(
    lambda s: "v" + s
)
KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10).map(lambda s: "k" + s)
SPACED = st.text(alphabet="abc xyz 重启 监听,:", min_size=1, max_size=20).map(lambda s: "t" + s.strip() + "t")
TIMES = st.builds(
    lambda d, h, m: f"2026-11-{d:02d}T{h:02d}:{m:02d}:00+08:00",
    st.integers(1, 28),
    st.integers(0, 23),
    st.integers(0, 59),
)


def _scalar() -> st.SearchStrategy[str]:
    return st.one_of(
        WORDS,
        SPACED.map(lambda s: f"'{s}'"),
        SPACED.map(lambda s: f'"{s}"'),
        TIMES,
        st.integers(0, 10_000).map(str),
        st.sampled_from(["true", "false"]),
    )


def _flow_map(items: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"


@st.composite
def _value(draw: st.DrawFn, indent: str, offset: str = "  ") -> str:
    choice = draw(st.integers(0, 5))
    comment = draw(st.sampled_from(["", "  # 备注", "   # note"]))
    if choice == 0:
        return (" " + draw(_scalar()) if draw(st.integers(0, 9)) else "") + comment + "\n"
    if choice == 1:
        return " [" + ", ".join(draw(st.lists(WORDS, min_size=1, max_size=4))) + "]" + comment + "\n"
    if choice == 2:
        pairs = draw(st.lists(st.tuples(KEYS, _scalar()), min_size=1, max_size=3, unique_by=lambda p: p[0]))
        return " " + _flow_map(pairs) + comment + "\n"
    if choice == 3:
        lines = draw(st.lists(SPACED, min_size=1, max_size=3))
        return " |\n" + "".join(f"{indent}  {line}\n" for line in lines)
    items = draw(
        st.lists(
            st.lists(st.tuples(KEYS, _scalar()), min_size=1, max_size=3, unique_by=lambda p: p[0]),
            min_size=1,
            max_size=4,
        )
    )
    out = "\n"
    for pairs in items:
        if choice == 4:
            out += f"{indent}{offset}- {_flow_map(pairs)}\n"
        else:
            first, *rest = pairs
            out += f"{indent}{offset}- {first[0]}: {first[1]}\n"
            out += "".join(f"{indent}{offset}  {k}: {v}\n" for k, v in rest)
    return out


@st.composite
def records(draw: st.DrawFn, offset: str | None = None) -> str:
    """A record in one consistent layout (sequences indented by 0 or 2), comments and blank lines."""
    offset = draw(st.sampled_from(["", "  "])) if offset is None else offset
    keys = draw(st.lists(KEYS, min_size=1, max_size=8, unique=True))
    text = draw(st.sampled_from(["", "# 手工录入\n"]))
    for i, key in enumerate(keys):
        if i and draw(st.booleans()):
            text += draw(st.sampled_from(["\n", "# 分隔\n", "\n# 当前状态\n"]))
        text += f"{key}:" + draw(_value("", offset))
    return text


@settings(max_examples=100, deadline=None)
@given(records())
def test_load_then_dump_gives_the_same_bytes(text: str) -> None:
    data = text.encode("utf-8")
    document, layout = roundtrip.load(data)
    assert roundtrip.dump(document, layout) == data


def test_layout_is_guessed_from_the_file() -> None:
    assert roundtrip.guess_layout("a:\n- x\nb:\n  c: 1\n") == roundtrip.Layout(mapping=2, sequence=2, offset=0)
    assert roundtrip.guess_layout("a:\n    - x\nb:\n    c: 1\n") == roundtrip.Layout(mapping=4, sequence=6, offset=4)
    assert roundtrip.guess_layout("a: 1\n") == roundtrip.Layout()


def test_crlf_bom_and_document_start_survive_an_edit() -> None:
    # the end-of-line comment keeps its column where the longer value leaves room, else one space
    data = "\ufeff---\r\nstatus: new   # 状态\r\nevents:\r\n  - {id: E1}\r\n".encode()

    def change(doc: roundtrip.CommentedMap) -> None:
        roundtrip.set_field(doc, "status", "assigned")
        roundtrip.append_item(doc["events"], {"id": "E2"})

    assert roundtrip.edit(data, change) == (
        "\ufeff---\r\nstatus: assigned # 状态\r\nevents:\r\n  - {id: E1}\r\n  - {id: E2}\r\n".encode()
    )


def test_set_field_keeps_quotes_appends_lists_and_removes() -> None:
    data = b"a: 'x'\nlist: [p, q]\nm: {u: 1}\ngone: 1\n\n# tail\nlast: 2\n"

    def change(doc: roundtrip.CommentedMap) -> None:
        roundtrip.set_field(doc, "a", "y")
        roundtrip.set_field(doc, "list", ["p", "q", "r"])
        roundtrip.set_field(doc, "m", {"u": 1, "v": "2026-11-02"})
        roundtrip.set_field(doc, "gone", None)
        roundtrip.set_field(doc, "new", "z", ["a", "list", "m", "new", "last"])

    assert roundtrip.edit(data, change).decode() == (
        "a: 'y'\nlist: [p, q, r]\nm: {u: 1, v: 2026-11-02}\nnew: z\n\n# tail\nlast: 2\n"
    )


@st.composite
def tickets(draw: st.DrawFn) -> str:
    """A generated record ending in ``status:`` and an ``events:`` list, flow or block items."""
    offset = draw(st.sampled_from(["", "  "]))
    text = draw(records(offset))
    text += draw(st.sampled_from(["", "\n", "# 当前状态\n"])) + "status: " + draw(WORDS) + "\nevents:\n"
    flow = draw(st.booleans())
    for n in range(draw(st.integers(1, 4))):
        if flow:
            text += f"{offset}- {{id: E{n}, at: 2026-11-02T09:0{n}:00+08:00, by: wang.qiang, type: note}}\n"
        else:
            text += f"{offset}- id: E{n}\n{offset}  at: 2026-11-02T09:0{n}:00+08:00\n{offset}  type: note\n"
    return text


@settings(max_examples=100, deadline=None)
@given(tickets())
def test_an_edit_changes_only_the_status_line_and_appends_the_event(text: str) -> None:
    import difflib

    def change(doc: roundtrip.CommentedMap) -> None:
        roundtrip.set_field(doc, "status", "resolved")
        roundtrip.append_item(doc["events"], {"id": "E9", "at": "2026-11-02T10:00:00+08:00", "type": "resolved"})

    old = text.splitlines()
    new = roundtrip.edit(text.encode("utf-8"), change).decode("utf-8").splitlines()
    status_line = max(i for i, line in enumerate(old) if line.startswith("status: "))
    ops = [op for op in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert ops[0][:3] == ("replace", status_line, status_line + 1)
    assert new[status_line] == "status: resolved"
    assert [op[0] for op in ops[1:]] == ["insert"] and ops[1][1] == len(old)
    added = new[len(old) :]
    margin = added[0][: len(added[0]) - len(added[0].lstrip())]
    assert "E9" in added[0] and all(line.startswith(margin) for line in added)
    assert margin == old[-1][: len(margin)]  # the new item is indented like the others


def test_ticket_modules_write_yaml_only_through_roundtrip() -> None:
    """roundtrip.py is the one ruamel round-trip module: ticket code uses its API, not ruamel."""
    from pathlib import Path

    import itsmctl.tickets

    folder = Path(itsmctl.tickets.__file__).parent
    users = sorted(p.name for p in folder.glob("*.py") if "ruamel" in p.read_text(encoding="utf-8"))
    assert users == []


def test_render_and_append_to_without_ruamel_types() -> None:
    import pytest

    from itsmctl.errors import RecordParseError

    data = roundtrip.render(
        {"kind": "incident", "cis": ["CI-1", "CI-2"], "events": [{"id": "E1", "type": "opened"}]},
        flow_keys=frozenset({"cis"}),
    )
    assert data == b"kind: incident\ncis: [CI-1, CI-2]\nevents:\n  - id: E1\n    type: opened\n"

    def change(document: roundtrip.Document) -> None:
        roundtrip.append_to(document, "events", [{"id": "E2", "type": "note"}])

    assert roundtrip.edit(data, change).endswith(b"    type: opened\n  - id: E2\n    type: note\n")

    def broken(document: roundtrip.Document) -> None:
        roundtrip.append_to(document, "kind", [1])

    with pytest.raises(RecordParseError, match="kind is not a list"):
        roundtrip.edit(data, broken)


def test_lists_keep_their_own_style_as_they_grow() -> None:
    data = b"cis: [CI-A, CI-B]\nrelated: []\nsteps:\n  - one\nevents: []\n"

    def change(doc: roundtrip.CommentedMap) -> None:
        roundtrip.append_to(doc, "cis", ["CI-C"])
        roundtrip.set_field(doc, "related", ["PRB-1", "CHG-2"])
        roundtrip.set_field(doc, "steps", ["one", "two"])
        roundtrip.append_to(doc, "events", [{"id": "E1", "type": "note"}])

    assert roundtrip.edit(data, change).decode() == (
        "cis: [CI-A, CI-B, CI-C]\n"
        "related: [PRB-1, CHG-2]\n"  # written [] in the file: flow, as it grows
        "steps:\n  - one\n  - two\n"
        "events:\n  - id: E1\n    type: note\n"  # a list of records growing from [] is a block
    )


def test_a_verb_extending_a_flow_list_keeps_it_flow(cli: Cli, store: Path) -> None:
    ticket = next((store / "tickets").rglob("INC-2610-7KQ3P.yaml"))
    assert "cis: [CI-SRV-01]\n" in ticket.read_text(encoding="utf-8")
    other = "CI-SRV-02"
    source = (store / "cmdb" / "CI-SRV-01.yaml").read_text(encoding="utf-8")
    (store / "cmdb" / f"{other}.yaml").write_text(source.replace("CI-SRV-01", other), encoding="utf-8")
    result = cli("ticket", "link", "INC-2610-7KQ3P", "--to", other, "--records", store, "--by", "wang.qiang")
    assert result.code == 0, result
    assert f"cis: [CI-SRV-01, {other}]\n" in ticket.read_text(encoding="utf-8")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_blank_line_after_a_flow_mapping_survives_an_edit_whatever_the_line_endings(newline: str) -> None:
    """Found by the layout property test: with "\\r\\n", ruamel dropped the blank line after
    ``dimensions: {…}`` when another field was edited, so the edit changed two lines."""
    lines = ["kind: incident", "id: X", "dimensions: {urgency: urgent}", "", "priority: P3", "status: closed", ""]
    data = newline.join(lines).encode()
    new = roundtrip.edit(data, lambda d: roundtrip.set_field(d, "priority", "P2"))
    assert new == data.replace(b"priority: P3", b"priority: P2")
