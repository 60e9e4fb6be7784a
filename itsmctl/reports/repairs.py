"""The monthly repair summary (维修汇总, due by the 10th): repairs, spare parts, and
vendor warranty repairs with their progress (written progress every 3 working days)."""

from __future__ import annotations

from typing import Any

from itsmctl.models import Incident, ServiceRequest, TicketBase
from itsmctl.reports.common import Period, ReportInput, left_out

PROGRESS_EVERY_DAYS = 3
"""Vendor repairs: written progress every 3 working days; shown here in calendar days."""


def _is_repair(ticket: TicketBase, inp: ReportInput) -> bool:
    if not isinstance(ticket, (Incident, ServiceRequest)):
        return False
    if ticket.delivery == "onsite":
        return True
    return inp.facts(ticket).vendor_since is not None or any(
        e.type in ("onsite", "part_arrived") for e in ticket.events
    )


def build(inp: ReportInput, period: Period) -> dict[str, Any]:
    today = inp.now.astimezone(inp.zone)
    repairs, parts, vendor = [], [], []
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
        if (
            f.vendor_since is not None
            and f.vendor_since < period.end
            and (f.vendor_until is None or f.vendor_until >= period.start)
        ):
            end = f.vendor_until or today
            last = max([f.vendor_since, *f.vendor_updates])
            silent = (today - last).days if f.vendor_until is None else None
            vendor.append(
                {
                    "id": t.id,
                    "title": t.title,
                    "cis": ", ".join(t.cis),
                    "since": inp.local(f.vendor_since),
                    "back": inp.local(f.vendor_until),
                    "days": (end - f.vendor_since).days,
                    "updates": len(f.vendor_updates),
                    "last_update": inp.local(last),
                    "late_update": silent is not None and silent > PROGRESS_EVERY_DAYS,
                    "silent_days": silent,
                }
            )
    return {
        "report": {
            "period": period.name,
            "as_of": inp.local(inp.now),
            "source": inp.source,
            "organisation": inp.snapshot.policy.organisation if inp.snapshot.policy else "",
            "project": inp.snapshot.policy.name if inp.snapshot.policy else "",
            "progress_days": PROGRESS_EVERY_DAYS,
        },
        "left_out": left_out(inp.snapshot),
        "repairs": sorted(repairs, key=lambda r: (r["opened"], r["id"])),
        "resolved": sum(1 for r in repairs if r["resolved"]),
        "parts": sorted(parts, key=lambda r: (r["arrived"], r["id"])),
        "vendor": sorted(vendor, key=lambda r: (r["since"], r["id"])),
    }
