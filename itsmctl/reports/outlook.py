"""The monthly report's last customer sections, drawn from the records (seed 004 §5.2.3):
问题及改进建议 — what is still open and what the month's figures ask to improve — and
下月工作计划 — the changes scheduled, the routine operations due and the problems carried
into next month.  Nothing here is typed in: every line names the record it comes from."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from itsmctl.calendar import BusinessCalendar as Calendar
from itsmctl.models import Change, Complaint, Operation, OperationPlan, Problem
from itsmctl.models.eventlog import is_unresolved, status_at
from itsmctl.ops.schedule import schedule
from itsmctl.reports.common import Period, ReportInput
from itsmctl.reports.facts import is_known_error
from itsmctl.reports.workload import at_end

FINISHED = ("closed", "rolled_back", "cancelled", "rejected")


def improvements(inp: ReportInput, period: Period, targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each problem and complaint still open at the month's end, and each target below its commitment.

    ``source`` says which (``problem``, ``complaint``, ``sla``); the template words the measure.
    """
    end = at_end(inp, period)
    rows: list[dict[str, Any]] = []
    for t in sorted(inp.snapshot.tickets, key=lambda t: (t.opened_at, t.id)):
        if t.opened_at >= end or not is_unresolved(t, end) or not isinstance(t, (Problem, Complaint)):
            continue
        rows.append(
            {
                "source": "problem" if isinstance(t, Problem) else "complaint",
                "id": t.id,
                "matter": t.title,
                "status": inp.label("status", status_at(t, end)),  # at the month's end, not today
                "known_error": isinstance(t, Problem) and is_known_error(t),
                "workaround": (t.workaround or "") if isinstance(t, Problem) else "",
            }
        )
    rows.extend(
        {
            "source": "sla",
            "id": target["sla"],
            "matter": inp.label("target", target["target"]),
            "percent": target["percent"],
            "met": target["met"],
            "total": target["total"],
            "commitment": target["commitment"],
        }
        for target in targets
        if target["ok"] is False
    )
    return rows


def next_month(inp: ReportInput, period: Period) -> dict[str, Any]:
    """What is already planned for the month after ``period``: changes, routine operations, problems."""
    after = period.end + timedelta(days=1)
    following = Period.month(f"{after.year:04d}-{after.month:02d}", inp.zone)
    changes = []
    for t in inp.snapshot.tickets:
        if not isinstance(t, Change) or t.status in FINISHED:
            continue
        windows = [e for e in t.events if e.type == "scheduled"]
        if windows and windows[-1].start in following:
            window = windows[-1]
            changes.append(
                {
                    "id": t.id,
                    "title": t.title,
                    "start": inp.local(window.start),
                    "end": inp.local(window.end),
                    "cis": ", ".join(t.cis),
                }
            )
    first = following.start.astimezone(inp.zone).date()
    last = following.last_day
    calendars = {c.id: c for c in inp.snapshot.calendars}
    operations = inp.snapshot.of_kind(Operation, "operation")
    routine = []
    for plan in sorted(inp.snapshot.of_kind(OperationPlan, "operation_plan"), key=lambda p: p.id):
        record = calendars.get(plan.calendar)
        if record is None:
            continue
        for o in schedule(plan, Calendar(record), operations, first, last, inp.now):
            routine.append({"plan": plan.id, "title": plan.title, "period": o.period, "due": o.due.isoformat()})
    routine.sort(key=lambda r: (r["due"], r["plan"]))
    end = at_end(inp, period)
    carried = [
        t for t in inp.snapshot.tickets if isinstance(t, Problem) and t.opened_at < end and is_unresolved(t, end)
    ]
    return {
        "month": following.name,
        "changes": sorted(changes, key=lambda r: (r["start"], r["id"])),
        "operations": routine,
        "problems": len(carried),
    }
