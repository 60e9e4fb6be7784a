"""Workload, changes, problems and satisfaction figures shared by the monthly, quality
and review reports: plain counts over the tickets and surveys of a period."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from itsmctl.models import Change, Complaint, Incident, Problem, ServiceRequest, Survey, TicketBase
from itsmctl.models.eventlog import is_unresolved, status_at
from itsmctl.priority.lookup import assessed
from itsmctl.reports.common import Period, ReportInput, counted, percent
from itsmctl.reports.facts import is_known_error
from itsmctl.reports.slafigures import CALLBACK, MET, Clock, settled_in
from itsmctl.reports.surveys import periodic_summary

SCORES = (5, 4, 3, 2, 1)


def _rows(pairs: list[tuple[Any, int]], name: Any, total: int, lang: str = "zh") -> list[dict[str, Any]]:
    unset = "（未填写）" if lang == "zh" else "(not set)"
    return [
        {"key": key, "name": unset if key == "-" else name(key), "count": n, "percent": percent(n, total)}
        for key, n in pairs
    ]


def opened_in(tickets: list[TicketBase], period: Period) -> list[TicketBase]:
    return [t for t in tickets if t.opened_at in period]


def workload(inp: ReportInput, period: Period) -> dict[str, Any]:
    """Volumes by kind, service, category, channel, group and engineer; first-line rate."""
    tickets = inp.snapshot.tickets
    opened = opened_in(tickets, period)
    total = len(opened)
    kinds = ["incident", "request", "problem", "change", "complaint"]
    support = [t for t in tickets if isinstance(t, (Incident, ServiceRequest))]
    resolved = [t for t in support if inp.facts(t).resolved_at in period]
    first = [t for t in resolved if inp.facts(t).first_line]
    open_at_end = [t for t in tickets if is_unresolved(t, at_end(inp, period))]
    matrix = inp.snapshot.policy.priority if inp.snapshot.policy is not None else None
    return {
        "opened": total,
        "resolved": len([t for t in tickets if inp.facts(t).resolved_at in period]),
        "closed": len([t for t in tickets if inp.facts(t).closed_at in period]),
        "open_at_end": len(open_at_end),
        "by_kind": _rows(counted((t.kind for t in opened), kinds), lambda k: inp.label("kind", k), total),  # type: ignore[attr-defined]
        "by_priority": _rows(
            counted((assessed(t, matrix) for t in opened), inp.priorities()),
            lambda p: f"{p} {inp.priority_name(p)}",
            total,
        ),
        "by_service": _rows(counted(t.service for t in opened), inp.service, total),
        "by_category": _rows(
            counted(t.category or "-" for t in opened), lambda c: inp.label("category", c), total, inp.lang
        ),
        "by_channel": _rows(counted(t.channel for t in opened), lambda c: inp.label("channel", c), total),
        "by_group": _rows(counted(t.group or "-" for t in opened), inp.group, total, inp.lang),
        "by_engineer": _rows(counted(t.assignee or "-" for t in opened), inp.person, total, inp.lang),
        "first_line": {
            "resolved": len(resolved),
            "first_line": len(first),
            "percent": percent(len(first), len(resolved)),
        },
    }


def closing_confirmation(ticket: TicketBase) -> str | None:
    """How the customer agreed to the ticket's last closing: ``explicit`` (a contact confirmed),
    ``tacit`` (only silence, 默认确认) or None (no confirmation since the last resolution)."""
    standing: str | None = None
    last: str | None = None
    for event in ticket.events:
        if event.type in ("resolved", "reopened"):
            standing = None
        elif event.type == "confirmed":
            standing = "tacit" if event.tacit and standing != "explicit" else "explicit"
        elif event.type == "closed":
            last = standing
    return last


def confirmations(inp: ReportInput, period: Period) -> dict[str, Any]:
    """Incidents and requests closed in the period by the confirmation they closed on.

    A tacit confirmation is the customer's silence, not their satisfaction: it is counted
    apart and never as an explicit one (satisfaction itself comes from surveys)."""
    closed = [
        t
        for t in inp.snapshot.tickets
        if isinstance(t, (Incident, ServiceRequest)) and inp.facts(t).closed_at in period
    ]
    by = Counter(closing_confirmation(t) for t in closed)
    return {
        "closed": len(closed),
        "explicit": by["explicit"],
        "tacit": by["tacit"],
        "explicit_percent": percent(by["explicit"], len(closed)),
    }


def at_end(inp: ReportInput, period: Period) -> datetime:
    """The moment "open at the end of the period" is read at: its end, or the as-of moment if earlier."""
    return min(period.end, inp.now)


def major_incidents(inp: ReportInput, period: Period) -> list[dict[str, Any]]:
    rows = []
    for t in inp.snapshot.tickets:
        f = inp.facts(t)
        if isinstance(t, Incident) and t.major and (t.opened_at in period or f.resolved_at in period):
            rows.append(
                {
                    "id": t.id,
                    "title": t.title,
                    "priority": t.priority,
                    "service": inp.service(t.service),
                    "opened": inp.local(t.opened_at),
                    "resolved": inp.local(f.resolved_at),
                    "duration": (f.resolved_at - t.opened_at).total_seconds() if f.resolved_at else None,
                    "status": inp.label("status", t.status),
                }
            )
    return sorted(rows, key=lambda r: (r["opened"], r["id"]))


def hours_text(seconds: int) -> str:
    """Seconds as hours to two decimals, half up, without trailing zeros: 2.25, 1.5, 39."""
    value = (Decimal(seconds) / 3600).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return format(value.normalize(), "f")


def hours(inp: ReportInput, period: Period) -> dict[str, Any]:
    """工时: the time spent recorded on ticket events in the period (``spent:``), per service and
    per engineer, in hours to two decimals, half up (quarter hours are exact, so rows of quarter-hour entries add
    up to the total);
    how many events recorded it."""
    by_service: Counter[str] = Counter()
    by_engineer: Counter[str] = Counter()
    events = 0
    for t in inp.snapshot.tickets:
        for e in t.events:
            if e.spent is None or e.at not in period:
                continue
            events += 1
            by_service[t.service] += e.spent.seconds
            by_engineer[e.by] += e.spent.seconds
    total = sum(by_service.values())

    def rows(counts: Counter[str], name: Any) -> list[dict[str, Any]]:
        return [
            {"name": name(key), "hours": hours_text(seconds), "percent": percent(seconds, total)}
            for key, seconds in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]

    return {
        "total_hours": hours_text(total),
        "events": events,
        "by_service": rows(by_service, inp.service),
        "by_engineer": rows(by_engineer, inp.person),
    }


SECURITY_CATEGORY = "security"
"""The category of information security tickets (信息安全): attacks, malware, access, vulnerabilities."""


def security(inp: ReportInput, period: Period) -> dict[str, Any]:
    """Information security tickets (ISO/IEC 20000 §5.2.3) of every kind: opened in the period,
    resolved in it, or open at its end (with their status then)."""
    end = at_end(inp, period)
    tickets = [t for t in inp.snapshot.tickets if t.category == SECURITY_CATEGORY]
    open_at_end = {t.id for t in tickets if t.opened_at < end and is_unresolved(t, end)}
    rows = [
        {
            "id": t.id,
            "kind": inp.label("kind", getattr(t, "kind", "")),
            "title": t.title,
            "priority": t.priority,
            "opened": inp.local(t.opened_at),
            "resolved": inp.local(inp.facts(t).resolved_at),
            "status": inp.label("status", status_at(t, end)),
        }
        for t in tickets
        if t.opened_at in period or inp.facts(t).resolved_at in period or t.id in open_at_end
    ]
    return {
        "rows": sorted(rows, key=lambda r: (r["opened"], r["id"])),
        "opened": sum(1 for t in tickets if t.opened_at in period),
        "open_at_end": len(open_at_end),
    }


REVIEWED = ("successful", "partial", "failed", "rolled_back")
"""The outcomes of a change's review; a change finished without one is 未评价 and is no success."""


def changes(inp: ReportInput, period: Period) -> dict[str, Any]:
    """Changes opened in the period or finished in it (closed or rolled back, as ``ticket list`` reads it)."""
    rows = []
    outcome: Counter[str] = Counter()
    for t in inp.snapshot.tickets:
        if not isinstance(t, Change):
            continue
        f = inp.facts(t)
        ended = f.closed_at
        if t.opened_at not in period and ended not in period:
            continue
        if ended in period and f.change_result:
            outcome[f.change_result] += 1
        elif ended in period:
            outcome["unreviewed"] += 1
        if t.change_type == "emergency":
            outcome["emergency"] += 1
        rows.append(
            {
                "id": t.id,
                "title": t.title,
                "type": inp.label("change_type", t.change_type),
                "emergency": t.change_type == "emergency",
                "risk": inp.label("risk", t.risk) if t.risk else "",
                "status": inp.label("status", t.status),
                "result": inp.label("change_result", f.change_result) if f.change_result else "",
                "cis": ", ".join(t.cis),
                "opened": inp.local(t.opened_at),
                "ended": inp.local(ended),
            }
        )
    rows.sort(key=lambda r: (r["opened"], r["id"]))
    return {
        "rows": rows,
        "total": len(rows),
        "successful": outcome["successful"],
        "partial": outcome["partial"],
        "failed": outcome["failed"],
        "rolled_back": outcome["rolled_back"],
        "emergency": outcome["emergency"],
        "reviewed": sum(outcome[k] for k in REVIEWED),
        "unreviewed": outcome["unreviewed"],
        "success_percent": percent(outcome["successful"], sum(outcome[k] for k in REVIEWED)),
    }


def problems(inp: ReportInput, period: Period) -> dict[str, Any]:
    items = [t for t in inp.snapshot.tickets if isinstance(t, Problem) and t.opened_at < period.end]
    rows = []
    for t in items:
        f = inp.facts(t)
        active = t.opened_at in period or f.resolved_at in period or is_unresolved(t, inp.now)
        if not active:
            continue
        rows.append(
            {
                "id": t.id,
                "title": t.title,
                "status": inp.label("status", t.status),
                "known_error": is_known_error(t),
                "root_cause": t.root_cause or "",
                "workaround": t.workaround or "",
                "incidents": len(t.incidents),
                "opened": inp.local(t.opened_at),
                "resolved": inp.local(f.resolved_at),
            }
        )
    rows.sort(key=lambda r: (r["opened"], r["id"]))
    # "open" and "open_known_errors" count the same set (unresolved at the period's end),
    # so the part never exceeds the whole; "known_errors" counts the rows listed.
    still_open = [t for t in items if is_unresolved(t, at_end(inp, period))]
    return {
        "solved_by_known_error": solved_by_known_error(inp, period, items),
        "rows": rows,
        "opened": sum(1 for t in items if t.opened_at in period),
        "resolved": sum(1 for t in items if inp.facts(t).resolved_at in period),
        "known_errors": sum(1 for r in rows if r["known_error"]),
        "open": len(still_open),
        "open_known_errors": sum(1 for t in still_open if is_known_error(t)),
    }


def solved_by_known_error(inp: ReportInput, period: Period, problems: list[Problem]) -> int:
    """Incidents resolved in the period that a known error is linked to, either way (the problem's
    ``incidents:`` or the incident's ``related:``): the known-error base at work (004 §7.2.2)."""
    known = [p for p in problems if is_known_error(p)]
    ids = {p.id for p in known}
    linked = {i for p in known for i in p.incidents}
    return sum(
        1
        for t in inp.snapshot.tickets
        if isinstance(t, Incident)
        and (t.id in linked or any(r in ids for r in t.related))
        and inp.facts(t).resolved_at in period
    )


def surveys(inp: ReportInput) -> list[Survey]:
    return inp.snapshot.of_kind(Survey, "survey")


def satisfaction(inp: ReportInput, period: Period, clocks: list[Clock]) -> dict[str, Any]:
    """Callbacks (the SLA engine's callback clocks settled in the period): how many were made at all
    (coverage, 覆盖率) and how many in time (timeliness, 及时率); scores, complaints."""
    callbacks = settled_in(clocks, period, (CALLBACK,))
    on_time = sum(1 for c in callbacks if c.state == MET)
    called_back = {s.ticket for s in surveys(inp) if s.survey_type == "callback" and s.ticket}
    called = sum(1 for c in callbacks if c.stopped_at is not None or c.ticket_id in called_back)
    missing = []
    for clock in callbacks:
        if clock.state != MET:
            ticket = inp.snapshot.get(clock.ticket_id)
            missing.append(
                {
                    "id": clock.ticket_id,
                    "title": getattr(ticket, "title", ""),
                    "resolved": inp.local(clock.started_at),
                    "callback": inp.local(clock.stopped_at),
                }
            )
    in_period = [s for s in surveys(inp) if s.at in period]
    calls = [s for s in in_period if s.survey_type == "callback"]
    reached = sum(1 for s in calls if s.reached)
    # a periodic survey's score stands for many respondents: its figures are its own (``periodic``)
    scored = [s.score for s in calls if s.score is not None and s.reached]
    distribution = Counter(scored)
    complaints = [
        {
            "id": t.id,
            "title": t.title,
            "status": inp.label("status", t.status),
            "opened": inp.local(t.opened_at),
            "about": inp.listing(inp.person(p) for p in t.about),
        }
        for t in inp.snapshot.tickets
        if isinstance(t, Complaint) and t.opened_at in period
    ]
    return {
        "callbacks": len(callbacks),
        "callbacks_on_time": on_time,
        "called": called,
        "coverage": percent(called, len(callbacks)),
        "timely": percent(on_time, len(callbacks)),
        "defined": any(s.callback is not None for s in inp.snapshot.slas),
        "missing": sorted(missing, key=lambda r: r["id"]),
        "surveys": len(calls),
        "unreached": sum(1 for s in calls if not s.reached),
        "callback_surveys": len(calls),
        "callback_surveys_reached": reached,
        "reach_percent": percent(reached, len(calls)),
        "scores": [
            {"score": n, "count": distribution.get(n, 0), "percent": percent(distribution.get(n, 0), len(scored))}
            for n in SCORES
        ],
        "scored": len(scored),
        "average": round(sum(scored) / len(scored), 2) if scored else None,
        "complaints": sorted(complaints, key=lambda r: (r["opened"], r["id"])),
        "periodic": [
            periodic_summary(inp, s)
            for s in sorted(in_period, key=lambda s: (s.at, s.id))
            if s.survey_type == "periodic"
        ],
    }
