"""A ticket's current fields must agree with its event log and with the policy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from itsmctl.findings import Finding
from itsmctl.models import TICKET_KINDS, Change, Complaint, Incident, Policy, ServiceRequest, TicketBase
from itsmctl.models.events import Scheduled
from itsmctl.store.loader import LoadedFile
from itsmctl.store.snapshot import Snapshot
from itsmctl.tickets.assignees import refusal

APPROVED_OR_LATER = ("approved", "scheduled", "implementing", "trial_run", "reviewed", "closed")


def check_tickets(snapshot: Snapshot) -> Iterator[Finding]:
    policy = snapshot.policy
    for kind in TICKET_KINDS:
        for loaded in snapshot.by_kind.get(kind, []):
            ticket = loaded.record
            assert isinstance(ticket, TicketBase)
            yield from _event_log(loaded, ticket)
            yield from _current_fields(loaded, ticket)
            if policy is not None:
                yield from _priority(loaded, ticket, policy)
                yield from _assignee_side(loaded, ticket, policy)
            if isinstance(ticket, Change):
                yield from _change(loaded, ticket)
                yield from _change_window(loaded, ticket)
            if isinstance(ticket, Complaint):
                yield from _complaint(loaded, ticket)


def _complaint(loaded: LoadedFile, complaint: Complaint) -> Iterator[Finding]:
    """Independence: nobody a complaint is about handles it or acts on it.

    The ``opened`` event is exempt: the customer files the complaint, and whoever takes
    the call (even the person it is about) only records it.
    """
    about = set(complaint.about)
    if complaint.assignee in about:
        yield loaded.finding(("assignee",), "complaint", "a complaint cannot be handled by a person it is about")
    for i, event in enumerate(complaint.events):
        if event.type != "opened" and event.by in about:
            yield loaded.finding(
                ("events", i, "by"),
                "complaint",
                f"{event.by} acted on a complaint about them ({event.type}); a complaint is handled independently",
            )
        to = getattr(event, "to", None)
        if event.type == "assigned" and to in about:
            yield loaded.finding(("events", i, "to"), "complaint", f"assigned to {to}, a person the complaint is about")


def _event_log(loaded: LoadedFile, ticket: TicketBase) -> Iterator[Finding]:
    events = ticket.events
    if events[0].type != "opened":
        yield loaded.finding(("events", 0, "type"), "events", "the first event must be 'opened'")
    seen: dict[str, int] = {}
    for i, event in enumerate(events):
        if event.id in seen:
            yield loaded.finding(("events", i, "id"), "events", f"event id {event.id} repeats events[{seen[event.id]}]")
        seen.setdefault(event.id, i)
        if i and event.type == "opened":
            yield loaded.finding(("events", i, "type"), "events", "'opened' may only be the first event")
        if i and event.at < events[i - 1].at:
            yield loaded.finding(
                ("events", i, "at"),
                "events",
                f"event is earlier than the one before it ({events[i - 1].at.isoformat()}); the log is append-only",
            )
        to = getattr(event, "to", None)
        if event.type in ("status", "reopened") and to not in ticket.STATUSES:
            yield loaded.finding(("events", i, "to"), "events", f"{to!r} is not a {loaded.kind} status")


def _current_fields(loaded: LoadedFile, ticket: TicketBase) -> Iterator[Finding]:
    replayed = ticket.replayed_status()
    if replayed is not None and replayed != ticket.status:
        yield loaded.finding(
            ("status",), "status", f"status is {ticket.status!r} but the event log ends in {replayed!r}"
        )
    assigned = [e for e in ticket.events if e.type == "assigned" and e.to is not None]
    if assigned and assigned[-1].to != ticket.assignee:
        yield loaded.finding(
            ("assignee",),
            "assignee",
            f"assignee is {ticket.assignee!r} but the last assignment was to {assigned[-1].to!r}",
        )
    if isinstance(ticket, (Incident, ServiceRequest)) and ticket.status == "closed":
        last_resolved = max((i for i, e in enumerate(ticket.events) if e.type == "resolved"), default=None)
        confirmed = [
            i
            for i, e in enumerate(ticket.events)
            if e.type == "confirmed" and (last_resolved is None or i > last_resolved)
        ]
        if not confirmed:
            yield loaded.finding(
                ("status",),
                "confirmation",
                "closed without the customer's confirmation (a 'confirmed' event after resolving)",
            )


def _priority(loaded: LoadedFile, ticket: TicketBase, policy: Policy) -> Iterator[Finding]:
    scheme = policy.priority
    levels = {lv.id for lv in scheme.levels}
    if ticket.priority not in levels:
        yield loaded.finding(("priority",), "priority", f"{ticket.priority!r} is not a priority level of the policy")
        return
    changes = [e for e in ticket.events if e.type == "priority"]
    opening = getattr(ticket.events[0], "priority", None)
    if opening is not None and opening not in levels:
        yield loaded.finding(("events", 0, "priority"), "priority", f"{opening!r} is not a priority level")
    override = ticket.priority_override
    changed = bool(changes) or (override is not None and override.at > ticket.events[0].at)
    if changed and opening is None and not ticket.dimensions:
        yield loaded.finding(
            ("events", 0),
            "priority",
            "the opening priority is unknown (changed later by a priority event or override; no dimensions): "
            "write it on the opened event as 'priority' so the SLA clocks before the change can be computed",
        )
    if ticket.priority_override is not None:
        if ticket.priority_override.priority != ticket.priority:
            yield loaded.finding(("priority",), "priority", "priority differs from priority_override.priority")
        return
    if changes:
        last = changes[-1].to
        if last != ticket.priority:
            yield loaded.finding(
                ("priority",), "priority", f"priority is {ticket.priority} but the last priority event set {last}"
            )
        return
    needed = [d.id for d in scheme.dimensions]
    if not ticket.dimensions:
        if isinstance(ticket, (Incident, ServiceRequest)):
            yield loaded.finding(("dimensions",), "priority", f"an {loaded.kind} needs dimensions: {', '.join(needed)}")
        return
    for dimension in scheme.dimensions:
        value = ticket.dimensions.get(dimension.id)
        allowed = [lv.id for lv in dimension.levels]
        if value is None:
            yield loaded.finding(("dimensions",), "priority", f"dimension {dimension.id} is missing")
            return
        if value not in allowed:
            yield loaded.finding(
                ("dimensions", dimension.id),
                "priority",
                f"{value!r} is not a level of {dimension.id}: {', '.join(allowed)}",
            )
            return
    for extra in sorted(set(ticket.dimensions) - set(needed)):
        yield loaded.finding(("dimensions", extra), "priority", f"the policy has no dimension {extra!r}")
    expected = scheme.lookup(ticket.dimensions)
    if expected != ticket.priority:
        yield loaded.finding(
            ("priority",),
            "priority",
            f"the policy's matrix gives {expected} for these dimensions; "
            f"record a priority_override with a reason to keep {ticket.priority}",
        )


def _change(loaded: LoadedFile, change: Change) -> Iterator[Finding]:
    reached_approval = change.status in APPROVED_OR_LATER or any(e.type == "approved" for e in change.events)
    if not reached_approval:
        return
    missing = change.plan.missing()
    if missing:
        yield loaded.finding(
            ("plan",), "change-plan", f"approved without a complete plan; missing: {', '.join(missing)}"
        )
    if change.approval is None:
        yield loaded.finding(
            ("approval",), "change-approval", "approved without the customer's formal approval recorded"
        )


def _assignee_side(loaded: LoadedFile, ticket: TicketBase, policy: Policy) -> Iterator[Finding]:
    """A ticket is handled by the provider: its assignee is never a customer-only person."""
    reason = refusal(policy, ticket.assignee, ticket.group) if ticket.assignee else None
    if reason:
        yield loaded.finding(("assignee",), "assignee-role", reason)


def _change_window(loaded: LoadedFile, change: Change) -> Iterator[Finding]:
    """Implementing starts no earlier than the window of the last ``scheduled`` event before it."""
    window: Scheduled | None = None
    for i, event in enumerate(change.events):
        if isinstance(event, Scheduled):
            window = event
        elif window is not None and event.type == "status" and event.to == "implementing" and event.at < window.start:
            yield loaded.finding(
                ("events", i, "at"),
                "change-window",
                f"implementing started {event.at.isoformat()}, before the scheduled window "
                f"{window.start.isoformat()} – {window.end.isoformat()} ({window.id})",
            )


def check_future_events(snapshot: Snapshot, now: datetime) -> Iterator[Finding]:
    """A warning for each ticket event later than ``now`` (the check time): usually a typo in ``--at``.

    A warning, not an error: a store checked with an early ``--at`` is not broken.  The
    first such event of each ticket is reported (the rest follow from it).
    """
    for kind in TICKET_KINDS:
        for loaded in snapshot.by_kind.get(kind, []):
            ticket = loaded.record
            assert isinstance(ticket, TicketBase)
            for i, event in enumerate(ticket.events):
                if event.at > now:
                    yield loaded.finding(
                        ("events", i, "at"),
                        "future",
                        f"event {event.id} ({event.type}) is dated {event.at.isoformat()}, later than the check "
                        f"time {now.isoformat(timespec='seconds')}; a mistyped --at? every later command on this "
                        "ticket is refused until it is corrected",
                        "warning",
                    )
                    break
