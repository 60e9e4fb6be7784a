"""The quarterly and yearly operations reports (季度/年度运维服务报告, the bid's reporting
services, seed 002 §1.1.1): the period's SLA achievement per commitment, month by month,
major incidents and security, changes and problems, satisfaction with the periodic surveys,
open matters; the internal edition adds the supplier evaluations of the period and the open
nonconformities."""

from __future__ import annotations

from typing import Any

from itsmctl.models.quality import SupplierEvaluation
from itsmctl.reports import charts, slafigures
from itsmctl.reports.audit import open_actions
from itsmctl.reports.common import Period, ReportInput, left_out
from itsmctl.reports.document import document_control
from itsmctl.reports.monthly import commitment_headline
from itsmctl.reports.months import month_rows
from itsmctl.reports.outlook import improvements
from itsmctl.reports.surveys import periodic_for, periodic_summary
from itsmctl.reports.workload import changes, major_incidents, problems, satisfaction, security, workload


def _periods_within(period: Period) -> set[str]:
    """The evaluation periods (``2026-Q3``, ``2026-H2``, ``2026-Y``) that fall inside ``period``."""
    year = period.start.year
    if period.name.endswith(tuple(f"Q{q}" for q in range(1, 5))):
        return {period.name}
    return {f"{year}-Y", f"{year}-H1", f"{year}-H2", *(f"{year}-Q{q}" for q in range(1, 5))}


def suppliers(inp: ReportInput, period: Period) -> list[dict[str, Any]]:
    """The supplier evaluations for the period, or made in it (internal: the provider's own supplier
    management).  A quarter's evaluation is made after it ends, so as of its end a quarterly report
    shows the evaluations made during the quarter (of the one before); with ``--at`` after the
    evaluation, its own too."""
    within = _periods_within(period)
    evaluations = inp.snapshot.of_kind(SupplierEvaluation, "supplier_evaluation")
    return [
        {
            "id": e.id,
            "supplier": e.supplier,
            "period": e.period,
            "score": round(e.weighted_score, 2),
            "conclusion": inp.label("conclusion", e.conclusion),
            "evaluated_on": e.evaluated_on.isoformat(),
            "evaluator": inp.person(e.evaluator),
        }
        for e in sorted(evaluations, key=lambda e: (e.supplier, e.id))
        if e.period in within or period.start.date() <= e.evaluated_on <= period.last_day
    ]


def build(inp: ReportInput, period: Period, report: str) -> dict[str, Any]:
    """The context of ``report`` (``quarterly`` or ``yearly``) for ``period``."""
    clocks = slafigures.evaluate(inp.snapshot, inp.now, until=period.end, memo=inp.clocks)
    commitments = {s.id: s.achievement_percent for s in inp.snapshot.slas}
    achievement = slafigures.achievement(slafigures.settled_in(clocks, period), commitments, inp.priorities())
    months, started = month_rows(inp, period, clocks)
    work = workload(inp, period)
    satisfied = satisfaction(inp, period, clocks)
    internal = inp.audience == "internal"
    slas = sorted(inp.snapshot.slas, key=lambda s: s.id)
    return {
        "report": {
            "period": period.name,
            "kind": report,
            "start": period.start.date().isoformat(),
            "end": period.last_day.isoformat(),
            **inp.heading(),
            "customers": inp.listing(sorted({s.customer for s in slas})),
        },
        "document": document_control(inp, report, period),
        "left_out": left_out(inp.snapshot),
        "headline": {
            **commitment_headline(achievement["targets"]),
            "sla_percent": achievement["overall"]["percent"],
            "clocks": achievement["overall"]["total"],
            "clocks_met": achievement["overall"]["met"],
            "opened": work["opened"],
            "resolved": work["resolved"],
        },
        "sla": achievement,
        "months": months,
        "started": started,
        "sla_chart": charts.sla_chart(months, list(commitments.values())),
        "major_incidents": major_incidents(inp, period),
        "security": security(inp, period),
        "changes": changes(inp, period),
        "problems": problems(inp, period),
        "satisfaction": satisfied,
        "periodic": [periodic_summary(inp, s) for s in periodic_for(inp, period)],
        "improvements": improvements(inp, period, achievement["targets"]),
        "suppliers": suppliers(inp, period) if internal else None,
        "nonconformities": open_actions(inp, min(period.end, inp.now)) if internal else None,
    }


def quarterly(inp: ReportInput, period: Period) -> dict[str, Any]:
    return build(inp, period, "quarterly")


def yearly(inp: ReportInput, period: Period) -> dict[str, Any]:
    return build(inp, period, "yearly")
