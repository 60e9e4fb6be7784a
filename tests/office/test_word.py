"""``report … --to docx``: the same report as a Word file, read back with python-docx.

Headings, tables and figures are compared with the markdown of the same report (the golden
file of the report store), one hand-checked figure is found in its table cell, and the file
is the same bytes on a rerun.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from itsmctl import office
from tests.reports.helpers_reports import AT, GOLDEN, LEFT_OUT_EXIT, REPORT_STORE

PNG = b"\x89PNG\r\n\x1a\n"


def _render(cli, tmp_path: Path, *extra: str, name: str = "monthly.docx"):
    out = tmp_path / name
    result = cli(
        "report",
        "monthly",
        "--month",
        "2026-10",
        "--records",
        REPORT_STORE,
        "--at",
        AT,
        "--to",
        "docx",
        "-o",
        out,
        *extra,
    )
    return result, out


def _markdown_headings(text: str) -> list[tuple[int, str]]:
    body = re.sub(r"```.*?```", "", text, flags=re.S)
    return [(len(m.group(1)), m.group(2).strip()) for m in re.finditer(r"^(#{1,6}) (.+)$", body, flags=re.M)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_headings_tables_and_charts_of_the_monthly_report(cli, tmp_path: Path, lang: str) -> None:
    result, out = _render(cli, tmp_path, "--lang", lang)
    assert result.code == LEFT_OUT_EXIT, result  # the report store's broken ticket is named, as in markdown
    markdown = (GOLDEN / f"monthly.{lang}.md").read_text(encoding="utf-8")
    document = docx.Document(str(out))

    headings = [
        (int(p.style.name.split()[-1]), p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == _markdown_headings(markdown)

    tables = markdown.count("\n| --- ")
    pies = markdown.count("\npie title")
    assert len(document.tables) == tables + pies  # each pie has its legend table

    charts = markdown.count("```mermaid")
    images = [r for r in document.part.rels.values() if "image" in r.reltype]
    assert len(images) == charts == 3
    assert all(r.target_part.blob.startswith(PNG) for r in images)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert len(captions) == charts

    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)  # A4


def test_a_hand_checked_figure_is_in_its_cell(cli, tmp_path: Path) -> None:
    """The report store opens 8 tickets in October 2026 (golden monthly.zh.md §一)."""
    result, out = _render(cli, tmp_path)
    assert result.code == LEFT_OUT_EXIT
    document = docx.Document(str(out))
    summary = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == ["指标", "本月"])
    rows = {r.cells[0].text: r.cells[1].text for r in summary.rows[1:]}
    assert rows["新建工单"] == "8"
    # the header row repeats on every page
    assert summary.rows[0]._tr.trPr.xpath("./w:tblHeader")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "tickets/2026/10/INC-2610-A000B.yaml" in text  # the left-out file is named in the document too


def test_the_same_report_is_the_same_bytes(cli, tmp_path: Path) -> None:
    _, first = _render(cli, tmp_path, name="a.docx")
    _, second = _render(cli, tmp_path, name="b.docx")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(io.BytesIO(first.read_bytes())) as archive:
        assert {m.date_time for m in archive.infolist()} == {(2026, 11, 5, 9, 0, 0)}
    props = docx.Document(str(first)).core_properties
    assert props.title == "月度服务总结 2026-10"
    assert props.created is not None and props.created.isoformat().startswith("2026-11-05T01:00:00")


def test_docx_needs_a_file(cli, tmp_path: Path) -> None:
    result = cli("report", "monthly", "--month", "2026-10", "--records", REPORT_STORE, "--at", AT, "--to", "docx")
    assert result.code == 2 and "-o FILE.docx" in result.stderr
    assert result.stdout == ""


def test_without_the_office_extra_it_says_what_to_install(cli, tmp_path: Path, monkeypatch) -> None:
    real = office.import_module

    def missing(name: str):
        if name == "docx":
            raise ImportError("No module named 'docx'")
        return real(name)

    monkeypatch.setattr(office, "import_module", missing)
    result, out = _render(cli, tmp_path)
    assert result.code == 2
    assert "python-docx" in result.stderr and "pip install 'itsmctl[office]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_store_template_with_another_diagram_keeps_it_as_text(cli, tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(
        "# 自定义\n\n```mermaid\nflowchart TB\n    a --> b\n```\n\n<script>alert(1)</script>\n", encoding="utf-8"
    )
    result, out = _render(cli, tmp_path, "--template", template)
    assert result.code == LEFT_OUT_EXIT, result
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "flowchart TB" in text and "<script>alert(1)</script>" in text
    assert not [r for r in document.part.rels.values() if "image" in r.reltype]


def test_odd_template_text_and_far_moments_still_make_a_document(cli, tmp_path: Path) -> None:
    """A control character in a store's template, a pie of zeros, a moment past what zip dates."""
    template = tmp_path / "odd.md.j2"
    template.write_text('# 标题\x07\n\n```mermaid\npie title 空\n    "a" : 0\n```\n\n文字\x1b[31m\n', encoding="utf-8")
    out = tmp_path / "odd.docx"
    far = "2150-01-01T00:00:00+08:00"
    result = cli("report", "monthly", "--month", "2026-10", "--records", REPORT_STORE, "--at", far,
                 "--to", "docx", "-o", out, "--template", template)  # fmt: skip
    assert result.code == LEFT_OUT_EXIT, result
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == ["标题\\x07"]
    assert any("pie title" in p.text for p in document.paragraphs)  # nothing to draw: kept as text
    with zipfile.ZipFile(out) as archive:
        assert {m.date_time for m in archive.infolist()} == {(2107, 12, 31, 23, 59, 58)}
