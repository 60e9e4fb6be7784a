"""A report's markdown as blocks: headings, lists, tables with alignment, quotes, charts."""

from __future__ import annotations

from itsmctl.office.blocks import Code, Figure, Heading, ListItem, Paragraph, Run, Table, read_blocks

TEXT = """# 月度服务总结 2026-10

- 服务方：**恒运**
  - 子项 `code`
1. 第一

| 指标 | 本月 |
| --- | ---: |
| 新建工单 | 8 |
| 说明 | a<br>b |

> **注意**：以下 1 个记录文件未通过校验

```mermaid
flowchart TB
    a --> b
```

```mermaid
pie title 渠道
    "电话" : 3
```

<script>alert(1)</script>
"""


def test_the_shapes_of_a_report() -> None:
    blocks = read_blocks(TEXT)
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Heading", "ListItem", "ListItem", "ListItem", "Table", "Paragraph", "Code", "Figure", "Paragraph"]
    heading, first, nested, numbered, table, quote, code, figure, html = blocks
    assert isinstance(heading, Heading) and heading.level == 1
    assert isinstance(first, ListItem) and first.runs == [Run("服务方："), Run("恒运", bold=True)]
    assert isinstance(nested, ListItem) and nested.depth == 1 and Run("code", code=True) in nested.runs
    assert isinstance(numbered, ListItem) and numbered.ordered and numbered.number == 1
    assert isinstance(table, Table) and table.align == [None, "right"]
    assert ["".join(r.text for r in cell) for cell in table.rows[0]] == ["新建工单", "8"]
    assert any(r.line_break for r in table.rows[1][1])
    assert isinstance(quote, Paragraph) and quote.quote
    assert isinstance(code, Code) and code.info == "mermaid" and "flowchart" in code.text
    assert isinstance(figure, Figure)
    # raw HTML is kept as its text, never interpreted
    assert isinstance(html, Paragraph) and html.runs[0].text == "<script>alert(1)</script>"
