"""A ticket's business calendar, read from the store for a verb: its pinned SLA's, else the only one.

The rule that needs it (the reopen window, ``itsmctl.rules.support``) gets it through its
``RuleContext``; ``validate`` resolves the same calendar from its snapshot
(``itsmctl.checks.rulebook.calendar_resolver``).
"""

from __future__ import annotations

from pathlib import Path

from itsmctl.calendar.business import BusinessCalendar
from itsmctl.models import ServiceLevelAgreement, TicketBase
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.store.loader import load_record
from itsmctl.store.paths import KIND_DIRS, RECORD_SUFFIX, path_for


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
