"""A rendered report's markdown as a list of blocks a document writer can lay out.

markdown-it-py parses (CommonMark with GitHub's tables, as GitHub renders the markdown
report); this module flattens its tree into the few shapes a report has: headings,
paragraphs, lists, tables, quotes, rules, code and Mermaid charts.  Inline text keeps bold,
italic, code and links; raw HTML is kept as its text, never interpreted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from itsmctl.office.mermaid import Chart, read_chart


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    href: str | None = None
    line_break: bool = False
    """A hard line break (``<br>`` or two trailing spaces), ``text`` empty."""


Inline = list[Run]


@dataclass
class Heading:
    level: int
    runs: Inline


@dataclass
class Paragraph:
    runs: Inline
    quote: bool = False


@dataclass
class ListItem:
    runs: Inline
    depth: int
    ordered: bool
    number: int | None = None


@dataclass
class Table:
    header: list[Inline]
    rows: list[list[Inline]]
    align: list[str | None] = field(default_factory=list)
    """Per column: ``left``, ``center``, ``right`` or None."""


@dataclass
class Code:
    text: str
    info: str


@dataclass
class Figure:
    chart: Chart
    source: str


@dataclass
class Rule:
    pass


Block = Heading | Paragraph | ListItem | Table | Code | Figure | Rule


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _inline(node: SyntaxTreeNode | None) -> Inline:
    runs: Inline = []
    if node is None:
        return runs

    def walk(n: SyntaxTreeNode, bold: bool, italic: bool, strike: bool, href: str | None) -> None:
        t = n.type
        if t == "text":
            if n.content:
                runs.append(Run(n.content, bold, italic, False, strike, href))
        elif t == "code_inline":
            runs.append(Run(n.content, bold, italic, True, strike, href))
        elif t == "softbreak":
            runs.append(Run(" ", bold, italic, False, strike, href))
        elif t == "hardbreak":
            runs.append(Run("", line_break=True))
        elif t == "html_inline":
            if n.content.strip().lower() in ("<br>", "<br/>", "<br />"):
                runs.append(Run("", line_break=True))
            else:
                runs.append(Run(n.content, bold, italic, False, strike, href))
        elif t == "image":
            alt = n.attrs.get("alt")
            runs.append(Run(alt if isinstance(alt, str) else n.content, bold, italic))
        else:
            b = bold or t == "strong"
            i = italic or t == "em"
            s = strike or t == "s"
            link = n.attrs.get("href") if t == "link" else href
            for child in n.children:
                walk(child, b, i, s, link if isinstance(link, str) else href)

    for child in node.children:
        walk(child, False, False, False, None)
    return runs


def _first_inline(node: SyntaxTreeNode) -> Inline:
    """The inline content of a paragraph-like node (a table cell or a tight list's paragraph)."""
    for child in node.children:
        if child.type == "inline":
            return _inline(child)
    return []


def _align(cell: SyntaxTreeNode) -> str | None:
    style = cell.attrs.get("style")
    if isinstance(style, str) and style.startswith("text-align:"):
        return style.split(":", 1)[1].strip()
    return None


def _table(node: SyntaxTreeNode) -> Table:
    header: list[Inline] = []
    rows: list[list[Inline]] = []
    align: list[str | None] = []
    for part in node.children:
        for tr in part.children:
            cells = [_inline(c.children[0]) if c.children else [] for c in tr.children]
            if part.type == "thead":
                header = cells
                align = [_align(c) for c in tr.children]
            else:
                rows.append(cells)
    return Table(header, rows, align)


def _blocks(nodes: Sequence[SyntaxTreeNode], out: list[Block], *, depth: int = 0, quote: bool = False) -> None:
    for child in nodes:
        t = child.type
        if t == "heading":
            level = int(child.tag[1:]) if child.tag[1:].isdigit() else 1
            out.append(Heading(level, _first_inline(child)))
        elif t == "paragraph":
            out.append(Paragraph(_first_inline(child), quote=quote))
        elif t in ("bullet_list", "ordered_list"):
            ordered = t == "ordered_list"
            start = child.attrs.get("start", 1)
            number = start if isinstance(start, int) else 1
            for item in child.children:
                parts = list(item.children)
                lead = parts.pop(0) if parts and parts[0].type == "paragraph" else None
                runs = _first_inline(lead) if lead is not None else []
                out.append(ListItem(runs, depth, ordered, number if ordered else None))
                number += 1
                _blocks(parts, out, depth=depth + 1, quote=quote)
        elif t == "blockquote":
            _blocks(child.children, out, depth=depth, quote=True)
        elif t == "table":
            out.append(_table(child))
        elif t in ("fence", "code_block"):
            info = (child.info or "").strip().split(" ")[0] if t == "fence" else ""
            chart = read_chart(child.content) if info == "mermaid" else None
            out.append(Figure(chart, child.content) if chart is not None else Code(child.content, info))
        elif t == "hr":
            out.append(Rule())
        elif t == "html_block":
            text = child.content.strip()
            if text and not (text.startswith("<!--") and text.endswith("-->")):
                out.append(Paragraph([Run(text)], quote=quote))


def read_blocks(markdown: str) -> list[Block]:
    """The blocks of ``markdown``, in order."""
    tree = SyntaxTreeNode(_parser().parse(markdown))
    out: list[Block] = []
    _blocks(tree.children, out)
    return out
