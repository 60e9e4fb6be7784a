"""When a ticket was resolved, when it closed, whether it is open: read from its event log.

The one place these readings are made, below every package that needs them (the SLA
clocks, the verbs, escalation, reports).  ``ticket list`` (``--open``, ``--closed-from``)
and every report use them, so a ticket counts as closed, resolved or open the same way
everywhere.  Each reading replays the log with ``TicketBase.status_after`` (the rule the
commands use too), optionally only up to a moment ``as_of``, so a report "as of the end of
October" sees the ticket as it was then.  Pure functions: no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from itsmctl.models.events import Event
from itsmctl.models.tickets import TicketBase


def steps(ticket: TicketBase, as_of: datetime | None = None) -> Iterator[tuple[int, Event, str | None, str | None]]:
    """Each event (with its index) up to ``as_of``, with the status before and after it: the one
    replay every reading of the log and every rule of the book walks."""
    status: str | None = None
    for i, event in enumerate(ticket.events):
        if as_of is not None and event.at > as_of:
            return
        after = ticket.status_after(status, event)
        yield i, event, status, after
        status = after


def status_at(ticket: TicketBase, as_of: datetime | None = None) -> str | None:
    """The status the log leads to by ``as_of`` (the whole log when None); None before it was opened."""
    status: str | None = None
    for _, _, _, after in steps(ticket, as_of):
        status = after
    return status


def closed_at(ticket: TicketBase, as_of: datetime | None = None) -> datetime | None:
    """When the ticket entered the final status it is in (closed, rolled_back), or None if it is not in one.

    A ticket closed, reopened and closed again counts from the second closing: the time
    it *entered* the final status it is still in.
    """
    entered: datetime | None = None
    for _, event, before, after in steps(ticket, as_of):
        final_now = after in ticket.FINAL_STATUSES
        if final_now and before not in ticket.FINAL_STATUSES:
            entered = event.at
        elif not final_now:
            entered = None
    return entered


def resolved_at(ticket: TicketBase, as_of: datetime | None = None) -> datetime | None:
    """The last resolution still standing: the last ``resolved`` event not followed by a ``reopened`` one."""
    moment: datetime | None = None
    for _, event, _, _ in steps(ticket, as_of):
        if event.type == "resolved":
            moment = event.at
        elif event.type == "reopened":
            moment = None
    return moment


def is_open(ticket: TicketBase, now: datetime | None = None) -> bool:
    """Opened by ``now`` and not (yet) in a final status then; a resolved ticket awaiting closure is open.

    Without ``now``, at the end of the log.

    This is ``ticket list --open``.  Reports that count a backlog of unresolved work use
    ``is_unresolved``.
    """
    status = status_at(ticket, now)
    return status is not None and status not in ticket.FINAL_STATUSES


def is_unresolved(ticket: TicketBase, now: datetime) -> bool:
    """Open at ``now`` and not waiting in ``resolved`` for the customer's confirmation."""
    return is_open(ticket, now) and status_at(ticket, now) != "resolved"
