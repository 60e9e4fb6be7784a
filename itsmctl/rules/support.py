"""Closing and reopening: the customer agrees, the resolution is recorded, reopen in time.

These are the rules of response support (事件、服务请求) and of complaints and problems
where they share them: a ticket closes only after the customer accepted the result and
agreed to close (客户接受支持结果并同意结束), which a customer-side contact says; a closed
ticket carries the resolution it closed with; a closed ticket is reopened only within the
policy's reopen window.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from itsmctl.models import Policy, TicketBase
from itsmctl.models.base import Span
from itsmctl.models.eventlog import steps
from itsmctl.models.events import Assigned
from itsmctl.rules.base import RuleContext, Violation, rule
from itsmctl.rules.people import customer_only, holds, roles_of

if TYPE_CHECKING:
    from itsmctl.calendar.business import BusinessCalendar

CONFIRMING_KINDS = ("incident", "request")
"""Kinds that close only on the customer's confirmation."""


def _closings(ticket: TicketBase) -> Iterator[int]:
    """Indexes of the events that moved the ticket into ``closed``."""
    return (i for i, _, before, after in steps(ticket) if after == "closed" and before != "closed")


@rule("confirmation", CONFIRMING_KINDS)
def confirmed_before_closing(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """An incident or request closes only after the customer's confirmation ('confirmed' after the last 'resolved')."""
    for closing in _closings(ticket):
        before = ticket.events[:closing]
        last_resolved = max((i for i, e in enumerate(before) if e.type == "resolved"), default=-1)
        if not any(e.type == "confirmed" for e in before[last_resolved + 1 :]):
            yield Violation(
                ("events", closing),
                "confirmation",
                "closed without the customer's confirmation (客户同意结束): no 'confirmed' event after the last "
                "'resolved'",
            )


@rule("confirmation-contact", ("incident", "request", "complaint"), needs_policy=True)
def confirmation_from_customer(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """The customer's confirmation names a customer-side contact, never one of the provider's (a tacit one: none)."""
    assert ctx.policy is not None
    for i, event in enumerate(ticket.events):
        if event.type == "confirmed" and not event.tacit and not customer_only(ctx.policy, str(event.contact)):
            yield Violation(
                ("events", i, "contact"),
                "confirmation-contact",
                f"{event.contact} (roles: {roles_of(ctx.policy, event.contact)}) is not on the customer's side; "
                "the customer's confirmation names the customer's contact (role customer or customer_approver)",
            )


@rule("resolution", ("incident", "request", "problem", "complaint"))
def closed_with_resolution(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """A resolved or closed ticket carries its resolution: a 'resolved' event with text, not reopened since."""
    if ticket.status not in ("resolved", "closed"):
        return
    standing = None
    for event in ticket.events:
        if event.type == "resolved":
            standing = event
        elif event.type == "reopened":
            standing = None
    if standing is None:
        yield Violation(
            ("status",),
            "resolution",
            f"the ticket is {ticket.status} but no 'resolved' event records its resolution",
        )
    elif not standing.resolution.strip():
        yield Violation(("events",), "resolution", "the resolution of the last 'resolved' event is blank")


def window_end(start: datetime, window: Span, calendar: BusinessCalendar | None) -> datetime | None:
    """The moment a policy window opened at ``start`` ends: the reopen window after a closing,
    the tacit-confirmation period after a resolution.

    A window in days or hours (``7d``) is absolute time.  A window in business days
    (``5bd``) ends at the end of the Nth working day after the start's day, on the ticket's
    business calendar; None when there is no calendar to count them on.
    """
    if not window.business_days:
        return start + timedelta(seconds=window.seconds)
    return calendar.end_of_working_days(start, window.business_days) if calendar is not None else None


@rule("reopen-window", ("incident", "request", "problem", "complaint"), needs_policy=True)
def reopened_in_time(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """A closed ticket is reopened only within the policy's reopen_window (``bd``: on the ticket's calendar)."""
    assert ctx.policy is not None
    window = ctx.policy.reopen_window
    closed: datetime | None = None
    for i, event, status, _ in steps(ticket):
        if event.type == "closed":
            closed = event.at
        elif event.type == "reopened" and status == "closed" and closed is not None:
            calendar = ctx.calendar_for(ticket) if window.business_days else None
            limit = window_end(closed, window, calendar)
            if limit is None:
                yield Violation(
                    ("events", i),
                    "reopen-window",
                    f"the reopen window is {window} (business days) but no business calendar with working days "
                    f"is known for {ticket.id}: pin its SLA (sla:), keep exactly one calendar in calendars/, "
                    "or give reopen_window in days (e.g. 7d)",
                )
            elif not (event.at < limit if window.business_days else event.at <= limit):
                yield Violation(
                    ("events", i, "at"),
                    "reopen-window",
                    f"reopened more than the reopen window ({window}) after it was closed at "
                    f"{closed.isoformat()}; open a new ticket instead",
                )


DESK_ROLE = "service_desk"
"""The first line (一线) is the service desk: the people who hold this role."""


def _dispatch(policy: Policy | None, event: Assigned) -> str | None:
    """Why ``event`` sends the ticket past the service desk (派单 to the second line), or None.

    An assignment to a person without the ``service_desk`` role, or to a group with a member
    without it, is a dispatch; one to the desk itself (the sample's ``service_desk`` group,
    taken by its own member) is not.  Without a policy nobody's role is known: no finding.
    """
    if policy is None:
        return None
    if event.to and not holds(policy, event.to, DESK_ROLE):
        return f"it was dispatched to {event.to} (roles: {roles_of(policy, event.to)}), not the service desk"
    if event.group:
        members = [m for g in policy.groups if g.id == event.group for m in g.members]
        if not members or any(not holds(policy, m, DESK_ROLE) for m in members):
            return f"it was dispatched to the group {event.group}, not the service desk"
    return None


@rule("first-line", CONFIRMING_KINDS)
def first_line_without_dispatch(ticket: TicketBase, ctx: RuleContext) -> Iterator[Violation]:
    """First line (first_line: true) is a resolution by the service desk alone: never dispatched past it or on site."""
    onsite = ticket.delivery == "onsite"
    dispatched: str | None = None
    for i, event in enumerate(ticket.events):
        if event.type == "onsite":
            onsite = True
        if isinstance(event, Assigned) and dispatched is None:
            dispatched = _dispatch(ctx.policy, event)
        if event.type == "resolved" and event.first_line and (onsite or dispatched):
            if onsite:
                why = "its delivery is onsite" if ticket.delivery == "onsite" else "an engineer went on site ('onsite')"
            else:
                why = str(dispatched)
            yield Violation(
                ("events", i, "first_line"),
                "first-line",
                f"marked solved at the first line (一线解决), but {why}: the service desk did not solve it alone",
            )
