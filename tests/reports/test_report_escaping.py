"""Record text can neither break a table nor inject markup.

Unit tests pin the escaping rules; the structure test renders the monthly report
from a store whose titles and notes are hostile and checks, with markdown-it-py, that
every table keeps its rows and cells and that no HTML, link or image comes through.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers_reports import AT, LEFT_OUT_EXIT, REPORT_STORE
from markdown_it import MarkdownIt

from itsmctl.reports.escape import CELL_LIMIT, WORD_JOINER, cell, md, mermaid_label
from itsmctl.store import open_store

HOSTILE = [
    "a | b | c",
    "<script>alert(1)</script>",
    "`code` and ``` fence",
    "[link](http://evil.example) ![img](http://evil.example/x.png) <http://evil.example>",
    "line1\nline2\n\n# heading\n- item\n| x | y |\n| --- | --- |",
    "**bold** _em_ ~~strike~~ $x$",
    "&amp; &lt;b&gt; \\| backslash pipe",
    "# starts like a heading",
    "1. starts like a list",
    "> starts like a quote",
    "x" * 5000,
    "https://evil.example.com/login?next=/admin&x=1 请登录",
    "见www.evil.com/download 或 ftp://files.evil.com/a.exe",
    "---",
    "===",
    "+++ - - - *** ___",
    "联系 admin@evil.com 或 //evil.com/x",
]
SHOWN = (1, 2, 3, 5, 6, 7, 8)
"""Tickets (in path order) whose titles the monthly report for 2026-10 shows."""
CHUNKS = [HOSTILE[i : i + len(SHOWN)] for i in range(0, len(HOSTILE), len(SHOWN))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a|b", "a\\|b"),
        ("<b>&", "&lt;b&gt;&amp;"),
        ("[x](y)", "\\[x\\](y)"),
        ("`x`", "\\`x\\`"),
        ("*a* _b_", "\\*a\\* \\_b\\_"),
        ("# h", "\\# h"),
        ("- i", "\\- i"),
        ("12. i", "12\\. i"),
        ("97.5%", "97.5%"),
        ("2026-10-09", "2026-10-09"),
        ("a\nb\r\n\tc", "a b c"),
        ("back\\slash", "back\\\\slash"),
        ("---", "\\---"),
        ("===", "\\==="),
        ("+++", "\\+++"),
        ("-1 度", "\\-1 度"),
        ("***", "\\*\\*\\*"),
        ("看 https://evil.com/x", "看 https\\://evil.com/x"),
        ("www.evil.com", "www\\.evil.com"),
        ("a@evil.com", "a" + WORD_JOINER + "@evil.com"),
        ("//evil.com", "\\//evil.com"),
        ("12:30 a.b.www.c x@y", "12:30 a.b.www.c x@y"),
    ],
)
def test_md_escapes_markdown(text: str, expected: str) -> None:
    assert str(md(text)) == expected


def test_cell_truncates_and_marks_empty() -> None:
    assert len(cell("y" * 5000)) == CELL_LIMIT
    assert str(cell("y" * 5000)).endswith("…")
    assert str(cell("")) == "—"
    assert str(cell(None)) == "—"


def test_mermaid_label_keeps_no_quote_or_backtick() -> None:
    label = str(mermaid_label('a"b`c\nd]e'))
    assert '"' not in label and "`" not in label and "\n" not in label and "]" not in label


LINKIFY = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify"])
"""A parser that, like GitHub and GitLab, turns bare URLs, www. names and e-mail addresses into links."""


def _links(markdown: str) -> int:
    tokens = LINKIFY.parse(markdown)
    return sum(1 for t in tokens if t.children for c in t.children if c.type == "link_open")


@pytest.mark.parametrize(
    "text",
    ["https://evil.com/x", "访问https://evil.com", "www.evil.com", "见www.evil.com", "a@evil.com", "//evil.com/x"],
)
def test_bare_urls_are_no_links(text: str) -> None:
    assert _links(text) == 1  # the parser does link the raw text
    assert _links(str(md(text))) == 0
    assert LINKIFY.render(str(md(text))) == f"<p>{text.replace('@', WORD_JOINER + '@')}</p>\n"  # reads the same


@pytest.mark.parametrize("text", ["---", "===", "- - -", "+++", "***", "___", "* * *"])
def test_rule_and_setext_markers_stay_text(text: str) -> None:
    """Alone on a line, or under a paragraph line, the text stays a paragraph's text."""
    for markdown in (str(md(text)) + "\n", "para\n" + str(md(text)) + "\n", "- " + str(md(text)) + "\n"):
        types = [t.type for t in LINKIFY.parse(markdown)]
        assert "hr" not in types and "heading_open" not in types, markdown
        inline = [t for t in LINKIFY.parse(markdown) if t.type == "inline"]
        assert text.replace(" ", "") in "".join(t.content for t in inline).replace("\\", "").replace(" ", "")


def _hostile_store(tmp_path: Path, titles: list[str]) -> Path:
    store = tmp_path / "report_store"
    shutil.copytree(REPORT_STORE, store)
    tickets = sorted((store / "tickets").rglob("*-A000[1-9].yaml"))
    placed = {slot: titles[n % len(titles)] for n, slot in enumerate(SHOWN)}
    for i, path in enumerate(tickets):
        text = path.read_text(encoding="utf-8")
        # a title is one line (a line break there is a finding, and the ticket would be left
        # out); the multi-line hostile text still reaches the report through the note below
        lines = [
            f"title: {json.dumps(placed.get(i, titles[0]).replace(chr(10), ' '))}"
            if line.startswith("title:")
            else line
            for line in text.splitlines()
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the breach reason is a note: make it the worst of all
    breach = store / "tickets/2026/10/INC-2610-A0002.yaml"
    text = breach.read_text(encoding="utf-8").replace(
        "note: 超时原因：备件从分库调拨，路上耽误一小时", f"note: {json.dumps(HOSTILE[4] + HOSTILE[1] + HOSTILE[0])}"
    )
    breach.write_text(text, encoding="utf-8")
    return store


def _structure(markdown: str) -> dict[str, object]:
    tokens = LINKIFY.parse(markdown)
    tables: list[list[int]] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append(0)
        elif token.type in ("th_open", "td_open"):
            tables[-1][-1] += 1
    inline = [child for token in tokens if token.children for child in token.children]
    return {
        "tables": tables,
        "headings": [t.tag for t in tokens if t.type == "heading_open"],
        "rules": sum(1 for t in tokens if t.type == "hr"),
        "lists": sum(1 for t in tokens if t.type in ("bullet_list_open", "ordered_list_open")),
        "blockquotes": sum(1 for t in tokens if t.type == "blockquote_open"),
        "fences": sum(1 for t in tokens if t.type == "fence"),
        "html": sum(1 for t in [*tokens, *inline] if t.type in ("html_block", "html_inline")),
        "links": sum(1 for t in inline if t.type in ("link_open", "image")),
        "code": sum(1 for t in inline if t.type == "code_inline"),
        "emphasis": sum(1 for t in inline if t.type in ("em_open", "strong_open")),
    }


def test_the_shown_tickets_are_shown(cli) -> None:
    """The premise of the structure test: these tickets' titles are in the report."""
    plain = cli("report", "monthly", "--month", "2026-10", "--records", REPORT_STORE, "--at", AT)
    tickets = sorted(REPORT_STORE.joinpath("tickets").rglob("*-A000[1-9].yaml"))
    _, snapshot = open_store(REPORT_STORE)
    for slot in SHOWN:
        title = snapshot.get(tickets[slot].stem).title  # type: ignore[union-attr]
        assert str(md(title, limit=CELL_LIMIT)) in plain.stdout, tickets[slot]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("chunk", range(len(CHUNKS)))
def test_hostile_text_keeps_the_report_structure(cli, tmp_path: Path, lang: str, chunk: int) -> None:
    plain = cli("report", "monthly", "--month", "2026-10", "--lang", lang, "--records", REPORT_STORE, "--at", AT)
    hostile_store = _hostile_store(tmp_path, CHUNKS[chunk])
    hostile = cli("report", "monthly", "--month", "2026-10", "--lang", lang, "--records", hostile_store, "--at", AT)
    assert plain.code == LEFT_OUT_EXIT and hostile.code == LEFT_OUT_EXIT, hostile
    expected, got = _structure(plain.stdout), _structure(hostile.stdout)
    assert got == expected
    assert got["html"] == 0 and got["links"] == 0  # emphasis: only the report's own **Note**
    assert "<script>" not in hostile.stdout
    assert "x" * (CELL_LIMIT + 1) not in hostile.stdout  # the 5,000-character title is cut
    shown = {
        HOSTILE[1]: "&lt;script&gt;alert(1)&lt;/script&gt;",
        HOSTILE[10]: "x" * (CELL_LIMIT - 1) + "…",
        HOSTILE[11]: "https\\://evil.example.com/login?next=/admin&amp;x=1 请登录",
        HOSTILE[13]: "| \\--- |",
    }
    for title, text in shown.items():
        if title in CHUNKS[chunk]:
            assert text in hostile.stdout
