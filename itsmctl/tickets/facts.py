"""When a ticket was resolved, when it closed, whether it is open: read from its event log.

The one place these readings are made.  ``ticket list`` (``--open``, ``--closed-from``)
and every report use them, so a ticket counts as closed, resolved or open the same way
everywhere.  Each reading replays the log with ``TicketBase.status_after`` (the rule the
commands use too), optionally only up to a moment ``as_of``, so a report "as of the end of
October" sees the ticket as it was then.  Pure functions: no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime

from itsmctl.errors import ItsmError
from itsmctl.models import Survey, TicketBase
from itsmctl.models.events import Event
from itsmctl.models.policy import PriorityMatrix
from itsmctl.priority.lookup import decide, priority_history
from itsmctl.store.snapshot import Snapshot


def _replay(ticket: TicketBase, as_of: datetime | None) -> Iterator[tuple[Event, str | None, str | None]]:
    """Each event up to ``as_of`` with the status before and after it."""
    status: str | None = None
    for event in ticket.events:
        if as_of is not None and event.at > as_of:
            return
        after = ticket.status_after(status, event)
        yield event, status, after
        status = after


def status_at(ticket: TicketBase, as_of: datetime | None = None) -> str | None:
    """The status the log leads to by ``as_of`` (the whole log when None); None before it was opened."""
    status: str | None = None
    for _, _, after in _replay(ticket, as_of):
        status = after
    return status


def closed_at(ticket: TicketBase, as_of: datetime | None = None) -> datetime | None:
    """When the ticket entered the final status it is in (closed, rolled_back), or None if it is not in one.

    A ticket closed, reopened and closed again counts from the second closing: the time
    it *entered* the final status it is still in.
    """
    entered: datetime | None = None
    for event, before, after in _replay(ticket, as_of):
        final_now = after in ticket.FINAL_STATUSES
        if final_now and before not in ticket.FINAL_STATUSES:
            entered = event.at
        elif not final_now:
            entered = None
    return entered


def resolved_at(ticket: TicketBase, as_of: datetime | None = None) -> datetime | None:
    """The last resolution still standing: the last ``resolved`` event not followed by a ``reopened`` one."""
    moment: datetime | None = None
    for event, _, _ in _replay(ticket, as_of):
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


def ticket_as_of(ticket: TicketBase, moment: datetime, matrix: PriorityMatrix | None) -> TicketBase | None:
    """The ticket as it stood at ``moment``: None if not yet opened, else its log cut there.

    The current fields describe today, so those the log decides are replayed too: status,
    assignee (last assignment), priority (last step of its priority history, when known).
    """
    if ticket.opened_at > moment:
        return None
    events = [e for e in ticket.events if e.at <= moment]
    if len(events) == len(ticket.events):
        return ticket
    update: dict[str, object] = {"events": events, "status": status_at(ticket, moment)}
    assignments = [e for e in events if e.type == "assigned" and e.to is not None]
    if assignments:
        update["assignee"] = assignments[-1].to
    elif any(e.type == "assigned" and e.to is not None for e in ticket.events):
        update["assignee"] = None  # assigned only later
    decision = None
    if matrix is not None and ticket.dimensions:
        try:
            decision = decide(matrix, ticket.dimensions)
        except ItsmError:
            decision = None
    steps = [s for s in priority_history(ticket, decision) if s.at is None or s.at <= moment]
    if steps:
        update["priority"] = steps[-1].priority
    return ticket.model_copy(update=update)


def snapshot_as_of(snapshot: Snapshot, moment: datetime) -> Snapshot:
    """The store as it stood at ``moment`` (reports are 'as of' a time): later tickets and
    surveys are absent, and every ticket is cut and replayed by ``ticket_as_of``."""
    policy = snapshot.policy
    matrix = policy.priority if policy is not None else None
    view = Snapshot(findings=list(snapshot.findings), source=snapshot.source)
    for loaded in snapshot.files:
        record = loaded.record
        if isinstance(record, TicketBase):
            record = ticket_as_of(record, moment, matrix)
        elif isinstance(record, Survey) and record.at > moment:
            record = None
        if record is None and loaded.record is not None:
            continue  # did not exist yet
        view.add(replace(loaded, record=record) if record is not loaded.record else loaded)
    return view
