"""Which tickets match a filter, as rows for ``ticket list``; and one ticket for ``show``.

Selection is a pure function of a snapshot, the filter and ``now`` (``now`` only
matters for ``breached``, which asks the SLA clocks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from itsmctl.errors import FieldError
from itsmctl.models import TICKET_KINDS, TicketBase
from itsmctl.models.eventlog import closed_at, is_open
from itsmctl.models.tickets import TICKET_MODELS
from itsmctl.sla import evaluate_store
from itsmctl.store.snapshot import Snapshot

__all__ = ["BREACH_STATES", "TicketFilter", "TicketRow", "closed_at", "select"]
"""``closed_at`` is re-exported for callers that imported it from here; it lives in ``facts``."""

BREACH_STATES = frozenset({"breached", "missed"})
"""Clock states that count as a breach: running past the goal, or stopped after it."""


@dataclass(frozen=True)
class TicketFilter:
    """Every criterion is optional; several values of one criterion mean 'any of them'."""

    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    assignees: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    cis: tuple[str, ...] = ()
    opened_from: datetime | None = None
    opened_to: datetime | None = None
    closed_from: datetime | None = None
    closed_to: datetime | None = None
    open_only: bool = False
    breached: bool = False


@dataclass(frozen=True)
class TicketRow:
    id: str
    kind: str
    status: str
    priority: str
    title: str
    assignee: str | None
    group: str | None
    service: str
    opened: datetime
    closed: datetime | None
    breaches: tuple[str, ...] = field(default=())
    """SLA targets breached or missed (filled only when the filter asked for breaches)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "priority": self.priority,
            "title": self.title,
            "assignee": self.assignee,
            "group": self.group,
            "service": self.service,
            "opened": self.opened.isoformat(),
            "closed": self.closed.isoformat() if self.closed else None,
            "breaches": list(self.breaches),
        }


def _within(moment: datetime | None, start: datetime | None, end: datetime | None) -> bool:
    if start is None and end is None:
        return True
    if moment is None:
        return False
    return (start is None or moment >= start) and (end is None or moment < end)


def _matches(ticket: TicketBase, f: TicketFilter, now: datetime) -> bool:
    kind: str = ticket.kind  # type: ignore[attr-defined]
    checks = (
        (f.kinds, kind),
        (f.statuses, ticket.status),
        (f.priorities, ticket.priority),
        (f.assignees, ticket.assignee),
        (f.groups, ticket.group),
        (f.services, ticket.service),
    )
    if any(wanted and value not in wanted for wanted, value in checks):
        return False
    if f.cis and not set(f.cis) & set(ticket.cis):
        return False
    if f.open_only and not is_open(ticket, now):
        return False
    return _within(ticket.opened_at, f.opened_from, f.opened_to) and _within(
        closed_at(ticket), f.closed_from, f.closed_to
    )


def check_filter(snapshot: Snapshot, f: TicketFilter) -> None:
    """FieldError for a filter value nothing could match: a typo must not read as 'no tickets'."""
    policy = snapshot.policy
    known: dict[str, tuple[tuple[str, ...], set[str]]] = {
        "kinds": (f.kinds, set(TICKET_KINDS)),
        "statuses": (f.statuses, {s for model in TICKET_MODELS for s in model.STATUSES}),
        "services": (f.services, {s.id for s in snapshot.services}),
        "cis": (f.cis, {c.id for c in snapshot.cis}),
    }
    if policy is not None:
        known["priorities"] = (f.priorities, {lv.id for lv in policy.priority.levels})
        known["assignees"] = (f.assignees, {p.id for p in policy.people})
        known["groups"] = (f.groups, {g.id for g in policy.groups})
    for name, (given, allowed) in known.items():
        unknown = [v for v in given if v not in allowed]
        if unknown:
            choices = ", ".join(sorted(allowed)) if len(allowed) <= 30 else f"{len(allowed)} ids in the store"
            raise FieldError(name, f"{', '.join(unknown)}: not known here; choose from {choices}")


def select(snapshot: Snapshot, f: TicketFilter, now: datetime) -> list[TicketRow]:
    """Matching tickets, oldest first (then by id)."""
    check_filter(snapshot, f)
    tickets = [t for t in snapshot.tickets if _matches(t, f, now)]
    breaches: dict[str, list[str]] = {}
    if f.breached:
        for clock in evaluate_store(snapshot, now, ids=[t.id for t in tickets] or ["-"]):
            if clock.state in BREACH_STATES:
                breaches.setdefault(clock.ticket_id, []).append(clock.target)
        tickets = [t for t in tickets if t.id in breaches]
    rows = [
        TicketRow(
            id=t.id,
            kind=t.kind,  # type: ignore[attr-defined]
            status=t.status,
            priority=t.priority,
            title=t.title,
            assignee=t.assignee,
            group=t.group,
            service=t.service,
            opened=t.opened_at,
            closed=closed_at(t),
            breaches=tuple(breaches.get(t.id, ())),
        )
        for t in tickets
    ]
    return sorted(rows, key=lambda r: (r.opened, r.id))
