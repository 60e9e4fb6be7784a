"""The rows of each table, read from a snapshot as of one moment.

Nothing is measured here: SLA results are the SLA engine's clocks (``reports.slafigures``,
what ``sla status`` and the monthly report read), ticket dates are the report facts
(``reports.facts``), and a month selects what the monthly report counts in it, with the
report's own rules (``Period``, ``opened_in``, ``outcome_at``, ``at_end``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from itsmctl.models import Survey, TicketBase
from itsmctl.models import eventlog as log
from itsmctl.priority.lookup import assessed, escalation_raises
from itsmctl.reports import slafigures
from itsmctl.reports.as_of import snapshot_as_of
from itsmctl.reports.common import Period, ReportInput, report_zone
from itsmctl.reports.workload import at_end
from itsmctl.store.snapshot import Snapshot

Row = dict[str, Any]

COUNTS_AS = {
    **dict.fromkeys(slafigures.SLA_TARGETS, "achievement"),
    **dict.fromkeys(slafigures.DESK_TARGETS, "desk"),
    slafigures.CALLBACK: "callback",
    **dict.fromkeys(slafigures.REPAIR_TARGETS, "repairs"),
}
"""Which part of the monthly report counts a target's clocks (SLA achievement, the desk
timings, callback coverage, the repairs report)."""


@dataclass(frozen=True)
class Selection:
    """Which records an export holds: ticket kinds (empty: all) and a month (None: all time)."""

    kinds: tuple[str, ...] = ()
    month: str | None = None


class ExportView:
    """The store as of ``now`` (later tickets, events and surveys absent), in the report's zone."""

    def __init__(self, snapshot: Snapshot, now: datetime, selection: Selection) -> None:
        self.zone: tzinfo = report_zone(snapshot)
        self.now = now
        self.inp = ReportInput(snapshot_as_of(snapshot, now, self.zone), now, self.zone)
        self.period = Period.month(selection.month, self.zone) if selection.month else None
        self.kinds = set(selection.kinds)
        snap = self.inp.snapshot
        policy = snap.policy
        self.matrix = policy.priority if policy is not None else None
        until = self.period.end if self.period else None
        self.clocks = [
            c
            for c in slafigures.evaluate(snap, now, until=until)
            if self._kind_ok(c.kind) and (self.period is None or slafigures.outcome_at(c) in self.period)
        ]
        self.settled_ids = {c.ticket_id for c in self.clocks}
        self.kind_of: dict[str, str] = {t.id: t.kind for t in snap.tickets}  # type: ignore[attr-defined]
        chosen = [t for t in snap.tickets if self._kind_ok(self.kind_of[t.id]) and self._in_month(t)]
        self.tickets = sorted(chosen, key=lambda t: (t.opened_at, t.id))

    def _kind_ok(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def _in_month(self, ticket: TicketBase) -> bool:
        """Counted by the monthly report in its month: opened, resolved or closed in it, still
        unresolved at its end, or with an SLA outcome settled in it."""
        period = self.period
        if period is None:
            return True
        facts = self.inp.facts(ticket)
        return (
            ticket.opened_at in period
            or facts.resolved_at in period
            or facts.closed_at in period
            or log.is_unresolved(ticket, at_end(self.inp, period))
            or ticket.id in self.settled_ids
        )

    def iso(self, moment: datetime | None) -> str | None:
        return moment.astimezone(self.zone).isoformat() if moment is not None else None

    def month_of(self, moment: datetime | None) -> str | None:
        return moment.astimezone(self.zone).strftime("%Y-%m") if moment is not None else None


def ticket_rows(view: ExportView) -> Iterator[Row]:
    for t in view.tickets:
        facts = view.inp.facts(t)
        dims = t.dimensions
        source = t.source
        yield {
            "id": t.id,
            "kind": t.kind,  # type: ignore[attr-defined]
            "title": t.title,
            "status": t.status,
            "open": log.is_open(t, view.now),
            "service": t.service,
            "sla": t.sla,
            "category": t.category,
            "channel": t.channel,
            "delivery": t.delivery,
            "priority": assessed(t, view.matrix),
            "handling_priority": t.priority,
            "priority_overridden": t.priority_override is not None,
            "impact": dims.get("impact"),
            "urgency": dims.get("urgency"),
            "importance": dims.get("importance"),
            "major": t.major,
            "requester": t.requester,
            "group": t.group,
            "assignee": t.assignee,
            "cis": list(t.cis),
            "opened_at": view.iso(t.opened_at),
            "dispatched_at": view.iso(facts.dispatched_at),
            "resolved_at": view.iso(facts.resolved_at),
            "closed_at": view.iso(facts.closed_at),
            "first_line": facts.first_line if facts.resolved_at is not None else None,
            "change_result": facts.change_result,
            "events": len(t.events),
            "source_system": source.system if source else None,
            "source_number": source.number if source else None,
        }


def event_rows(view: ExportView) -> Iterator[Row]:
    period = view.period
    for t in view.tickets:
        raises = escalation_raises(t)
        for i, event, before, after in log.steps(t):
            if period is not None and event.at not in period:
                continue
            kind = event.type
            yield {
                "ticket_id": t.id,
                "kind": t.kind,  # type: ignore[attr-defined]
                "event_id": event.id,
                "seq": i + 1,
                "type": kind,
                "at": view.iso(event.at),
                "by": event.by,
                "status_from": before,
                "status_to": after,
                "priority": getattr(event, "priority", None) if kind == "opened" else _attr(event, "to", "priority"),
                "escalation": event.id in raises if kind == "priority" else None,
                "assignee": _attr(event, "to", "assigned"),
                "group": _attr(event, "group", "assigned"),
                "level": _attr(event, "level", "escalated"),
                "target": getattr(event, "target", None) if kind in ("escalated", "explained") else None,
                "first_line": _attr(event, "first_line", "resolved"),
                "reason": _text(event),
                "note": event.note,
            }


def _attr(event: Any, name: str, kind: str) -> Any:
    return getattr(event, name, None) if event.type == kind else None


def _text(event: Any) -> str | None:
    for name in ("reason", "resolution", "progress"):
        value = getattr(event, name, None)
        if isinstance(value, str) and value:
            return value
    return None


def sla_rows(view: ExportView) -> Iterator[Row]:
    for c in view.clocks:
        outcome = slafigures.outcome_at(c)
        yield {
            "ticket_id": c.ticket_id,
            "kind": c.kind,
            "sla": c.sla_id,
            "coverage": c.coverage,
            "target": c.target,
            "counts_as": COUNTS_AS.get(c.target),
            "state": c.state,
            "settled": outcome is not None,
            "month": view.month_of(outcome),
            "priority": c.priority,
            "judged_priority": c.judged_priority,
            "breach_priority": c.breach_priority if c.breached_at else None,
            "handling_priority": c.handling_priority,
            "basis": c.basis,
            "goal_seconds": c.goal_seconds,
            "elapsed_seconds": c.elapsed_seconds,
            "remaining_seconds": c.remaining_seconds,
            "overrun_seconds": c.overrun_seconds,
            "percent": c.percent,
            "started_at": view.iso(c.started_at),
            "due": view.iso(c.deadline),
            "stopped_at": view.iso(c.stopped_at),
            "breached_at": view.iso(c.breached_at),
            "estimated": bool(c.estimated_years),
        }


def survey_rows(view: ExportView) -> Iterator[Row]:
    """Surveys made in the month (the report's satisfaction figures); a callback about a
    ticket of a kind not selected is left out, a periodic survey always kept."""
    surveys = sorted(view.inp.snapshot.of_kind(Survey, "survey"), key=lambda s: (s.at, s.id))
    for s in surveys:
        if view.period is not None and s.at not in view.period:
            continue
        kind = view.kind_of.get(s.ticket) if s.ticket else None
        if s.ticket and view.kinds and kind not in view.kinds:
            continue
        yield {
            "id": s.id,
            "survey_type": s.survey_type,
            "ticket_id": s.ticket,
            "ticket_kind": kind,
            "at": view.iso(s.at),
            "by": s.by,
            "respondent": s.respondent,
            "channel": s.channel,
            "reached": s.reached,
            "score": s.score,
            "scores": dict(s.scores),
            "comment": s.comment,
            "period_start": _day(s.period_start),
            "period_end": _day(s.period_end),
            "responses": s.responses,
        }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


ROWS = {
    "tickets": ticket_rows,
    "events": event_rows,
    "sla_results": sla_rows,
    "surveys": survey_rows,
}
