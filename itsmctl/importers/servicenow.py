"""A ServiceNow incident event log (one row per update, the columns of the UCI export) into drafts.

Rows of one incident are ordered by ``sys_mod_count``; each row is the incident after one
update.  Comparing a row with the one before it tells what happened: a reassignment
(group or assignee changed), a priority change, a state change (``Timeline.move``).
``?`` is a missing value, dates are day-first (``29/2/2016 01:16``) in the zone given.
What has no field of its own here (caller, location, CI, problem and change numbers,
close code, the instance's own SLA verdict) is kept in the ticket's ``source.details``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from itsmctl.clock import EARLIEST_YEAR, LATEST_YEAR
from itsmctl.errors import UsageError
from itsmctl.importers.draft import Directory, Notes, TicketDraft, slug_for
from itsmctl.importers.reading import Row, read_rows, ticket_runs
from itsmctl.importers.timeline import TacitCheck, Timeline
from itsmctl.models import Policy

SYSTEM = "servicenow"
MISSING = "?"
STATES = {
    "New": "new",
    "Active": "in_progress",
    "Awaiting User Info": "pending_customer",
    "Awaiting Evidence": "pending_customer",
    "Awaiting Problem": "pending_change",
    "Awaiting Vendor": "pending_vendor",
    "Resolved": "resolved",
    "Closed": "closed",
}
"""ServiceNow's incident states and the itsmctl status each is (docs/import.md)."""
CHANNELS = {"Phone": "phone", "Email": "mail", "Self service": "web", "IVR": "phone", "Direct opening": "web"}
LEVELS = {"1": "high", "2": "medium", "3": "low"}
PRIORITIES = {"1": "P1", "2": "P2", "3": "P3", "4": "P4"}
DETAILS = {
    "caller_id": "caller",
    "location": "location",
    "category": "category",
    "subcategory": "subcategory",
    "u_symptom": "symptom",
    "cmdb_ci": "ci",
    "problem_id": "problem",
    "rfc": "change",
    "caused_by": "caused_by",
    "vendor": "vendor",
    "closed_code": "close_code",
    "contact_type": "contact_type",
    "made_sla": "made_sla",
    "knowledge": "knowledge",
    "u_priority_confirmation": "priority_confirmation",
    "notify": "notify",
    "reassignment_count": "reassignment_count",
    "reopen_count": "reopen_count",
    "sys_mod_count": "sys_mod_count",
    "opened_by": "opened_by",
    "resolved_at": "resolved_at",
    "closed_at": "closed_at",
}
"""Columns kept in ``source.details`` (their last value), under these keys."""
REQUIRED = ("number", "incident_state", "sys_mod_count", "opened_at", "sys_updated_at", "impact", "urgency", "priority")
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")


def day_first(text: str, zone: tzinfo) -> datetime | None:
    """``29/2/2016 01:16`` in ``zone``; None for text that is no moment of the calendar."""
    match = _DAY_FIRST.match(text)
    if not match:
        return None
    day, month, year, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None


def _update_order(row: Row) -> int:
    """``sys_mod_count`` as a number (file order among equals; an unreadable one first)."""
    value = row.values.get("sys_mod_count", "").strip()
    return int(value) if value.isdigit() else -1


def _code(text: str) -> str:
    """``1 - High`` -> ``1``."""
    return text.split("-", 1)[0].strip()


@dataclass
class Agreement:
    """How the export's own priority compares with the matrix's answer on its impact and urgency."""

    incidents: int = 0
    agree: int = 0
    disagree: int = 0
    unreadable: int = 0
    """Incidents with a row whose impact, urgency or priority is not a ServiceNow value."""
    cells: Counter[str] = field(default_factory=Counter)
    """Disagreeing rows by ``impact x urgency -> export priority (matrix priority)``."""
    examples: list[str] = field(default_factory=list)


def require_itil_matrix(policy: Policy) -> None:
    """ServiceNow's impact x urgency lookup must be the policy's matrix (the ``itil`` preset)."""
    try:
        for impact in LEVELS.values():
            for urgency in LEVELS.values():
                policy.priority.lookup({"impact": impact, "urgency": urgency})
    except KeyError:
        raise UsageError(
            "the policy's priority matrix is not ServiceNow's impact x urgency lookup: give policy.yaml the "
            "'itil' preset's dimensions (impact, urgency: low/medium/high) and levels P1-P4; "
            "see `itsmctl priority calc --preset itil`"
        ) from None


class Translator:
    """Turns the rows of one incident into a draft, noting what it cannot map."""

    def __init__(
        self, policy: Policy, directory: Directory, notes: Notes, zone: tzinfo, tacit: TacitCheck | None = None
    ) -> None:
        self.policy = policy
        self.tacit = tacit
        """ServiceNow closes a resolved incident by itself after a waiting period, without the
        caller's word: with the policy's opt-in, each such closing gets a tacit confirmation."""
        self.directory = directory
        self.notes = notes
        self.zone = zone
        self.agreement = Agreement()
        self.account = directory.person("ServiceNow") or "servicenow"
        self._times: dict[str, datetime | None] = {}

    def _time(self, text: str) -> datetime | None:
        if text not in self._times:
            self._times[text] = day_first(text, self.zone)
        return self._times[text]

    def _value(self, row: Row, column: str) -> str | None:
        value = row.values.get(column, MISSING).strip()
        return None if value in (MISSING, "") else value

    def _person(self, row: Row, column: str) -> str | None:
        return self.directory.person(self._value(row, column))

    def _level(self, row: Row, column: str, table: dict[str, str]) -> str | None:
        value = self._value(row, column)
        if value is None:
            return None
        found = table.get(_code(value))
        if found is None:
            self.notes.add(row.line, column, "unknown-value", f"{value!r} is not a ServiceNow {column}")
        return found

    def draft(self, rows: list[Row]) -> TicketDraft | None:
        rows = sorted(rows, key=_update_order)
        first, last = rows[0], rows[-1]
        number = first.values["number"].strip()
        opened = next(
            (
                t
                for r in rows
                for c in ("opened_at", "sys_created_at", "sys_updated_at")
                if (t := self._time(r.values.get(c, "")))
            ),
            None,
        )
        if opened is None:
            for row in rows:
                self.notes.add(row.line, "opened_at", "no-opening-time", f"{number}: no readable opening time")
            return None
        if self._time(first.values.get("opened_at", "")) is None:
            self.notes.add(first.line, "opened_at", "impossible-timestamp", f"{first.values.get('opened_at')!r}")
        first_priority = self._level(first, "priority", PRIORITIES) or "P4"
        opener = self._person(first, "opened_by") or self.account
        timeline = Timeline(opened, opener, first_priority, self.notes, self.tacit)
        self._agreement(number, rows)
        resolution = self._resolution(last)
        for row in rows:
            raw = row.values.get("sys_updated_at", "")
            at = timeline.moment(self._time(raw), row.line, "sys_updated_at", raw)
            by = self._person(row, "sys_updated_by") or self.account
            group = self.directory.group(self._value(row, "assignment_group"))
            timeline.assign(at, by, self._person(row, "assigned_to"), group, row.line)
            priority = self._level(row, "priority", PRIORITIES)
            if priority is not None and priority != timeline.priority:
                reason = (
                    f"在 ServiceNow 中变更 changed in ServiceNow (impact {self._value(row, 'impact')}, "
                    f"urgency {self._value(row, 'urgency')})"
                )
                timeline.set_priority(at, by, priority, reason)
            state = (row.values.get("incident_state") or "").strip()
            target = STATES.get(state)
            if target is None:
                self.notes.add(row.line, "incident_state", "unknown-state", f"{number}: state {state!r}")
                continue
            mover = self._person(row, "resolved_by") if target in ("resolved", "closed") else None
            timeline.move(at, mover or by, target, resolution=resolution, line=row.line)
        dimensions = {
            d: v
            for d, v in (
                ("impact", self._level(last, "impact", LEVELS)),
                ("urgency", self._level(last, "urgency", LEVELS)),
            )
            if v
        }
        details = {key: v for column, key in DETAILS.items() if (v := self._value(last, column)) is not None}
        category = self._value(last, "category")
        title_parts = [self._value(last, c) for c in ("category", "subcategory", "u_symptom")]
        contact = self._value(last, "contact_type")
        return TicketDraft(
            system=SYSTEM,
            number=number,
            kind="incident",
            line=first.line,
            title=f"ServiceNow {number}" + (": " + " / ".join(p for p in title_parts if p) if any(title_parts) else ""),
            events=timeline.events,
            status=timeline.status,
            priority=timeline.priority,
            dimensions=dimensions,
            assignee=timeline.assignee,
            group=timeline.group,
            channel=CHANNELS.get(contact) if contact else None,
            category=slug_for(category, "c") if category else None,
            details=details,
            rows=len(rows),
        )

    def _resolution(self, row: Row) -> str:
        code = self._value(row, "closed_code")
        return f"ServiceNow 解决代码 close code: {code}" if code else "ServiceNow 未记录解决代码 no close code recorded"

    def _agreement(self, number: str, rows: list[Row]) -> None:
        a = self.agreement
        a.incidents += 1
        disagrees = False
        for row in rows:
            impact, urgency, given = (_code(row.values.get(c, "")) for c in ("impact", "urgency", "priority"))
            if impact not in LEVELS or urgency not in LEVELS or given not in PRIORITIES:
                a.unreadable += 1
                return
            computed = self.policy.priority.lookup({"impact": LEVELS[impact], "urgency": LEVELS[urgency]})
            if computed != PRIORITIES[given]:
                disagrees = True
                a.cells[f"impact {impact} x urgency {urgency} -> {PRIORITIES[given]} (matrix {computed})"] += 1
        if disagrees:
            a.disagree += 1
            if len(a.examples) < 20:
                a.examples.append(number)
        else:
            a.agree += 1


def _number(row: Row) -> str | None:
    number = row.values.get("number", "").strip()
    return None if number in ("", MISSING) else number


def incident_rows(path: Path, notes: Notes) -> Iterator[list[Row]]:
    """The rows of each incident, streamed (``reading.ticket_runs``)."""
    return ticket_runs(lambda n: read_rows(path, n), _number, notes, "number")


def check_columns(path: Path) -> None:
    """Refuse a file that is not a ServiceNow incident log before writing anything."""
    for row in read_rows(path, Notes(str(path))):
        missing = [c for c in REQUIRED if c not in row.values]
        if missing:
            raise UsageError(f"{path} is not a ServiceNow incident event log: no column {', '.join(missing)}")
        return
