"""The month-by-month table of a quarterly, yearly or management-review report."""

from __future__ import annotations

from typing import Any

from itsmctl.reports import slafigures
from itsmctl.reports.common import Period, ReportInput, percent, since_start
from itsmctl.reports.workload import satisfaction, workload


def month_rows(inp: ReportInput, period: Period, clocks: list[slafigures.Clock]) -> tuple[list[dict[str, Any]], Any]:
    """One row per month of ``period`` the service ran and that has begun at the report's moment:
    volume, pooled SLA, items over their limit, first-line rate, callbacks, satisfaction, complaints."""
    rows = []
    in_period, started = since_start(inp, period.months())
    for month in in_period:
        if month.start > inp.now:
            break
        settled = slafigures.settled_in(clocks, month)
        met = sum(1 for c in settled if c.state == slafigures.MET)
        work = workload(inp, month)
        sat = satisfaction(inp, month, clocks)
        rows.append(
            {
                "month": month.name,
                "opened": work["opened"],
                "resolved": work["resolved"],
                "sla_percent": percent(met, len(settled)),
                "clocks": len(settled),
                "missed": len(settled) - met,
                "first_line": work["first_line"]["percent"],
                "coverage": sat["coverage"],
                "timely": sat["timely"],
                "average": sat["average"],
                "complaints": len(sat["complaints"]),
            }
        )
    return rows, started
