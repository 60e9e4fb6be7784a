"""The report as a Word document (.docx), with python-docx: real headings, tables and lists,
and the charts as images.

A4 pages, a Chinese body font (宋体, headings 黑体) set as the East Asian font so Word shows
Chinese text as a Chinese reader expects, table header rows repeated on every page.  The
document's dates are the report's moment and every part of the file has a fixed timestamp,
so the same report gives the same bytes on the same machine.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from itsmctl.escape import document_text
from itsmctl.office.blocks import (
    Block,
    Code,
    Figure,
    Heading,
    Inline,
    ListItem,
    Paragraph,
    Rule,
    Table,
    read_blocks,
)
from itsmctl.office.figures import draw, pie_slices
from itsmctl.office.mermaid import PieChart

BODY_FONT = ("Calibri", "宋体")
HEADING_FONT = ("Calibri", "黑体")
CODE_FONT = "Consolas"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
LINK_COLOUR = RGBColor(0x2B, 0x6C, 0xB0)
FIGURE_WIDTH = Cm(15)
PIE_WIDTH = Cm(9)


def _fonts(style: object, latin: str, east_asian: str) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = latin
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asian)


def _runs(paragraph: DocxParagraph, runs: Inline) -> None:
    for piece in runs:
        if piece.line_break:
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(document_text(piece.text))
        run.bold = piece.bold or None
        run.italic = piece.italic or None
        if piece.strike:
            run.font.strike = True
        if piece.code:
            run.font.name = CODE_FONT
        if piece.href:
            run.font.underline = True
            run.font.color.rgb = LINK_COLOUR


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def _table(document: WordDocument, table: Table) -> None:
    columns = max([1, len(table.header), *(len(r) for r in table.rows)])
    grid = document.add_table(rows=1 + len(table.rows), cols=columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(grid.rows[0])
    for r, cells in enumerate([table.header, *table.rows]):
        for c in range(columns):
            paragraph = grid.cell(r, c).paragraphs[0]
            _runs(paragraph, cells[c] if c < len(cells) else [])
            align = table.align[c] if c < len(table.align) else None
            if align in ALIGN:
                paragraph.alignment = ALIGN[align]
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True
                _shade(grid.cell(r, c), "#EDF2F7")
    document.add_paragraph()


def _caption(document: WordDocument, number: int, title: str, lang: str) -> None:
    label = f"图 {number}" if lang == "zh" else f"Figure {number}"
    text = f"{label}{'：' if lang == 'zh' else ': '}{title}" if title else label
    paragraph = document.add_paragraph(document_text(text))
    paragraph.style = document.styles["Caption"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _figure(document: WordDocument, figure: Figure, number: int, lang: str) -> None:
    image = draw(figure.chart)
    width = PIE_WIDTH if isinstance(figure.chart, PieChart) else FIGURE_WIDTH
    document.add_picture(io.BytesIO(image.png), width=width)
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _caption(document, number, figure.chart.title, lang)
    if image.key:
        document.add_paragraph(document_text("；".join(f"{pos} = {label}" for pos, label in image.key)))
    if isinstance(figure.chart, PieChart):
        slices = pie_slices(figure.chart)
        total = sum(value for _, value, _ in slices) or 1.0
        legend = document.add_table(rows=len(slices), cols=3)
        legend.style = "Table Grid"
        legend.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row, (name, value, colour) in zip(legend.rows, slices, strict=True):
            _shade(row.cells[0], colour)
            row.cells[0].width = Cm(0.8)
            row.cells[1].paragraphs[0].add_run(document_text(name))
            row.cells[2].paragraphs[0].add_run(f"{value:g}（{value / total:.1%}）")
        document.add_paragraph()


def _block(document: WordDocument, block: Block, state: dict[str, int], lang: str) -> None:
    if isinstance(block, Heading):
        paragraph = document.add_heading(level=min(block.level, 9))
        _runs(paragraph, block.runs)
    elif isinstance(block, Paragraph):
        paragraph = document.add_paragraph(style="Quote" if block.quote else None)
        _runs(paragraph, block.runs)
    elif isinstance(block, ListItem):
        base = "List Number" if block.ordered else "List Bullet"
        style = base if block.depth == 0 else f"{base} {min(block.depth + 1, 3)}"
        paragraph = document.add_paragraph(style=style)
        _runs(paragraph, block.runs)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Figure):
        state["figures"] += 1
        _figure(document, block, state["figures"], lang)
    elif isinstance(block, Code):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(document_text(block.text.rstrip("\n")))
        run.font.name = CODE_FONT
        run.font.size = Pt(8)
    elif isinstance(block, Rule):
        document.add_paragraph("—" * 20).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _fixed_zip(data: bytes, moment: datetime) -> bytes:
    """The same zip with every member stamped ``moment`` (local wall time, as zip stores it)."""
    stamp = moment.replace(tzinfo=None).timetuple()[:6]
    stamp = min(max(stamp, (1980, 1, 1, 0, 0, 0)), (2107, 12, 31, 23, 59, 58))  # what a zip can date
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def to_docx(markdown: str, *, moment: datetime, lang: str) -> bytes:
    """The report ``markdown`` as .docx bytes, dated ``moment``."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    _fonts(document.styles["Normal"], *BODY_FONT)
    document.styles["Normal"].font.size = Pt(10.5)
    for level in range(1, 4):
        style = document.styles[f"Heading {level}"]
        _fonts(style, *HEADING_FONT)
        style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(document.styles["Title"], *HEADING_FONT)

    blocks = read_blocks(markdown)
    state = {"figures": 0}
    for block in blocks:
        _block(document, block, state, lang)

    title = next(("".join(r.text for r in b.runs) for b in blocks if isinstance(b, Heading)), "")
    properties = document.core_properties
    when = moment.astimezone(UTC).replace(tzinfo=None)
    properties.title = document_text(title)
    properties.author = properties.last_modified_by = "itsmctl"
    properties.created = properties.modified = when
    properties.revision = 1
    properties.language = "zh-CN" if lang == "zh" else "en"
    raw = io.BytesIO()
    document.save(raw)
    return _fixed_zip(raw.getvalue(), moment)
