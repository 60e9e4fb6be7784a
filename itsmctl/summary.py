"""A short summary of what a store holds: the first thing a new user wants to see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from itsmctl.models import TICKET_KINDS
from itsmctl.models.eventlog import is_open
from itsmctl.store.snapshot import Snapshot


@dataclass
class StoreSummary:
    files: int
    valid: int
    records_by_kind: dict[str, int]
    tickets_by_status: dict[str, dict[str, int]]
    open_by_priority: dict[str, int]
    first_opened: str | None
    last_opened: str | None
    cis_by_status: dict[str, int] = field(default_factory=dict)


def summarise(snapshot: Snapshot) -> StoreSummary:
    by_kind = {kind: len(items) for kind, items in sorted(snapshot.by_kind.items()) if items}
    by_status: dict[str, Counter[str]] = {}
    open_by_priority: Counter[str] = Counter()
    opened = []
    for ticket in snapshot.tickets:
        by_status.setdefault(ticket.kind, Counter())[ticket.status] += 1  # type: ignore[attr-defined]
        if is_open(ticket):
            open_by_priority[ticket.priority] += 1
        opened.append(ticket.opened_at)
    ordered = {k: dict(sorted(by_status[k].items())) for k in TICKET_KINDS if k in by_status}
    return StoreSummary(
        files=len(snapshot.files),
        valid=sum(1 for f in snapshot.files if f.record is not None and not f.findings),
        records_by_kind=by_kind,
        tickets_by_status=ordered,
        open_by_priority=dict(sorted(open_by_priority.items())),
        first_opened=min(opened).isoformat() if opened else None,
        last_opened=max(opened).isoformat() if opened else None,
        cis_by_status=dict(sorted(Counter(ci.status for ci in snapshot.cis).items())),
    )
