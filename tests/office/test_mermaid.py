"""Charts read back from the Mermaid the report macros write; anything else is not a chart."""

from __future__ import annotations

import pytest

from itsmctl.office.mermaid import PieChart, XYChart, read_chart

XY = """%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#2f855a, #c53030"}}}}%%
xychart-beta
    title "SLA 达成率"
    x-axis ["2026-08", "2026-09", "2026-10"]
    y-axis "%" 85 --> 100
    line [96.2, 91.7, 98.9]
    line [95, 95, 95]
"""


def test_an_xychart_with_its_palette() -> None:
    chart = read_chart(XY)
    assert isinstance(chart, XYChart)
    assert chart.title == "SLA 达成率" and chart.y_title == "%"
    assert chart.labels == ["2026-08", "2026-09", "2026-10"]
    assert (chart.y_min, chart.y_max) == (85.0, 100.0)
    assert [s.values for s in chart.series] == [[96.2, 91.7, 98.9], [95.0, 95.0, 95.0]]
    assert [s.colour for s in chart.series] == ["#2f855a", "#c53030"]


def test_a_pie_with_escaped_names() -> None:
    chart = read_chart('pie title 按优先级\n    "P1 紧急" : 5\n    "say \\"hi\\"" : 2.5\n')
    assert isinstance(chart, PieChart)
    assert chart.title == "按优先级"
    assert chart.slices == [("P1 紧急", 5.0), ('say "hi"', 2.5)]


def test_missing_labels_are_numbered_and_a_bad_palette_is_ignored() -> None:
    chart = read_chart("%%{init: not json}%%\nxychart-beta\n    bar [1, 2, 3]\n")
    assert isinstance(chart, XYChart)
    assert chart.labels == ["1", "2", "3"] and chart.series[0].colour is None


@pytest.mark.parametrize(
    "source",
    [
        "flowchart TB\n    a --> b\n",
        'xychart-beta\n    title "x"\n',  # no series
        "xychart-beta\n    bar [1, two, 3]\n",
        "xychart-beta\n    bar [1]\n    sankey stuff\n",
        "pie title empty\n",
        'pie\n    "a" : many\n',
        "",
        "%%{init: {}}%%\n",
    ],
)
def test_anything_else_is_not_a_chart(source: str) -> None:
    assert read_chart(source) is None


@pytest.mark.parametrize(
    "source",
    [
        'pie\n    "a" : 1.2.3\n',
        'pie\n    "a" : .\n',
        'pie\n    "a" : 0\n    "b" : -2\n',  # nothing to draw
        'xychart-beta\n    y-axis "t" 1..2 --> 3\n    bar [1]\n',
        "xychart-beta\n    bar [1, nan, 3]\n",
    ],
)
def test_numbers_that_are_no_numbers_make_no_chart(source: str) -> None:
    assert read_chart(source) is None


def test_labels_lose_what_no_document_can_hold() -> None:
    chart = read_chart('pie title t\n    "bell\x07" : 1\n')
    assert isinstance(chart, PieChart) and chart.slices == [("bell\\x07", 1.0)]
