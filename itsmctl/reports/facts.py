"""Facts about one ticket read from its event log, shared by every report.

These are plain readings of the log (when it was resolved, by whom, was it first line),
not SLA clocks: anything measured against a target comes from ``itsmctl.sla``.  When a
ticket was resolved or closed and whether it is open come from ``itsmctl.models.eventlog``
(what ``ticket list`` uses), and statuses are replayed with ``TicketBase.status_after``
(what the commands use), so a report never counts a ticket differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from itsmctl.models import Problem, TicketBase
from itsmctl.models import eventlog as log
from itsmctl.priority.lookup import AUTOMATION_ACCOUNT, escalation_raises, ladder_accounts


@dataclass(frozen=True)
class TicketFacts:
    opened_at: datetime
    resolved_at: datetime | None
    """The last resolution, if the ticket is (still) resolved or closed."""
    closed_at: datetime | None
    """When it entered the final status it is in (closed, rolled back): what ``ticket list`` shows."""
    first_line: bool
    dispatched_at: datetime | None
    """The first assignment: dispatch, for the service-desk timings."""
    vendor_since: datetime | None
    """When the ticket last entered pending_vendor, if it ever did."""
    vendor_until: datetime | None
    """When it left pending_vendor after that (None while still there)."""
    vendor_updates: tuple[datetime, ...]
    """Notes recorded while at the vendor: the written progress reports."""
    change_result: str | None
    """For changes: successful / partial / failed from the review, or rolled_back; None when never
    reviewed (a change closed without its review is a finding, never counted a success)."""


def facts(ticket: TicketBase) -> TicketFacts:
    first_line = False
    dispatched_at: datetime | None = None
    vendor_since: datetime | None = None
    vendor_until: datetime | None = None
    updates: list[datetime] = []
    result: str | None = None
    status: str | None = None
    for event in ticket.events:
        if event.type == "resolved":
            first_line = event.first_line
        elif event.type == "reopened":
            first_line = False
        elif event.type == "assigned" and dispatched_at is None:
            dispatched_at = event.at
        elif event.type == "reviewed":
            result = event.result
        elif event.type == "rolled_back":
            result = "rolled_back"
        if status == "pending_vendor" and event.note:
            updates.append(event.at)
        new = ticket.status_after(status, event)
        if new is not None and new != status:
            if new == "pending_vendor":
                vendor_since, vendor_until, updates = event.at, None, []
            elif status == "pending_vendor":
                vendor_until = event.at
            status = new
    return TicketFacts(
        opened_at=ticket.opened_at,
        resolved_at=log.resolved_at(ticket),
        closed_at=log.closed_at(ticket),
        first_line=first_line,
        dispatched_at=dispatched_at,
        vendor_since=vendor_since,
        vendor_until=vendor_until,
        vendor_updates=tuple(updates),
        change_result=result,
    )


def is_known_error(ticket: TicketBase) -> bool:
    return isinstance(ticket, Problem) and (ticket.known_error or ticket.status == "known_error")


def recorded_reasons(
    ticket: TicketBase,
    after: datetime | None = None,
    target: str | None = None,
    automation: Iterable[str] = (AUTOMATION_ACCOUNT,),
) -> str:
    """What a person recorded for a breach of ``target`` at ``after`` (its ``breached_at``).

    The latest explanation of that target (``itsmctl ticket explain``) when there is one;
    else the latest note or status reason written at or after the breach, since only those
    can explain it (a guidance note written at opening, a downgrade's reason, an earlier
    resolution text do not); else "" (the report shows 未记录 / not recorded).  The
    escalation ladder's own events (its rungs, the raises it makes, anything its account
    writes: ``ladder_accounts``) are never a reason: they say that the clock breached, not why.
    """
    automatic = escalation_raises(ticket)
    ladder = ladder_accounts(ticket, automation)
    explained = [
        e
        for e in ticket.events
        if e.type == "explained" and (target is None or e.target == target) and e.by not in ladder
    ]
    if explained:
        return str(getattr(explained[-1], "reason", "")).strip()
    if after is None:
        return ""
    texts: list[str] = []
    for event in ticket.events:
        if event.type in ("escalated", "explained") or event.id in automatic or event.by in ladder:
            continue
        if event.at < after:
            continue
        for text in (getattr(event, "reason", None), event.note):
            if isinstance(text, str) and text.strip():
                texts.append(text.strip())
    return texts[-1] if texts else ""
