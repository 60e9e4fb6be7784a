"""The monthly repair summary (维修汇总, due by the 10th): repairs, spare parts, vendor
warranty repairs with their progress and return measured by the SLA engine
(``itsmctl.sla.repairs``: written progress every 3 working days on the ticket's calendar,
back before the second weekend after sending, a loaner where agreed), and waits on a
vendor's spare part, which are not repairs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from itsmctl.models import Incident, ServiceRequest, TicketBase
from itsmctl.reports.common import Period, ReportInput, left_out
from itsmctl.reports.document import document_control
from itsmctl.sla.evaluate import SlaContext
from itsmctl.sla.repairs import MeasuredTrip, measured_trips

SECONDS_PER_HOUR = 3600
SECONDS_PER_DAY = 86400


def _is_repair(ticket: TicketBase, inp: ReportInput) -> bool:
    if not isinstance(ticket, (Incident, ServiceRequest)):
        return False
    if ticket.delivery == "onsite":
        return True
    return inp.facts(ticket).vendor_since is not None or any(
        e.type in ("onsite", "part_arrived", "repair_sent") for e in ticket.events
    )


def _hours(seconds: int) -> str:
    return f"{seconds / SECONDS_PER_HOUR:.1f}"


def _days(span: timedelta) -> str:
    """Calendar days to one decimal: a 22-hour repair is 0.9 days, not 0."""
    return f"{span.total_seconds() / SECONDS_PER_DAY:.1f}"


def _vendor_row(inp: ReportInput, t: TicketBase, m: MeasuredTrip) -> dict[str, Any]:
    """One trip: sent, back, progress, and the two clocks (late progress, late return) where the SLA sets them."""
    trip, f = m.trip, m.figures
    back = trip.returned if trip.returned is not None and trip.returned <= inp.now else None
    end = back or inp.now
    progress = [p for p in trip.progress if p <= inp.now]
    return {
        "id": t.id,
        "title": t.title,
        "cis": trip.device or ", ".join(t.cis),
        "vendor": trip.vendor,
        "since": inp.local(trip.sent),
        "back": inp.local(back),
        "days": _days(end - trip.sent),
        "updates": len(progress),
        "last_update": inp.local(max(progress)) if progress else "",  # the send is no progress
        "progress_state": f.progress.state if f else None,
        "longest_gap_hours": _hours(f.progress.elapsed_seconds) if f else "",
        "late_updates": f.late_gaps if f else 0,
        "next_update_due": inp.local(f.progress.deadline) if f and back is None else "",
        "return_due": inp.local(f.back.deadline) if f else "",
        "return_state": f.back.state if f else None,
        "loaner": inp.local(trip.loaner_issued),
        "loaner_missing": bool(m.terms and m.terms.loaner and trip.loaner_issued is None),
    }


def build(inp: ReportInput, period: Period) -> dict[str, Any]:
    today = inp.now.astimezone(inp.zone)
    repairs, parts, vendor, waits = [], [], [], []
    estimated: set[int] = set()
    ctx = SlaContext.of(inp.snapshot)
    for t in inp.snapshot.tickets:
        if not _is_repair(t, inp):
            continue
        f = inp.facts(t)
        active = (
            t.opened_at in period or f.resolved_at in period or (t.opened_at < period.end and f.resolved_at is None)
        )
        if active:
            onsite = [e.at for e in t.events if e.type == "onsite"]
            repairs.append(
                {
                    "id": t.id,
                    "title": t.title,
                    "cis": ", ".join(t.cis),
                    "engineer": inp.person(t.assignee),
                    "opened": inp.local(t.opened_at),
                    "onsite": inp.local(onsite[0]) if onsite else "",
                    "resolved": inp.local(f.resolved_at),
                    "status": inp.label("status", t.status),
                }
            )
        for e in t.events:
            if e.type == "part_arrived" and e.at in period:
                parts.append(
                    {
                        "id": t.id,
                        "title": t.title,
                        "part": getattr(e, "part", None) or e.note or "",
                        "arrived": inp.local(e.at),
                        "cis": ", ".join(t.cis),
                    }
                )
        trips = measured_trips(t, ctx, inp.now)
        for m in trips:
            if m.trip.sent < period.end and (m.trip.returned is None or m.trip.returned >= period.start):
                vendor.append(_vendor_row(inp, t, m))
                if m.figures:  # a return or progress deadline on estimated holidays may move
                    estimated.update(m.figures.progress.estimated_years, m.figures.back.estimated_years)
        away = {m.trip.sent for m in trips}
        if (
            f.vendor_since is not None
            and f.vendor_since < period.end
            and (f.vendor_until is None or f.vendor_until >= period.start)
            and not any(f.vendor_since <= sent <= (f.vendor_until or inp.now) for sent in away)
        ):
            end = f.vendor_until or today
            waits.append(
                {
                    "id": t.id,
                    "title": t.title,
                    "cis": ", ".join(t.cis),
                    "since": inp.local(f.vendor_since),
                    "until": inp.local(f.vendor_until),
                    "days": _days(end - f.vendor_since),
                }
            )
    return {
        "report": {"period": period.name, **inp.heading()},
        "document": document_control(inp, "repairs", period),
        "left_out": left_out(inp.snapshot),
        "estimated_years": sorted(estimated),
        "repairs": sorted(repairs, key=lambda r: (r["opened"], r["id"])),
        "resolved": sum(1 for r in repairs if r["resolved"]),
        "parts": sorted(parts, key=lambda r: (r["arrived"], r["id"])),
        "vendor": sorted(vendor, key=lambda r: (r["since"], r["id"])),
        "vendor_late": sum(1 for r in vendor if r["progress_state"] in ("missed", "breached")),
        "vendor_late_return": sum(1 for r in vendor if r["return_state"] in ("missed", "breached")),
        "waits": sorted(waits, key=lambda r: (r["since"], r["id"])),
    }
