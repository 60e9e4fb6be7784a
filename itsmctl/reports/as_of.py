"""The store as it stood at a moment: what a report "as of the end of October" reads.

Later tickets, surveys and performed operations are absent and every ticket's log is cut
there; the current fields the log decides (status, assignee, priority) are replayed from it.

Quality records are cut by their dates, which are days: something dated D counts once day D
has begun at the moment (so a report as of 1 November 00:00 shows what is dated 31 October,
not what is dated 1 November).  A management review or supplier evaluation dated later is
absent; an audit reported or closed later is shown before its report or closing; a corrective
or review action done or verified later is shown as not yet done (``open``: the records do not
date when work on it started).  A CI's fields carry no dates: the caller passes the CIs of the
commit the branch stood at then (``reports.cmdb_as_of``); without them, entries of a CI's change
log dated later are dropped and its fields are shown as they are now.  What no record dates and
git does not hold apart — checklist results, nonconformities — is shown as it is now.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, tzinfo
from typing import Any

from itsmctl.models import (
    Audit,
    ConfigurationItem,
    ManagementReview,
    Operation,
    SupplierEvaluation,
    Survey,
    TicketBase,
)
from itsmctl.models.eventlog import status_at
from itsmctl.models.policy import PriorityMatrix
from itsmctl.priority.lookup import priority_history, recorded_decision
from itsmctl.store.loader import LoadedFile
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


class DayCut:
    """Whether a day-dated fact had happened at a moment: its day had begun there, in ``zone``."""

    def __init__(self, moment: datetime, zone: tzinfo | None) -> None:
        self.moment = moment
        self.zone = zone or moment.tzinfo

    def happened(self, day: date | None) -> bool:
        return day is not None and datetime.combine(day, time(), self.zone) < self.moment


def audit_as_of(audit: Audit, cut: DayCut) -> Audit:
    """The audit before what it dates after the moment: its report, its closing, actions' progress."""
    update: dict[str, Any] = {}
    if audit.closed_on is not None and not cut.happened(audit.closed_on):
        update |= {"closed_on": None, "closed_by": None}
    if audit.reported_on is not None and not cut.happened(audit.reported_on):
        update |= {"reported_on": None, "conclusion": None, "findings": []}
    nonconformities = [
        nc.model_copy(update={"corrective_actions": [_action_as_of(a, cut) for a in nc.corrective_actions]})
        for nc in audit.nonconformities
    ]
    if nonconformities != audit.nonconformities:
        update["nonconformities"] = nonconformities
    return audit.model_copy(update=update) if update else audit


def _action_as_of(action: Any, cut: DayCut) -> Any:
    if action.done_on is not None and not cut.happened(action.done_on):
        return action.model_copy(update={"status": "open", "done_on": None, "verified_by": None, "verified_on": None})
    if action.verified_on is not None and not cut.happened(action.verified_on):
        return action.model_copy(update={"status": "done", "verified_by": None, "verified_on": None})
    return action


def review_as_of(review: ManagementReview, cut: DayCut) -> ManagementReview | None:
    if not cut.happened(review.held_on):
        return None
    actions = [
        a.model_copy(update={"status": "open", "done_on": None})
        if a.done_on is not None and not cut.happened(a.done_on)
        else a
        for a in review.actions
    ]
    return review.model_copy(update={"actions": actions}) if actions != review.actions else review


def _record_as_of(record: Any, moment: datetime, cut: DayCut) -> Any:
    """A non-ticket record as it stood at ``moment``; None when it did not exist yet."""
    if isinstance(record, (Survey, Operation)):
        return None if record.at > moment else record
    if isinstance(record, SupplierEvaluation):
        return record if cut.happened(record.evaluated_on) else None
    if isinstance(record, ManagementReview):
        return review_as_of(record, cut)
    if isinstance(record, Audit):
        return audit_as_of(record, cut)
    if isinstance(record, ConfigurationItem):
        changes = [c for c in record.changes if cut.happened(c.date)]
        return record.model_copy(update={"changes": changes}) if changes != record.changes else record
    return record


def snapshot_as_of(
    snapshot: Snapshot, moment: datetime, zone: tzinfo | None = None, cis: list[LoadedFile] | None = None
) -> Snapshot:
    """The store as it stood at ``moment`` (reports are 'as of' a time): later tickets, surveys,
    operations, reviews and supplier evaluations are absent, every ticket is cut and replayed by
    ``ticket_as_of``, audits and reviews are cut by their dates (``zone``'s days).  ``cis``: the CI
    files as they were then (from git), in place of the snapshot's."""
    cut = DayCut(moment, zone)
    policy = snapshot.policy
    matrix = policy.priority if policy is not None else None
    # the same findings list: a ticket left out of the view (its clocks cannot be computed) is
    # named by the command's store too
    view = Snapshot(findings=snapshot.findings, source=snapshot.source)
    files = snapshot.files
    if cis is not None:
        files = [f for f in files if not isinstance(f.record, ConfigurationItem)] + cis
    for loaded in files:
        record = loaded.record
        if isinstance(record, TicketBase):
            record = ticket_as_of(record, moment, matrix)
        else:
            record = _record_as_of(record, moment, cut)
        if record is None and loaded.record is not None:
            continue  # did not exist yet
        view.add(replace(loaded, record=record) if record is not loaded.record else loaded)
    return view
