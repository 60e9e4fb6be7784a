"""The monthly service report (服务月报, ISO/IEC 20000 §5.2.3): the data behind the template.

Sections follow the standard's list: performance against the SLA's targets, breaches,
workload, major incidents, changes, problems, service-desk timings, satisfaction, CMDB
changes, open nonconformities, and six-month trends.  SLA figures come from the SLA
engine's clocks (``slafigures``); the rest are counts over the event logs.
"""

from __future__ import annotations

from typing import Any

from itsmctl.models import Incident, ServiceRequest
from itsmctl.models.policy import QualityGoals
from itsmctl.priority.lookup import AUTOMATION_ACCOUNT
from itsmctl.reports import charts, slafigures
from itsmctl.reports.audit import open_actions
from itsmctl.reports.availability import availability
from itsmctl.reports.cmdb import touched_cis
from itsmctl.reports.common import Period, ReportInput, left_out, percent, since_start
from itsmctl.reports.document import document_control
from itsmctl.reports.facts import recorded_reasons
from itsmctl.reports.inspection import routine_operations
from itsmctl.reports.outlook import improvements, next_month
from itsmctl.reports.workload import (
    changes,
    hours,
    major_incidents,
    opened_in,
    problems,
    satisfaction,
    security,
    workload,
)

TREND_MONTHS = 6


def header(inp: ReportInput, period: Period) -> dict[str, Any]:
    slas = sorted(inp.snapshot.slas, key=lambda s: s.id)
    return {
        "period": period.name,
        "start": period.start.date().isoformat(),
        "end": period.last_day.isoformat(),
        **inp.heading(),
        "customers": inp.listing(sorted({s.customer for s in slas})),
        "slas": [
            {"id": s.id, "name": s.name, "customer": s.customer, "commitment": s.achievement_percent} for s in slas
        ],
    }


def breaches(inp: ReportInput, clocks: list[slafigures.Clock]) -> list[dict[str, Any]]:
    """Every missed or breached clock: ticket, target, overrun, and the reason recorded."""
    rows = []
    policy = inp.snapshot.policy
    automation = policy.automation_accounts if policy is not None else (AUTOMATION_ACCOUNT,)
    for clock in clocks:
        if clock.state not in slafigures.MISSED:
            continue
        ticket = inp.snapshot.get(clock.ticket_id)
        title = getattr(ticket, "title", "")
        reason = (
            recorded_reasons(ticket, clock.breached_at, clock.target, automation)  # type: ignore[arg-type]
            if ticket is not None
            else ""
        )
        rows.append(
            {
                "ticket": clock.ticket_id,
                "title": title,
                "priority": _priority(inp, clock),
                "target": inp.label("target", clock.target),
                "deadline": inp.local(clock.deadline),
                "stopped": inp.local(clock.stopped_at),
                "state": clock.state,
                "overrun": clock.overrun_seconds,
                "basis": clock.basis,
                "reason": reason,
            }
        )
    return sorted(rows, key=lambda r: (r["deadline"], r["ticket"], r["target"]))


def _priority(inp: ReportInput, clock: slafigures.Clock) -> str:
    """The priority the breach is counted under (the one whose goal it breached, §5.14 rule 4),
    the measured one when a later change moved it, and the handling one when an escalation raised it."""
    judged = clock.judged_priority
    if judged != clock.priority:
        return f"{judged}（后调为 {clock.priority}）" if inp.lang == "zh" else f"{judged} (later {clock.priority})"
    if clock.handling_priority is None:
        return clock.priority
    if inp.lang == "zh":
        return f"{clock.priority}（处理 {clock.handling_priority}）"
    return f"{clock.priority} (handled as {clock.handling_priority})"


def desk_timings(inp: ReportInput, period: Period, clocks: list[slafigures.Clock]) -> list[dict[str, Any]]:
    """Service-desk timings the SLA defines (dispatch, escalation to the manager), from the SLA engine."""
    tally: dict[tuple[str, str], slafigures.Tally] = {}
    missed: dict[tuple[str, str], list[str]] = {}
    for clock in slafigures.settled_in(clocks, period, slafigures.DESK_TARGETS):
        tally.setdefault((clock.sla_id, clock.target), slafigures.Tally()).add(clock)
        if clock.state in slafigures.MISSED:
            missed.setdefault((clock.sla_id, clock.target), []).append(clock.ticket_id)
    goals = {s.id: s.service_desk for s in inp.snapshot.slas}
    rows = []
    for (sla, name), t in sorted(tally.items(), key=lambda kv: (kv[0][0], slafigures.TARGET_ORDER.index(kv[0][1]))):
        desk = goals.get(sla)
        goal = getattr(desk, name, None) if desk else None
        rows.append(
            {
                "sla": sla,
                "timing": inp.label("target", name),
                "goal": str(goal) if goal else "",
                "met": t.met,
                "missed": t.missed,
                "total": t.total,
                "percent": t.percent,
                "missed_tickets": ", ".join(sorted(set(missed.get((sla, name), [])))),
            }
        )
    return rows


def trends(inp: ReportInput, period: Period, clocks: list[slafigures.Clock]) -> dict[str, Any]:
    months, started = since_start(inp, period.months_back(TREND_MONTHS))
    tickets = inp.snapshot.tickets
    rows: list[dict[str, Any]] = []
    for month in months:
        settled = slafigures.settled_in(clocks, month)
        met = sum(1 for c in settled if c.state == slafigures.MET)
        rows.append(
            {
                "month": month.name,
                "opened": len(opened_in(tickets, month)),
                "resolved": sum(1 for t in tickets if inp.facts(t).resolved_at in month),
                "sla_percent": percent(met, len(settled)),
            }
        )
    commitments = [s.achievement_percent for s in inp.snapshot.slas]
    return {
        "rows": rows,
        "started": started,
        "volume_chart": charts.volume_chart(rows),
        "sla_chart": charts.sla_chart(rows, commitments),
    }


def commitment_headline(targets: list[dict[str, Any]]) -> dict[str, Any]:
    """The SLA in one line that is true per commitment: how many targets reached their SLA's
    commitment, and the weakest one with its count (a pooled rate hides a target below it)."""
    judged = [t for t in targets if t["ok"] is not None]
    weakest = min(judged, key=lambda t: (t["percent"], -t["total"]), default=None)
    return {
        "targets_judged": len(judged),
        "targets_ok": sum(1 for t in judged if t["ok"]),
        "weakest": weakest,
    }


def build(inp: ReportInput, period: Period) -> dict[str, Any]:
    """The monthly report's context."""
    clocks = slafigures.evaluate(inp.snapshot, inp.now, until=period.end, memo=inp.clocks)
    sla_clocks = slafigures.settled_in(clocks, period)
    commitments = {s.id: s.achievement_percent for s in inp.snapshot.slas}
    achievement = slafigures.achievement(sla_clocks, commitments, inp.priorities())
    work = workload(inp, period)
    work["hours"] = hours(inp, period)
    if inp.audience != "internal":
        work["by_engineer"] = None  # staff figures are the provider's own (internal edition)
        work["hours"]["by_engineer"] = None
    satisfied = satisfaction(inp, period, clocks)
    change_summary = changes(inp, period)
    majors = major_incidents(inp, period)
    breach_rows = breaches(inp, sla_clocks)
    support = [t for t in opened_in(inp.snapshot.tickets, period) if isinstance(t, (Incident, ServiceRequest))]
    return {
        "report": header(inp, period),
        "document": document_control(inp, "monthly", period),
        "left_out": left_out(inp.snapshot),
        "estimated_years": slafigures.estimated_years(clocks, period),
        "goals": (inp.snapshot.policy.quality_goals if inp.snapshot.policy else QualityGoals()).model_dump(),
        "callbacks_count_unreached": any(s.callback_counts_unreached for s in inp.snapshot.slas),
        "headline": {
            "opened": work["opened"],
            "support_opened": len(support),
            "resolved": work["resolved"],
            "open_at_end": work["open_at_end"],
            **commitment_headline(achievement["targets"]),
            "sla_percent": achievement["overall"]["percent"],
            "clocks": achievement["overall"]["total"],
            "clocks_met": achievement["overall"]["met"],
            "breaches": len(breach_rows),
            "major": len(majors),
            "changes": change_summary["total"],
            "first_line_percent": work["first_line"]["percent"],
            "callbacks": satisfied["callbacks"],
            "callbacks_called": satisfied["called"],
            "callbacks_on_time": satisfied["callbacks_on_time"],
            "callback_coverage": satisfied["coverage"],
            "callback_timely": satisfied["timely"],
            "changes_reviewed": change_summary["reviewed"],
            "changes_successful": change_summary["successful"],
            "changes_unreviewed": change_summary["unreviewed"],
            "change_success_percent": change_summary["success_percent"],
            "average_score": satisfied["average"],
            "complaints": len(satisfied["complaints"]),
        },
        "sla": achievement,
        "availability": availability(inp, period),
        "breaches": breach_rows,
        "workload": work,
        "major_incidents": majors,
        "security": security(inp, period),
        "changes": change_summary,
        "problems": problems(inp, period),
        "desk": desk_timings(inp, period, clocks),
        "desk_defined": [s.id for s in inp.snapshot.slas if s.service_desk is not None],
        "satisfaction": satisfied,
        "cmdb": touched_cis(inp, period),
        "nonconformities": open_actions(inp, period.end) if inp.audience == "internal" else None,
        "trends": trends(inp, period, clocks),
        "operations": routine_operations(inp, period),
        "improvements": improvements(inp, period, achievement["targets"]),
        "next_month": next_month(inp, period),
    }
