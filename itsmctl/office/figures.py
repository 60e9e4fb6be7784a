"""Charts drawn as PNG images for the .docx report, with matplotlib (Agg, no display needed).

Text a reader must be able to search and copy (the chart's title, its axis title, the names of
a pie's slices) goes into the document as text, not into the image: a machine without a
Chinese font would draw it as empty boxes.  The image carries the plot, the ticks and the
numbers, in the series' own colours; labels that need a font this machine lacks are drawn as
their position (1, 2, …) and the writer prints the key beside the figure.  The same chart gives
the same bytes on the same machine.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib import font_manager

from itsmctl.office.mermaid import Chart, PieChart, XYChart

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
)
"""Fonts with Chinese glyphs, tried in order (Linux, Windows, macOS)."""

PIE_COLOURS = ("#2b6cb0", "#dd6b20", "#2f855a", "#c53030", "#6b46c1", "#b7791f", "#2c7a7b", "#97266d")
"""Slices, in order: each ≥ 3:1 against white."""

DPI = 150
WIDTH_IN, HEIGHT_IN = 6.0, 3.0


@dataclass(frozen=True)
class Image:
    png: bytes
    key: list[tuple[str, str]]
    """Labels drawn as their position: (position, label), for the writer to print as text."""


@cache
def cjk_font() -> str | None:
    """The first font with Chinese glyphs this machine has, or None."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in names), None)


def _drawable(labels: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    if cjk_font() is not None or all(label.isascii() for label in labels):
        return labels, []
    positions = [str(i + 1) for i in range(len(labels))]
    return positions, list(zip(positions, labels, strict=True))


def _png(figure: plt.Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(figure)
    return out.getvalue()


def _style() -> dict[Any, Any]:
    font = cjk_font()
    return {
        "font.family": ["sans-serif"],
        "font.sans-serif": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _xy(chart: XYChart) -> Image:
    labels, key = _drawable(chart.labels)
    with plt.rc_context(_style()):
        figure, axes = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN), layout="constrained")
        positions = list(range(len(labels)))
        for series in chart.series:
            values = series.values + [0.0] * (len(labels) - len(series.values))
            colour = series.colour or "#2b6cb0"
            if series.kind == "bar":
                axes.bar(positions, values[: len(labels)], color=colour, width=0.6)
            elif len(set(values)) == 1 and len(values) > 1:  # a commitment: a flat dashed line
                axes.plot(positions, values[: len(labels)], color=colour, linewidth=1.5, linestyle="--")
            else:
                axes.plot(positions, values[: len(labels)], color=colour, linewidth=2, marker="o", markersize=4)
        axes.set_xticks(positions, labels)
        if chart.y_min is not None and chart.y_max is not None and chart.y_max > chart.y_min:
            axes.set_ylim(chart.y_min, chart.y_max + (chart.y_max - chart.y_min) * 0.05)
        if chart.y_title and (chart.y_title.isascii() or cjk_font() is not None):
            axes.set_ylabel(chart.y_title)
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        return Image(_png(figure), key)


def pie_slices(chart: PieChart) -> list[tuple[str, float, str]]:
    """The slices drawn (zero and negative ones are not), each with its colour."""
    shown = [(name, value) for name, value in chart.slices if value > 0]
    return [(name, value, PIE_COLOURS[i % len(PIE_COLOURS)]) for i, (name, value) in enumerate(shown)]


def _pie(chart: PieChart) -> Image:
    slices = pie_slices(chart)
    total = sum(value for _, value, _ in slices) or 1.0
    with plt.rc_context(_style()):
        figure, axes = plt.subplots(figsize=(HEIGHT_IN * 1.4, HEIGHT_IN), layout="constrained")
        axes.pie(
            [value for _, value, _ in slices],
            colors=[colour for _, _, colour in slices],
            labels=[f"{value / total:.0%}" for _, value, _ in slices],
            startangle=90,
            counterclock=False,
            wedgeprops={"linewidth": 1, "edgecolor": "white"},
        )
        axes.set_aspect("equal")
        return Image(_png(figure), [])


def draw(chart: Chart) -> Image:
    """The chart as a PNG image."""
    return _xy(chart) if isinstance(chart, XYChart) else _pie(chart)
