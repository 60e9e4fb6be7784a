"""Any tool's CSV export into drafts, through a ``CsvMapping``.

``layout: ticket`` reads each row as a ticket's current state: opened at ``opened_at``,
assigned then, moved to its state at ``updated_at`` (resolved at ``resolved_at``, closed
at ``closed_at``).  ``layout: event`` reads each row as one update, as the ServiceNow log
is read: the rows of a ticket, in file order, tell its history.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, tzinfo
from pathlib import Path

from itsmctl.importers.draft import Directory, Notes, TicketDraft, slug_for
from itsmctl.importers.mapping import CsvMapping, load_mapping
from itsmctl.importers.reading import Row, read_rows, ticket_runs
from itsmctl.importers.timeline import STATUSES, Timeline
from itsmctl.models import Policy

__all__ = ["CsvTranslator", "load_mapping", "ticket_rows"]


class CsvTranslator:
    def __init__(self, spec: CsvMapping, policy: Policy, directory: Directory, notes: Notes, zone: tzinfo) -> None:
        self.spec = spec
        self.policy = policy
        self.directory = directory
        self.notes = notes
        self.zone = zone
        self.missing = frozenset(spec.missing)
        self.account = directory.person(spec.system) or spec.system
        self.lowest = policy.priority.levels[-1].id
        self._times: dict[str, datetime | None] = {}

    def value(self, row: Row, column: str | None) -> str | None:
        if column is None:
            return None
        text = row.values.get(column, "").strip()
        return None if text in self.missing else text

    def time(self, text: str | None) -> datetime | None:
        if text is None:
            return None
        if text not in self._times:
            found = None
            for form in self.spec.date_formats:
                try:
                    found = datetime.strptime(text, form)
                    break
                except ValueError:
                    continue
            if found is not None and found.tzinfo is None:
                found = found.replace(tzinfo=self.zone)
            self._times[text] = found
        return self._times[text]

    def mapped(self, row: Row, column: str | None, table: dict[str, str], what: str) -> str | None:
        raw = self.value(row, column)
        if raw is None:
            return None
        found = table.get(raw)
        if found is None and raw in table.values():
            found = raw  # already the value itsmctl uses
        if found is None:
            self.notes.add(row.line, column or what, "unknown-value", f"{what} {raw!r} has no entry in the mapping")
        return found

    def state(self, row: Row) -> str | None:
        raw = self.value(row, self.spec.columns.state)
        if raw is None:
            return None
        found = self.spec.values.state.get(raw, raw if raw in STATUSES else None)
        if found not in STATUSES:
            self.notes.add(row.line, self.spec.columns.state or "state", "unknown-state", f"state {raw!r}")
            return None
        return found

    def dimensions(self, row: Row) -> dict[str, str]:
        out = {}
        for dim, column in self.spec.columns.dimensions.items():
            found = self.mapped(row, column, self.spec.values.dimensions.get(dim, {}), dim)
            if found is not None:
                out[dim] = found
        return out

    def priority(self, row: Row, dimensions: dict[str, str]) -> str | None:
        found = self.mapped(row, self.spec.columns.priority, self.spec.values.priority, "priority")
        if found is None and len(dimensions) == len(self.policy.priority.dimensions):
            try:
                found = self.policy.priority.lookup(dimensions)
            except KeyError:
                found = None
        return found

    def draft(self, rows: list[Row]) -> TicketDraft | None:
        c = self.spec.columns
        first, last = rows[0], rows[-1]
        number = self.value(first, c.number) or ""
        opened = self.time(self.value(first, c.opened_at))
        if opened is None:
            opened = next((t for r in rows if (t := self.time(self.value(r, c.updated_at)))), None)
        if opened is None:
            for row in rows:
                self.notes.add(row.line, c.opened_at, "no-opening-time", f"{number}: no readable opening time")
            return None
        priority = self.priority(first, self.dimensions(first)) or self.lowest
        by = self.directory.person(self.value(first, c.opened_by)) or self.account
        timeline = Timeline(opened, by, priority, self.notes)
        resolution = self.value(last, c.resolution) or f"{self.spec.system} 未记录解决方案 no resolution recorded"
        for row in rows:
            if self.spec.layout == "ticket":
                self._ticket_row(timeline, row, resolution)
            else:
                self._event_row(timeline, row, resolution)
        dims = self.dimensions(last)
        final = self.priority(last, dims)
        if final is None:
            self.notes.add(
                last.line, c.priority or "priority", "unknown-value", f"{number}: no priority; {self.lowest}"
            )
        category = self.value(last, c.category)
        title = next((v for r in reversed(rows) if (v := self.value(r, c.title))), None)
        description = next((v for r in rows if (v := self.value(r, c.description))), None)
        return TicketDraft(
            system=self.spec.system,
            number=number,
            kind=self.spec.kind,
            line=first.line,
            title=" ".join(title.split()) if title else f"{self.spec.system} {number}",
            description=description,
            events=timeline.events,
            status=timeline.status,
            priority=timeline.priority,
            dimensions=dims,
            assignee=timeline.assignee,
            group=timeline.group,
            channel=self.mapped(last, c.channel, self.spec.values.channel, "channel"),  # type: ignore[arg-type]
            category=self.spec.values.category.get(category, slug_for(category, "c")) if category else None,
            details={k: " ".join(v.split()) for k, col in self.spec.details.items() if (v := self.value(last, col))},
            rows=len(rows),
        )

    def _moment(self, timeline: Timeline, row: Row, column: str | None) -> datetime:
        raw = self.value(row, column)
        if raw is None:
            return timeline.last_at
        return timeline.moment(self.time(raw), row.line, column or "", raw)

    def _assign(self, timeline: Timeline, row: Row, at: datetime, by: str) -> None:
        c = self.spec.columns
        group = self.directory.group(self.value(row, c.group))
        timeline.assign(at, by, self.directory.person(self.value(row, c.assignee)), group, row.line)

    def _ticket_row(self, timeline: Timeline, row: Row, resolution: str) -> None:
        c = self.spec.columns
        self._assign(timeline, row, timeline.last_at, timeline.events[0].by)
        target = self.state(row)
        by = self.directory.person(self.value(row, c.updated_by)) or timeline.events[0].by
        if target in ("resolved", "closed"):
            at = self._moment(timeline, row, c.resolved_at if self.value(row, c.resolved_at) else c.closed_at)
            timeline.move(at, by, "resolved", resolution=resolution, line=row.line)
            if target == "closed":
                at = self._moment(timeline, row, c.closed_at)
                timeline.move(at, by, "closed", resolution=resolution, line=row.line)
        elif target is not None:
            timeline.move(self._moment(timeline, row, c.updated_at), by, target, resolution=resolution, line=row.line)

    def _event_row(self, timeline: Timeline, row: Row, resolution: str) -> None:
        c = self.spec.columns
        at = self._moment(timeline, row, c.updated_at)
        by = self.directory.person(self.value(row, c.updated_by)) or self.account
        self._assign(timeline, row, at, by)
        priority = self.priority(row, self.dimensions(row))
        if priority is not None:
            timeline.set_priority(at, by, priority, f"在 {self.spec.system} 中变更 changed in {self.spec.system}")
        target = self.state(row)
        if target is not None:
            timeline.move(at, by, target, resolution=resolution, line=row.line)


def ticket_rows(path: Path, spec: CsvMapping, notes: Notes, translator: CsvTranslator) -> Iterator[list[Row]]:
    """Rows by ticket: each row alone (``layout: ticket``), or the run of rows with one number (``event``)."""
    return ticket_runs(
        lambda n: read_rows(path, n, encoding=spec.encoding, delimiter=spec.delimiter),
        lambda row: translator.value(row, spec.columns.number),
        notes,
        spec.columns.number,
        one_row_each=spec.layout == "ticket",
    )
