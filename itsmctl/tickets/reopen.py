"""How long a closed ticket may be reopened: the policy's ``reopen_window`` on a real calendar.

A window in days or hours (``7d``) is absolute time.  A window in business days (``5bd``)
counts working days on the ticket's business calendar — the calendar of the SLA pinned
on the ticket, else the store's only calendar — and ends at the end (midnight, in the
calendar's zone) of the Nth working day after the day the ticket closed.  When no
calendar can be chosen the reopen is refused with a message saying how to fix it,
rather than silently counting calendar days.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from itsmctl.calendar.business import BusinessCalendar
from itsmctl.models import ServiceLevelAgreement, TicketBase
from itsmctl.models.base import Span
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.store.loader import load_record
from itsmctl.store.paths import KIND_DIRS, RECORD_SUFFIX, path_for

MAX_DAYS = 3660
"""Days searched for working days; a calendar with none in ten years is broken."""


def reopen_deadline(closed: datetime, window: Span, calendar: BusinessCalendar | None) -> datetime | None:
    """The moment (exclusive) after which a ticket closed at ``closed`` may no longer be reopened.

    None when the window is in business days and there is no calendar to count them on.
    """
    if not window.business_days:
        return closed + timedelta(seconds=window.seconds)
    if calendar is None:
        return None
    day = closed.astimezone(calendar.zone).date()
    counted = 0
    for _ in range(MAX_DAYS):
        if counted == window.business_days:
            break
        day += timedelta(days=1)
        counted += calendar.day(day).working
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=calendar.zone)


def _load(root: Path, rel: str) -> object | None:
    path = root / rel
    if path.is_symlink() or not path.is_file():
        return None
    loaded = load_record(rel, str(path), path.read_bytes())
    return None if loaded.findings else loaded.record


def ticket_calendar(root: Path, ticket: TicketBase) -> BusinessCalendar | None:
    """The ticket's business calendar: its pinned SLA's, else the store's only one; None if unclear."""
    calendar_id: str | None = None
    if ticket.sla:
        sla = _load(root, str(path_for("sla", ticket.sla)))
        if isinstance(sla, ServiceLevelAgreement):
            calendar_id = sla.calendar
    if calendar_id is None:
        folder = root / KIND_DIRS["calendar"]
        names = sorted(p.name for p in folder.glob(f"*{RECORD_SUFFIX}")) if folder.is_dir() else []
        if len(names) != 1:
            return None
        calendar_id = names[0][: -len(RECORD_SUFFIX)]
    record = _load(root, str(path_for("calendar", calendar_id)))
    return BusinessCalendar(record) if isinstance(record, CalendarRecord) else None
