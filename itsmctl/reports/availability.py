"""Availability of the customer's business services (可用率, ISO/IEC 20000 §5.3.5) against the
SLA's targets, from the unplanned outages the records show.

An **unplanned outage** is an incident that interrupted service: one with a ``recovered`` event
(service restored, the recovery target) or marked ``major``.  It lasts from the incident's
opening to its recovery (else its resolution; still going at the report's moment if neither).
It takes down a business service (a CI of class ``business_service``) when the service is one of
the incident's CIs or the CMDB's relations carry the failure of one of them to the service as
**down** (``itsmctl.cmdb.impact``: a service with redundancy left is degraded, not down, and is
not counted).  Outages of one service that overlap are counted once.  Availability is
1 − down time / the period's length (up to the report's moment), both over clock time (7×24), or
over the service hours the SLA names (``availability_hours``: a calendar's working time, so an
outage on a holiday night costs nothing).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from itsmctl.calendar.business import BusinessCalendar, ClockTime, TimeBasis
from itsmctl.cmdb.impact import RelationGraph, impact
from itsmctl.models import Incident
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.reports.common import Period, ReportInput


def _window(inp: ReportInput, t: Incident) -> tuple[datetime, datetime]:
    recovered = [e.at for e in t.events if e.type == "recovered"]
    end = min(recovered) if recovered else inp.facts(t).resolved_at
    return t.opened_at, end if end is not None else inp.now


def _merged(spans: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    out: list[tuple[datetime, datetime]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _basis(inp: ReportInput, calendar_id: str | None) -> tuple[TimeBasis, str]:
    """The time availability is measured over and how the report names it."""
    record = inp.snapshot.get(calendar_id) if calendar_id else None
    if isinstance(record, CalendarRecord):
        return BusinessCalendar(record), record.name
    if calendar_id:  # validate names the unknown calendar (ref); the report says what it measured instead
        unknown = f"7×24（日历 {calendar_id} 不存在）" if inp.lang == "zh" else f"7×24 (no calendar {calendar_id})"
        return ClockTime(), unknown
    return ClockTime(), "7×24"


def availability(inp: ReportInput, period: Period) -> dict[str, Any]:
    """Each business service with an availability target: down time, availability, verdict; the outages."""
    targets: dict[str, float] = {}
    hours: dict[str, str | None] = {}
    for sla in sorted(inp.snapshot.slas, key=lambda s: s.id):
        for service, percent in sla.availability.items():
            if service not in targets:
                targets[service], hours[service] = percent, sla.availability_hours
    if not targets:
        return {"services": [], "outages": [], "defined": False}
    start, end = period.start, min(period.end, inp.now)
    graph = RelationGraph(inp.snapshot.cis)
    down: dict[str, list[tuple[datetime, datetime]]] = {s: [] for s in targets}
    outages = []
    for t in sorted(inp.snapshot.tickets, key=lambda t: (t.opened_at, t.id)):
        if not isinstance(t, Incident) or not (t.major or any(e.type == "recovered" for e in t.events)):
            continue
        began, ended = _window(inp, t)
        if ended <= start or began >= end:
            continue
        hit = {c for c in t.cis if c in targets}
        for ci in t.cis:
            hit.update(a.id for a in impact(graph, ci).services if a.state == "down" and a.id in targets)
        if not hit:
            continue
        span = (max(began, start), min(ended, end))
        for service in hit:
            down[service].append(span)
        outages.append(
            {
                "id": t.id,
                "title": t.title,
                "services": ", ".join(sorted(hit)),
                "start": inp.local(began),
                "end": inp.local(ended) if ended < inp.now else "",
                "seconds": (span[1] - span[0]).total_seconds(),
            }
        )
    cis = {c.id: c for c in inp.snapshot.cis}
    rows = []
    for service, target in sorted(targets.items()):
        time, basis = _basis(inp, hours[service])
        length = max(time.seconds_between(start, end), 1)
        lost = sum(time.seconds_between(a, b) for a, b in _merged(down[service]))
        achieved = round(100 * (1 - lost / length), 3)
        rows.append(
            {
                "id": service,
                "name": cis[service].name if service in cis else "",
                "target": target,
                "down_seconds": lost,
                "measured_seconds": length,
                "basis": basis,
                "availability": achieved,
                "ok": achieved >= target,
            }
        )
    return {"services": rows, "outages": outages, "defined": True}
