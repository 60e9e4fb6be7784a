"""The monthly inspection report (巡检报告): each routine operation due in the month, whether
it was done on time, its checklist results, what failed and how it was handled, findings,
and what is still overdue from earlier months (``itsmctl.ops.schedule``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from itsmctl.calendar import BusinessCalendar as Calendar
from itsmctl.models import Operation, OperationPlan
from itsmctl.ops.schedule import Occurrence, schedule
from itsmctl.reports.common import Period, ReportInput, left_out


def build(inp: ReportInput, period: Period) -> dict[str, Any]:
    first = period.start.astimezone(inp.zone).date()
    last = (period.end - timedelta(seconds=1)).astimezone(inp.zone).date()
    calendars = {c.id: c for c in inp.snapshot.calendars}
    operations = inp.snapshot.of_kind(Operation, "operation")
    by_id = {o.id: o for o in operations}
    rows: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    earlier: list[dict[str, Any]] = []
    for plan in sorted(inp.snapshot.of_kind(OperationPlan, "operation_plan"), key=lambda p: p.id):
        record = calendars.get(plan.calendar)
        if record is None:
            continue
        calendar = Calendar(record)
        for o in schedule(plan, calendar, operations, first, last, inp.now):
            op = by_id.get(o.operation or "")
            rows.append(_row(inp, plan, o, op))
            if op is None:
                continue
            names = {item.id: item.check for item in plan.checklist}
            for r in op.results:
                if r.result == "fail":
                    failed.append(
                        {
                            "plan": plan.id,
                            "period": o.period,
                            "item": names.get(r.item, r.item),
                            "value": r.value or "",
                            "incident": r.incident or "",
                            "note": r.note or "",
                        }
                    )
            findings.extend({"plan": plan.id, "period": o.period, "text": text} for text in op.findings)
        before = first - timedelta(days=1)
        if before >= plan.effective_from:
            for o in schedule(plan, calendar, operations, plan.effective_from, before, inp.now):
                if o.status == "overdue":
                    earlier.append(_row(inp, plan, o, None))
    counts = {s: sum(1 for r in rows if r["state"] == s) for s in ("on_time", "late", "overdue", "pending")}
    return {
        "report": {"period": period.name, **inp.heading()},
        "left_out": left_out(inp.snapshot),
        "estimated_years": [],
        "rows": rows,
        "counts": counts,
        "failed": failed,
        "findings": findings,
        "earlier": earlier,
    }


def _row(inp: ReportInput, plan: OperationPlan, o: Occurrence, op: Operation | None) -> dict[str, Any]:
    passed = sum(1 for r in op.results if r.result == "pass") if op else 0
    return {
        "plan": plan.id,
        "title": plan.title,
        "type": inp.label("operation_type", plan.operation_type),
        "frequency": inp.label("frequency", plan.frequency),
        "period": o.period,
        "due": _day(o.due),
        "state": o.status,
        "status": inp.label("occurrence", o.status),
        "days_late": o.days_late,
        "operation": o.operation or "",
        "done": inp.local(o.done_at),
        "by": inp.person(op.by) if op else "",
        "results": f"{passed}/{len(op.results)}" if op else "",
    }


def _day(day: date) -> str:
    return day.isoformat()


def routine_operations(inp: ReportInput, period: Period) -> dict[str, Any]:
    """The monthly report's section: the month's counts and every occurrence still overdue."""
    report = build(inp, period)
    overdue = [*report["earlier"], *(r for r in report["rows"] if r["state"] == "overdue")]
    return {
        "plans": len(inp.snapshot.by_kind.get("operation_plan", [])),
        "due": len(report["rows"]),
        "counts": report["counts"],
        "overdue": overdue,
    }
