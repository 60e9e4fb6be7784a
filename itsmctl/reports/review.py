"""The management review input pack (管理评审输入) for one year: KPI results per month,
satisfaction, internal audit results, complaints, improvements, and the review records."""

from __future__ import annotations

from typing import Any

from itsmctl.models import Complaint, ManagementReview
from itsmctl.reports import charts, slafigures
from itsmctl.reports.audit import audits, open_actions, summary
from itsmctl.reports.common import Period, ReportInput, left_out
from itsmctl.reports.months import month_rows
from itsmctl.reports.surveys import periodic_for, periodic_summary
from itsmctl.reports.workload import changes, opened_in, problems, satisfaction


def build(inp: ReportInput, year: Period) -> dict[str, Any]:
    clocks = slafigures.evaluate(inp.snapshot, inp.now, until=year.end, memo=inp.clocks)
    commitments = {s.id: s.achievement_percent for s in inp.snapshot.slas}
    months, started = month_rows(inp, year, clocks)
    yearly = slafigures.achievement(slafigures.settled_in(clocks, year), commitments, inp.priorities())
    sat_year = satisfaction(inp, year, clocks)
    periodic = [periodic_summary(inp, s) for s in periodic_for(inp, year)]
    day = inp.now.astimezone(inp.zone).date()
    audit_rows = [summary(inp, a, day) for a in audits(inp) if year.start.date() <= a.plan.start <= year.last_day]
    for row in audit_rows:
        row.pop("results")
    complaints = [
        {
            "id": t.id,
            "title": t.title,
            "status": inp.label("status", t.status),
            "opened": inp.local(t.opened_at),
            "resolved": inp.local(inp.facts(t).resolved_at),
        }
        for t in sorted(opened_in(inp.snapshot.tickets, year), key=lambda t: (t.opened_at, t.id))
        if isinstance(t, Complaint)
    ]
    reviews = [
        {
            "id": r.id,
            "title": r.title,
            "held_on": r.held_on.isoformat(),
            "chair": inp.person(r.chair),
            "inputs": [{"topic": inp.label("topic", i.topic), "summary": i.summary} for i in r.inputs],
            "decisions": list(r.decisions),
            "actions": [
                {
                    "id": a.id,
                    "action": a.action,
                    "owner": inp.person(a.owner),
                    "due": a.due.isoformat(),
                    "status": inp.label("action_status", a.status),
                }
                for a in r.actions
            ],
        }
        for r in sorted(inp.snapshot.of_kind(ManagementReview, "review"), key=lambda r: (r.held_on, r.id))
        if year.start.date() <= r.held_on <= year.last_day
    ]
    problem_summary = problems(inp, year)
    change_summary = changes(inp, year)
    return {
        "report": {
            "year": year.name,
            "as_of": inp.local(inp.now),
            "source": inp.source,
            "organisation": inp.snapshot.policy.organisation if inp.snapshot.policy else "",
            "project": inp.snapshot.policy.name if inp.snapshot.policy else "",
        },
        "left_out": left_out(inp.snapshot),
        "months": months,
        "sla_chart": charts.sla_chart(months, [s.achievement_percent for s in inp.snapshot.slas]),
        "started": started,
        "sla": yearly,
        "satisfaction": sat_year,
        "periodic": periodic,
        "audits": audit_rows,
        "open_actions": open_actions(inp, min(year.end, inp.now)),
        "complaints": complaints,
        "improvements": {
            "problems_resolved": problem_summary["resolved"],
            "known_errors": [r for r in problem_summary["rows"] if r["known_error"]],
            "changes": change_summary["total"],
            "changes_successful": change_summary["successful"],
        },
        "reviews": reviews,
    }
