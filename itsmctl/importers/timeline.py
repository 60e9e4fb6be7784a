"""A ticket's history told one change at a time, kept inside the incident/request lifecycle.

Sources say where a ticket *is* after each update (ServiceNow: "Awaiting Vendor"); the
event log says what *happened*.  ``Timeline.move`` turns "now in state X" into the
events the lifecycle (``rules.lifecycle.SUPPORT``) has for the step: a resolution, a
closing, a reopening, a start, a pend or a resume.  A step the table has no single action
for is told as two at the same moment (from one pending state to another: resume, then
pend); a closing without a resolution first records one, and the notes say so.  Times
never go back: an update earlier than the one before it is recorded at that time, noted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from itsmctl.importers.draft import EventDraft, Notes

TacitCheck = Callable[[Sequence[EventDraft], datetime], str | None]
"""Why a tacit confirmation at a moment, after these events, is not allowed (None: it is):
``rules.tacit.tacit_refusal`` with the store's policy and calendar."""

OPEN = ("new", "assigned", "in_progress", "pending_customer", "pending_vendor", "pending_change")
PENDING = OPEN[3:]
STATUSES = (*OPEN, "resolved", "closed")


class Timeline:
    """The event log of one ticket under construction, and the status it has reached."""

    def __init__(
        self, opened_at: datetime, by: str, priority: str, notes: Notes, tacit: TacitCheck | None = None
    ) -> None:
        self.notes = notes
        self.tacit = tacit
        """Set when the source closes resolved tickets without the customer's word (ServiceNow's
        auto-close) and the policy opts into tacit confirmation: a closing gets one first."""
        self.events: list[EventDraft] = [EventDraft("opened", opened_at, by, {"priority": priority})]
        self.status = "new"
        self.last_at = opened_at
        self.assignee: str | None = None
        self.group: str | None = None
        self.priority = priority
        self._note: str | None = None
        """Why the next event's time differs from the export's, said on the first event of the update."""

    def moment(self, when: datetime | None, line: int, column: str, raw: str) -> datetime:
        """The time of the next update's events; a time that had to be changed is noted (and said on its event)."""
        self._note = None
        if when is None:
            self.notes.add(line, column, "impossible-timestamp", f"{raw!r} is not a date and time")
            self._note = f"导出时间无法解析 time in the export unreadable: {raw}"
            return self.last_at
        if when < self.last_at:
            self.notes.add(
                line, column, "out-of-order", f"{raw} is before the event before it ({self.last_at.isoformat()})"
            )
            self._note = f"导出时间 recorded in the export at {when.isoformat()}"
            return self.last_at
        return when

    def _add(self, kind: str, at: datetime, by: str, **fields: object) -> None:
        note, self._note = self._note, None
        self.events.append(EventDraft(kind, at, by, {k: v for k, v in fields.items() if v is not None}, note))
        self.last_at = at

    def assign(self, at: datetime, by: str, to: str | None, group: str | None, line: int) -> None:
        if (to, group) == (self.assignee, self.group):
            return
        if to is None and group is None:
            self.notes.add(line, "assigned_to", "assignment-cleared", "the assignee and group were cleared")
            return
        if self.status in ("resolved", "closed"):  # the lifecycle assigns no resolved ticket: said as a note
            self.notes.add(line, "assigned_to", "assigned-after-resolution", f"reassigned while {self.status}")
            whom = " / ".join(x for x in (to, group) if x)
            self._add(
                "note", at, by, note=f"在源系统中改派 reassigned in the source tool to {whom} while {self.status}"
            )
            return
        self._add("assigned", at, by, to=to, group=group)
        self.assignee = to or self.assignee
        self.group = group
        if self.status == "new":
            self.status = "assigned"

    def set_priority(self, at: datetime, by: str, to: str, reason: str) -> None:
        if to != self.priority:
            self._add("priority", at, by, to=to, reason=reason)
            self.priority = to

    def move(self, at: datetime, by: str, target: str, *, resolution: str, line: int) -> None:
        """Bring the ticket to ``target`` (a status) with the events the lifecycle has for it."""
        current = self.status
        if target == current or (target == "assigned" and current != "new"):
            return
        if target == "new":  # "new" and "assigned" are both not started yet
            if current != "assigned":
                self.notes.add(line, "state", "back-to-new", f"the ticket went back to New from {current}")
            return
        if target == "assigned":  # a state that says assigned, with no assignment to record
            return
        if current in ("resolved", "closed") and target != "closed":
            self._add("reopened", at, by, reason="在源系统中重新打开 reopened in the source tool")
            self.status = current = "in_progress"
            if target == "in_progress":
                return
        if target == "in_progress":
            self._add("status", at, by, to="in_progress")
        elif target in PENDING:
            if current in PENDING or current == "new":
                self._add("status", at, by, to="in_progress")
            self._add("status", at, by, to=target)
        elif target == "resolved":
            self._add("resolved", at, by, resolution=resolution)
        elif target == "closed":
            if current != "resolved":
                self.notes.add(line, "state", "closed-unresolved", f"closed from {current} without being resolved")
                self._add("resolved", at, by, resolution=resolution)
            self._confirm_tacitly(at, by, line)
            self._add("closed", at, by)
        self.status = target

    def _confirm_tacitly(self, at: datetime, by: str, line: int) -> None:
        """Before a closing: a tacit ``confirmed`` when the period ran in silence, else a note."""
        if self.tacit is None:
            return
        since = max((i for i, e in enumerate(self.events) if e.type in ("resolved", "reopened")), default=0)
        if any(e.type == "confirmed" for e in self.events[since:]):
            return
        why = self.tacit(self.events, at)
        if why is None:
            self._add("confirmed", at, by, tacit=True)
        else:
            self.notes.add(line, "state", "closed-unconfirmed", why)
