"""Charts people can read: explicit colours that show on white and dark pages, the commitment
as its own line, an axis that shows the change."""

from __future__ import annotations

import re

import pytest
from helpers_reports import GOLDEN

from itsmctl.reports import charts

COLOURS = (charts.OPENED, charts.RESOLVED, charts.ACHIEVED, charts.COMMITTED)
BLOCK = re.compile(r"```mermaid\n(?P<body>.*?)```", re.S)


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("colour", COLOURS)
def test_every_colour_reads_on_white_and_on_a_dark_theme(colour: str) -> None:
    # WCAG's 3:1 for graphics; Mermaid's default first colour, #ECECFF, has 1.17:1 on white
    assert _contrast(colour, "#ffffff") >= 3 and _contrast(colour, "#0d1117") >= 3, colour


def test_the_sla_chart_draws_the_commitment_and_starts_below_the_lowest_value() -> None:
    rows = [{"month": "2026-08", "sla_percent": 96.2}, {"month": "2026-09", "sla_percent": None},
            {"month": "2026-10", "sla_percent": 91.7}]  # fmt: skip
    chart = charts.sla_chart(rows, [95.0, 90.0])
    assert chart is not None and chart["labels"] == ["2026-08", "2026-10"]  # a month with nothing measured is no 0 %
    achieved, committed = chart["series"]
    assert achieved == {"kind": "line", "values": [96.2, 91.7], "colour": charts.ACHIEVED}
    assert committed == {"kind": "line", "values": [95.0, 95.0], "colour": charts.COMMITTED}
    assert (chart["y_min"], chart["y_max"], chart["commitment"]) == (85, 100, 95.0)
    assert charts.sla_chart([{"month": "2026-08", "sla_percent": 3.0}], [95.0])["y_min"] == 0  # type: ignore[index]
    assert charts.sla_chart([{"month": "2026-08", "sla_percent": None}], [95.0]) is None
    assert len(charts.sla_chart(rows, [])["series"]) == 1  # type: ignore[index]


def test_every_chart_of_every_report_names_a_colour_per_series_and_keeps_its_values_on_the_axis() -> None:
    seen = 0
    for golden in sorted(GOLDEN.glob("*.md")):
        for block in BLOCK.finditer(golden.read_text(encoding="utf-8")):
            body = block["body"]
            if "xychart-beta" not in body:
                continue
            seen += 1
            palette = re.search(r'"plotColorPalette": "([^"]+)"', body)
            assert palette and body.startswith("%%{init:"), (golden.name, body)
            colours = [c.strip() for c in palette[1].split(",")]
            plots = re.findall(r"^    (?:bar|line) \[([^\]]*)\]$", body, re.M)
            assert len(colours) == len(plots) and set(colours) <= set(COLOURS), (golden.name, body)
            low, high = map(float, re.search(r"y-axis \"[^\"]*\" ([0-9.]+) --> ([0-9.]+)", body).groups())  # type: ignore[union-attr]
            values = [float(v) for p in plots for v in p.split(",") if v.strip()]
            assert all(low <= v <= high for v in values), (golden.name, body)
    assert seen >= 4, "the monthly and review goldens draw charts"
