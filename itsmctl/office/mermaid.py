"""The charts the report templates draw, read back from their Mermaid text.

A report is markdown; its charts are Mermaid ``xychart-beta`` and ``pie`` blocks (templates/
macros.md.j2).  Word cannot draw Mermaid, so the .docx writer reads each block back into a
chart's data and draws it as an image.  Only what the macros emit is understood: a title, the
x-axis labels, the y-axis title and range, bar and line series, the palette of the ``init``
line, and pie slices.  Anything else (a flowchart in a store's own template) is not a chart
here: ``read_chart`` returns None and the writer keeps the block as text.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field

from itsmctl.escape import document_text

_INIT = re.compile(r"^%%\{\s*init:\s*(?P<json>\{.*\})\s*\}%%$")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_Y_AXIS = re.compile(
    r'^y-axis\s+(?:"(?P<title>(?:[^"\\]|\\.)*)"\s*)?(?:(?P<lo>-?[\d.]+)\s*-->\s*(?P<hi>-?[\d.]+))?\s*$'
)
_SERIES = re.compile(r"^(?P<kind>bar|line)\s*(?:\"(?:[^\"\\]|\\.)*\"\s*)?\[(?P<values>[^\]]*)\]\s*$")
_SLICE = re.compile(r'^"(?P<name>(?:[^"\\]|\\.)*)"\s*:\s*(?P<value>-?[\d.]+)\s*$')


@dataclass
class Series:
    kind: str
    """``bar`` or ``line``."""
    values: list[float]
    colour: str | None = None


@dataclass
class XYChart:
    title: str
    labels: list[str]
    y_title: str
    y_min: float | None
    y_max: float | None
    series: list[Series] = field(default_factory=list)


@dataclass
class PieChart:
    title: str
    slices: list[tuple[str, float]]


Chart = XYChart | PieChart


def _unquote(text: str) -> str:
    """A label's text: Mermaid's escapes undone, unsafe characters made visible."""
    return document_text(re.sub(r"\\(.)", r"\1", text))


def _palette(line: str) -> list[str]:
    match = _INIT.match(line)
    if not match:
        return []
    try:
        init = json.loads(match.group("json"))
    except ValueError:
        return []
    try:
        palette = init["themeVariables"]["xyChart"]["plotColorPalette"]
    except (KeyError, TypeError):
        return []
    if not isinstance(palette, str):
        return []
    return [c.strip() for c in palette.split(",") if re.fullmatch(r"#[0-9a-fA-F]{6}", c.strip())]


def _number(text: str) -> float | None:
    """A finite number, or None (``1.2.3``, ``nan`` and ``inf`` are not)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _numbers(text: str) -> list[float] | None:
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        value = _number(part)
        if value is None:
            return None
        out.append(value)
    return out


def _xychart(lines: list[str], palette: list[str]) -> XYChart | None:
    chart = XYChart(title="", labels=[], y_title="", y_min=None, y_max=None)
    for line in lines:
        if line.startswith("title"):
            quoted = _QUOTED.search(line)
            chart.title = _unquote(quoted.group(1)) if quoted else line[len("title") :].strip()
        elif line.startswith("x-axis"):
            chart.labels = [_unquote(q) for q in _QUOTED.findall(line)]
        elif line.startswith("y-axis"):
            match = _Y_AXIS.match(line)
            if match is None:
                return None
            chart.y_title = _unquote(match.group("title") or "")
            if match.group("lo") is not None:
                low, high = _number(match.group("lo")), _number(match.group("hi"))
                if low is None or high is None:
                    return None
                chart.y_min, chart.y_max = low, high
        else:
            match = _SERIES.match(line)
            if match is None:
                return None
            values = _numbers(match.group("values"))
            if values is None:
                return None
            chart.series.append(Series(match.group("kind"), values))
    if not chart.series:
        return None
    for series, colour in zip(chart.series, palette, strict=False):
        series.colour = colour
    width = max(len(s.values) for s in chart.series)
    if len(chart.labels) < width:
        chart.labels += [str(i + 1) for i in range(len(chart.labels), width)]
    return chart


def _pie(first: str, lines: list[str]) -> PieChart | None:
    title = first[len("pie") :].strip()
    if title.startswith("title"):
        title = title[len("title") :].strip()
    slices = []
    for line in lines:
        if line.startswith("title"):
            title = line[len("title") :].strip()
            continue
        match = _SLICE.match(line)
        value = _number(match.group("value")) if match is not None else None
        if match is None or value is None:
            return None
        slices.append((_unquote(match.group("name")), value))
    # a pie with nothing to draw is no chart (matplotlib refuses it): kept as text
    return PieChart(title, slices) if any(value > 0 for _, value in slices) else None


def read_chart(source: str) -> Chart | None:
    """The chart a Mermaid block draws, or None for anything but the xychart and pie subset."""
    lines = [ln.strip() for ln in source.splitlines()]
    lines = [ln for ln in lines if ln and not (ln.startswith("%%") and not ln.startswith("%%{"))]
    palette: list[str] = []
    while lines and lines[0].startswith("%%{"):
        palette = _palette(lines.pop(0)) or palette
    if not lines:
        return None
    head = lines[0]
    if head == "xychart-beta" or head == "xychart":
        return _xychart(lines[1:], palette)
    if head == "pie" or head.startswith("pie "):
        return _pie(head, lines[1:])
    return None
