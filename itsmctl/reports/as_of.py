"""The store as it stood at a moment: what a report "as of the end of October" reads.

Later tickets and surveys are absent and every ticket's log is cut there; the current
fields the log decides (status, assignee, priority) are replayed from it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from itsmctl.models import Survey, TicketBase
from itsmctl.models.eventlog import status_at
from itsmctl.models.policy import PriorityMatrix
from itsmctl.priority.lookup import priority_history, recorded_decision
from itsmctl.store.snapshot import Snapshot


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
    decision = recorded_decision(matrix, dict(ticket.dimensions))
    steps = [s for s in priority_history(ticket, decision) if s.at is None or s.at <= moment]
    if steps:
        update["priority"] = steps[-1].priority
    return ticket.model_copy(update=update)


def snapshot_as_of(snapshot: Snapshot, moment: datetime) -> Snapshot:
    """The store as it stood at ``moment`` (reports are 'as of' a time): later tickets and
    surveys are absent, and every ticket is cut and replayed by ``ticket_as_of``."""
    policy = snapshot.policy
    matrix = policy.priority if policy is not None else None
    # the same findings list: a ticket left out of the view (its clocks cannot be computed) is
    # named by the command's store too
    view = Snapshot(findings=snapshot.findings, source=snapshot.source)
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
