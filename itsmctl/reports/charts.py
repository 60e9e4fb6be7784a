"""Chart data for the reports' Mermaid xycharts: explicit colours, the commitment as its own line,
an axis range that shows the change.

Mermaid's default palette draws the first line in a pale lavender that is hard to see on white;
every series here names its colour (chosen to read on white and on dark themes), and the
template passes them as the chart's ``plotColorPalette``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

OPENED = "#2b6cb0"
"""Blue: tickets opened (bars)."""
RESOLVED = "#dd6b20"
"""Orange: tickets resolved (line)."""
ACHIEVED = "#2f855a"
"""Green: the SLA achievement (line)."""
COMMITTED = "#c53030"
"""Red: the SLA's committed achievement (a flat line)."""


def series(kind: str, values: Sequence[float | int | None], colour: str) -> dict[str, Any]:
    return {"kind": kind, "values": list(values), "colour": colour}


def volume_chart(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Opened (bars) and resolved (line) per month."""
    top = max([max(r["opened"], r["resolved"]) for r in rows] + [1])
    return {
        "labels": [r["month"] for r in rows],
        "series": [
            series("bar", [r["opened"] for r in rows], OPENED),
            series("line", [r["resolved"] for r in rows], RESOLVED),
        ],
        "y_min": 0,
        "y_max": top,
    }


def sla_chart(rows: Sequence[dict[str, Any]], commitments: Sequence[float]) -> dict[str, Any] | None:
    """Achievement per month (months without a measured item left out) against the commitment.

    With one commitment (or several, the highest: the line every SLA must clear) it is drawn as
    its own red line.  The axis starts 5 points below the lowest value shown, rounded down to 5,
    so a fall from 99 % to 94 % is visible rather than flattened against a 0–100 axis.
    """
    measured = [r for r in rows if isinstance(r.get("sla_percent"), (int, float))]
    if not measured:
        return None
    values = [float(r["sla_percent"]) for r in measured]
    commitment = max(commitments) if commitments else None
    lowest = min([*values, *([commitment] if commitment is not None else [])])
    y_min = max(0, int(5 * math.floor((lowest - 5) / 5)))
    drawn = [series("line", values, ACHIEVED)]
    if commitment is not None:
        drawn.append(series("line", [commitment] * len(values), COMMITTED))
    return {
        "labels": [r["month"] for r in measured],
        "series": drawn,
        "y_min": y_min,
        "y_max": 100,
        "commitment": commitment,
    }
