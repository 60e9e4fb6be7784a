"""A ticket being generated: its current fields, its event log, and its YAML text.

The event log is appended in time order; :meth:`Ticket.truncate` cuts a history at the
store's "now", so a ticket whose story runs past that moment becomes an open ticket
whose current fields still agree with its log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from storegen.ids import IdMint
from storegen.yamltext import Comment, Flow, document

STATUS_EVENTS = {
    "resolved": "resolved",
    "closed": "closed",
    "assessed": "assessed",
    "approved": "approved",
    "scheduled": "scheduled",
    "trial": "trial_run",
    "reviewed": "reviewed",
    "rolled_back": "rolled_back",
}
INITIAL = {"incident": "new", "request": "new", "problem": "new", "change": "draft", "complaint": "new"}

_FIELD_ORDER = (
    "title",
    "description",
    "service",
    "sla",
    "cis",
    "requester",
    "assignee",
    "group",
    "channel",
    "delivery",
    "category",
    "dimensions",
    "priority",
    "priority_override",
    "status",
    "major",
    "related",
    # problem
    "root_cause",
    "workaround",
    "known_error",
    "incidents",
    # change
    "change_type",
    "risk",
    "plan",
    "reviews",
    "approval",
    "trial",
    # complaint
    "about",
)
_EVENT_ORDER = (
    "id",
    "at",
    "type",
    "by",
    "priority",
    "to",
    "group",
    "redispatch",
    "manager",
    "vendor",
    "device",
    "progress",
    "reason",
    "level",
    "target",
    "actions",
    "notified",
    "part",
    "resolution",
    "first_line",
    "contact",
    "approver",
    "method",
    "reference",
    "risk",
    "start",
    "end",
    "period",
    "result",
    "ref",
    "spent",
    "note",
)


@dataclass
class Ticket:
    kind: str
    id: str
    fields: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    comment: str | None = None
    """A line a person would leave above the record (why it looks unusual)."""
    mint: IdMint | None = None

    def add(self, type_: str, at: datetime, by: str, **extra: Any) -> dict[str, Any]:
        """Append an event; a time earlier than the last event's is moved up to it (append-only log).

        ``opened`` records the priority decided at opening (the ``priority`` field as it is
        now, before any later change or override), as ``ticket new`` does.
        """
        if type_ == "opened":
            extra.setdefault("priority", self.fields.get("priority"))
        if self.events and at < self.events[-1]["at"]:
            at = self.events[-1]["at"]
        assert self.mint is not None
        event = {"id": self.mint.event(), "at": at.replace(second=0, microsecond=0), "type": type_, "by": by, **extra}
        self.events.append(event)
        return event

    def insert(self, type_: str, at: datetime, by: str, *, mint: IdMint | None = None, **extra: Any) -> dict[str, Any]:
        """Place an event at its time among the others (after any event at the same time).

        ``mint`` gives the event id instead of the ticket's own (events added to a story
        afterwards, so the ids of every later record stay as they were).
        """
        mint = mint or self.mint
        assert mint is not None
        event = {"id": mint.event(), "at": at.replace(second=0, microsecond=0), "type": type_, "by": by, **extra}
        index = len(self.events)
        while index and self.events[index - 1]["at"] > event["at"]:
            index -= 1
        self.events.insert(index, event)
        return event

    @property
    def last_at(self) -> datetime:
        return self.events[-1]["at"]

    def first(self, type_: str) -> dict[str, Any] | None:
        return next((e for e in self.events if e["type"] == type_), None)

    def last(self, type_: str) -> dict[str, Any] | None:
        return next((e for e in reversed(self.events) if e["type"] == type_), None)

    def replayed_status(self) -> str:
        status = INITIAL[self.kind]
        for event in self.events:
            kind = event["type"]
            if kind in ("status", "reopened"):
                status = event.get("to", "in_progress")
            elif kind in STATUS_EVENTS:
                status = STATUS_EVENTS[kind]
        return status

    def truncate(self, now: datetime) -> bool:
        """Drop the events after ``now`` and make the current fields agree; True if anything was cut."""
        keep = sum(1 for e in self.events if e["at"] <= now)
        return self.keep_first(keep)

    def keep_first(self, count: int) -> bool:
        """Keep the first ``count`` events (the story so far) and make the current fields agree."""
        cut = count < len(self.events)
        self.events = self.events[:count]
        assigned = self.first("assigned")
        if cut and assigned is not None and self.replayed_status() == "new" and self.kind in ("incident", "request"):
            # dispatched but not yet started: say so, as the engineer's phone app would
            assert self.mint is not None
            index = self.events.index(assigned) + 1
            self.events.insert(
                index,
                {
                    "id": self.mint.event(),
                    "at": assigned["at"],
                    "type": "status",
                    "by": assigned["to"],
                    "to": "assigned",
                },
            )
        self.sync()
        return cut

    def sync(self) -> None:
        """Current fields from the log: status, assignee and group, priority."""
        self.fields["status"] = self.replayed_status()
        assigned = self.last("assigned")
        if assigned is not None:
            self.fields["assignee"] = assigned.get("to")
            if assigned.get("group"):
                self.fields["group"] = assigned["group"]
        raised = self.last("priority")
        if raised is not None:
            self.fields["priority"] = raised["to"]

    def text(self) -> str:
        record: dict[Any, Any] = {"kind": self.kind, "id": self.id}
        for key in _FIELD_ORDER:
            value = self.fields.get(key)
            if value is None or value == [] or value is False:
                continue
            record[key] = Flow(value) if key == "dimensions" else value
        extra = set(self.fields) - set(_FIELD_ORDER)
        assert not extra, f"unknown ticket fields {extra}"
        record["events"] = [{k: e[k] for k in _EVENT_ORDER if k in e and e[k] is not None} for e in self.events]
        for e in record["events"]:
            for key in ("actions", "notified"):
                if key in e and not e[key]:
                    del e[key]
        return document(record, header=self.comment)

    @property
    def path(self) -> str:
        yymm = self.id.split("-")[1]
        return f"tickets/20{yymm[:2]}/{yymm[2:]}/{self.id}.yaml"


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


__all__ = ["Comment", "Ticket", "minutes"]
