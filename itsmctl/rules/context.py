"""What the rule book may look at besides a record, read from a snapshot of the store."""

from __future__ import annotations

from collections.abc import Callable

from itsmctl.calendar.business import BusinessCalendar
from itsmctl.models import ServiceLevelAgreement, TicketBase
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.rules.base import RuleContext
from itsmctl.store.snapshot import Snapshot


def calendar_resolver(snapshot: Snapshot) -> Callable[[TicketBase], BusinessCalendar | None]:
    """A ticket's business calendar from the snapshot: its pinned SLA's, else the store's only one."""
    by_sla = sla_calendar_resolver(snapshot)
    return lambda ticket: by_sla(ticket.sla)


def sla_calendar_resolver(snapshot: Snapshot) -> Callable[[str | None], BusinessCalendar | None]:
    """The business calendar of a ticket pinned to an SLA (by id), or of one pinned to none
    (None: the store's only calendar) — for a ticket not built yet, as an importer's draft."""
    built: dict[str, BusinessCalendar] = {}

    def calendar_for(pinned: str | None) -> BusinessCalendar | None:
        calendar_id: str | None = None
        if pinned:
            sla = snapshot.get(pinned)
            if isinstance(sla, ServiceLevelAgreement):
                calendar_id = sla.calendar
        if calendar_id is None:
            calendars = snapshot.calendars
            if len(calendars) != 1:
                return None
            calendar_id = calendars[0].id
        record = snapshot.get(calendar_id)
        if not isinstance(record, CalendarRecord):
            return None
        if calendar_id not in built:
            built[calendar_id] = BusinessCalendar(record)
        return built[calendar_id]

    return calendar_for


def snapshot_context(snapshot: Snapshot) -> RuleContext:
    """The rule context of a whole snapshot (``validate``) or of the part a verb reads (calendars, SLAs)."""
    return RuleContext(snapshot.policy, calendar_resolver(snapshot), snapshot.get)
