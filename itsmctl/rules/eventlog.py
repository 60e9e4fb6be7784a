"""A ticket's event log: well formed, following its lifecycle, agreeing with the current fields."""

from __future__ import annotations

from collections.abc import Iterator

from itsmctl.models import TICKET_KINDS, TicketBase
from itsmctl.models.eventlog import steps
from itsmctl.rules.base import RuleContext, Violation, rule
from itsmctl.rules.lifecycle import LIFECYCLE_BY_KIND


@rule("events", TICKET_KINDS)
def well_formed(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """The log starts with one 'opened' event, event ids are unique, and times never go back."""
    events = ticket.events
    if events[0].type != "opened":
        yield Violation(("events", 0, "type"), "events", "the first event must be 'opened'")
    seen: dict[str, int] = {}
    for i, event in enumerate(events):
        if event.id in seen:
            yield Violation(("events", i, "id"), "events", f"event id {event.id} repeats events[{seen[event.id]}]")
        seen.setdefault(event.id, i)
        if i and event.type == "opened":
            yield Violation(("events", i, "type"), "events", "'opened' may only be the first event")
        if i and event.at < events[i - 1].at:
            yield Violation(
                ("events", i, "at"),
                "events",
                f"event is earlier than the one before it ({events[i - 1].at.isoformat()}); the log is append-only",
            )
        to = getattr(event, "to", None)
        if (event.type == "status" or (event.type == "reopened" and to is not None)) and to not in ticket.STATUSES:
            yield Violation(("events", i, "to"), "events", f"{to!r} is not a {ticket.kind} status")  # type: ignore[attr-defined]


@rule("lifecycle", TICKET_KINDS)
def follows_lifecycle(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """Every event follows the lifecycle table of its kind (docs/lifecycles.md) from the status it finds."""
    kind = str(ticket.kind)  # type: ignore[attr-defined]
    lifecycle = LIFECYCLE_BY_KIND[kind]
    for i, event, status, after in steps(ticket):
        if status is not None and after in ticket.STATUSES and not lifecycle.step_allowed(status, after, event.type):
            change = f"from {status} to {after}" if after != status else f"in status {status}"
            allowed = ", ".join(a for a in lifecycle.allowed_now(status) if a not in ("note", "link"))
            yield Violation(
                ("events", i, "type"),
                "lifecycle",
                f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}'s '{event.type}' event {change} does not follow "
                "its lifecycle; "
                f"from {status} the lifecycle allows: {allowed or 'nothing (final status)'}",
            )
            return  # the rest of the log follows from this step; one finding says it


@rule("status", TICKET_KINDS)
def status_agrees(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """The status field is where the event log leads."""
    replayed = ticket.replayed_status()
    if replayed is not None and replayed != ticket.status:
        yield Violation(("status",), "status", f"status is {ticket.status!r} but the event log ends in {replayed!r}")


@rule("assignee", TICKET_KINDS)
def assignee_agrees(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """The assignee field is the person of the last assignment."""
    assigned = [e for e in ticket.events if e.type == "assigned" and e.to is not None]
    if assigned and assigned[-1].to != ticket.assignee:
        yield Violation(
            ("assignee",),
            "assignee",
            f"assignee is {ticket.assignee!r} but the last assignment was to {assigned[-1].to!r}",
        )
