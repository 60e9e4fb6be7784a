"""SLA and calendar checks: what would make a clock wrong or impossible.

(An SLA naming an unknown calendar, and a priority without targets, are reported by
``checks.references``.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from itsmctl.calendar.business import MIN_WEEK_MINUTES, week_minutes
from itsmctl.calendar.business import BusinessCalendar as BusinessCalendarClock
from itsmctl.errors import ItsmError
from itsmctl.findings import Finding
from itsmctl.models import TICKET_KINDS, BusinessCalendar, Incident, ServiceLevelAgreement, TicketBase
from itsmctl.models.base import Span
from itsmctl.models.sla import TargetSpec
from itsmctl.sla.agreements import applicable_slas
from itsmctl.sla.evaluate import CLOCKED_KINDS, SlaContext, evaluate_ticket
from itsmctl.store.facts import RecordFacts, facts_of
from itsmctl.store.loader import LoadedFile
from itsmctl.store.snapshot import Snapshot

TARGET_FIELDS = ("response", "onsite", "spare_part", "recovery", "resolution")


def check_sla(snapshot: Snapshot) -> Iterator[Finding]:
    for loaded in snapshot.by_kind.get("calendar", []):
        assert isinstance(loaded.record, BusinessCalendar)
        yield from _calendar(loaded, loaded.record)
    slas = snapshot.slas
    zones = {c.id: ZoneInfo(c.timezone) for c in snapshot.calendars}
    for loaded in snapshot.by_kind.get("sla", []):
        assert isinstance(loaded.record, ServiceLevelAgreement)
        yield from _sla(loaded, loaded.record)
    for kind in TICKET_KINDS:
        if kind not in CLOCKED_KINDS:
            continue
        for loaded in snapshot.by_kind.get(kind, []):
            ticket = loaded.record
            assert isinstance(ticket, TicketBase)
            if no_sla_covers(ticket, slas, zones):
                yield loaded.finding(
                    ("service",),
                    "sla-coverage",
                    f"no SLA covers service {ticket.service} on {ticket.opened_at.date()}: this ticket has no clocks",
                    "warning",
                )
            yield from _pinned_in_effect(loaded, ticket, slas, zones)


def no_sla_covers(ticket: TicketBase, slas: list[ServiceLevelAgreement], zones: dict[str, Any]) -> bool:
    """The ``sla-coverage`` warning's predicate (for ``validate`` and the import summary): the
    store has SLAs, none covers the ticket's service on its opening day, and it names none."""
    return bool(slas) and not ticket.sla and not applicable_slas(ticket, slas, zones)


def _pinned_in_effect(
    loaded: LoadedFile, ticket: TicketBase, slas: list[ServiceLevelAgreement], zones: dict[str, Any]
) -> Iterator[Finding]:
    problem = pinned_sla_out_of_effect(ticket, slas, zones)
    if problem is not None:
        yield loaded.finding(("sla",), "sla-effective", problem, "warning")


def pinned_sla_out_of_effect(
    ticket: TicketBase, slas: list[ServiceLevelAgreement], zones: dict[str, Any]
) -> str | None:
    """Why the SLA a ticket is pinned to (``sla:``) was not in effect on its opening day, or None.

    The one predicate of the ``sla-effective`` warning, for ``validate`` and ``ticket new``
    alike.  The clocks still run on the pinned SLA (the pin is the user's word), but a
    contract that had ended, or not yet begun, is usually a typo or a renewal not recorded.
    The opening day is the date in the SLA calendar's zone, as for SLA applicability.
    """
    pinned = next((s for s in slas if s.id == ticket.sla), None)
    if pinned is None:  # an unknown SLA is a reference finding
        return None
    zone = zones.get(pinned.calendar)
    opened = (ticket.opened_at.astimezone(zone) if zone is not None else ticket.opened_at).date()
    if opened < pinned.effective_from:
        when = f"takes effect on {pinned.effective_from.isoformat()}"
    elif pinned.effective_to is not None and opened > pinned.effective_to:
        when = f"ended on {pinned.effective_to.isoformat()}"
    else:
        return None
    covering = [s.id for s in applicable_slas(ticket.model_copy(update={"sla": None}), slas, zones)]
    instead = f"; in effect then for service {ticket.service}: {', '.join(covering)}" if covering else ""
    return (
        f"the ticket opened on {opened.isoformat()} is pinned to {pinned.id}, which {when}: its clocks run "
        f"on an SLA not in effect at the opening{instead}"
    )


def _calendar(loaded: LoadedFile, record: BusinessCalendar) -> Iterator[Finding]:
    weeks: list[tuple[tuple[str | int, ...], str, dict[Any, list[str]]]] = [(("week",), "the week", record.week)]
    for i, version in enumerate(record.versions):
        weeks.append((("versions", i, "week"), f"the version from {version.effective_from}", version.week))
    for where, which, week in weeks:
        minutes = week_minutes({str(k): v for k, v in week.items()})
        if minutes < MIN_WEEK_MINUTES:
            yield loaded.finding(
                where,
                "calendar",
                f"{which} gives {minutes} working minute(s) a week, less than the {MIN_WEEK_MINUTES} a calendar "
                "needs: the SLA clocks could not place deadlines on it (make-up days alone do not make a week)",
            )
    for day, n in Counter(o.date for o in record.overrides).items():
        if n > 1:
            yield loaded.finding(("overrides",), "calendar", f"{day} is overridden {n} times")
    for year, n in Counter(f.year for f in record.frozen).items():
        if n > 1:
            yield loaded.finding(("frozen",), "calendar", f"year {year} is frozen {n} times")
    starts = [v.effective_from for v in record.versions]
    for day, n in Counter(starts).items():
        if n > 1:
            yield loaded.finding(("versions",), "calendar", f"two versions take effect on {day}")
    if record.holidays is not None:
        import holidays as holidays_lib

        try:
            holidays_lib.country_holidays(record.holidays.country, subdiv=record.holidays.subdivision, years=2026)
        except NotImplementedError as exc:
            yield loaded.finding(("holidays",), "calendar", f"the holidays package cannot give these holidays: {exc}")


def _sla(loaded: LoadedFile, sla: ServiceLevelAgreement) -> Iterator[Finding]:
    statuses = set(Incident.STATUSES)
    for i, state in enumerate(sla.pause_states):
        if state not in statuses:
            yield loaded.finding(("pause_states", i), "sla", f"{state!r} is not a ticket status: it never pauses")
        elif state in ("resolved", "closed"):
            yield loaded.finding(("pause_states", i), "sla", f"{state!r} stops clocks already; it cannot be a pause")
    if "pause_targets" in sla.model_fields_set:  # the default names targets an SLA may not have
        defined = {name for targets in sla.targets.values() for name in TARGET_FIELDS if getattr(targets, name)}
        for i, paused in enumerate(sla.pause_targets):
            if paused not in defined:
                yield loaded.finding(
                    ("pause_targets", i),
                    "sla-pause",
                    f"{paused!r} is not a target of any priority of this SLA: pausing it changes nothing",
                    "warning",
                )
    for priority, targets in sla.targets.items():
        if all(getattr(targets, name) is None for name in TARGET_FIELDS):
            yield loaded.finding(("targets", priority), "sla-target", f"priority {priority} has no target at all")
        for name in TARGET_FIELDS:
            raw = getattr(targets, name)
            span, basis = (raw.within, raw.basis or sla.basis) if isinstance(raw, TargetSpec) else (raw, sla.basis)
            if isinstance(span, Span) and basis == "business" and not span.business_days and span.seconds % 86400 == 0:
                yield loaded.finding(
                    ("targets", priority, name),
                    "sla-days",
                    f"{span} on a business basis is {span.seconds // 3600} business hours; "
                    f"write {span.seconds // 86400}bd for working days",
                    "warning",
                )


class _EstimatedReach:
    """Whether a closed ticket's clocks can touch a year some calendar only estimates.

    A closed ticket's clocks start and stop within its event log, or (a clock that never
    stopped) rest at "now": its years are those from its first event to the later of its last
    event and now, in each calendar's zone.
    """

    def __init__(self, calendars: Iterable[BusinessCalendarClock], now: datetime) -> None:
        self.calendars = list(calendars)
        self.when = now
        self.now = now.timestamp()
        self._years: dict[tuple[int, int, int], bool] = {}

    def may_touch(self, facts: RecordFacts) -> bool:
        """Whether the ticket's clocks can run through such a year: it is open at "now" (or has
        events after it), or its log spans one."""
        if facts.first_event is None or facts.last_event is None or not facts.closed_by(self.when):
            return True
        return self.spans(facts.first_event, facts.last_event)

    def spans(self, first: float, last: float) -> bool:
        """True also when a calendar cannot tell (a country the package lacks): the ticket is
        then looked at, and what makes its clocks unknown is reported where they are computed."""
        end = max(last, self.now)
        for n, calendar in enumerate(self.calendars):
            key = (
                n,
                datetime.fromtimestamp(first, calendar.zone).year,
                datetime.fromtimestamp(end, calendar.zone).year,
            )
            if key not in self._years:
                try:
                    self._years[key] = any(calendar.days.estimate(y) for y in range(key[1], key[2] + 1))
                except ItsmError:
                    self._years[key] = True
            if self._years[key]:
                return True
        return False


def may_touch_estimated(now: datetime) -> Callable[[Snapshot], Callable[[RecordFacts], bool]]:
    """For ``Store.partial``: the tickets ``check_estimated_years`` has to look at, from their facts."""

    def select(base: Snapshot) -> Callable[[RecordFacts], bool]:
        reach = _EstimatedReach([BusinessCalendarClock(c) for c in base.calendars], now)

        return reach.may_touch

    return select


def check_estimated_years(snapshot: Snapshot, now: datetime) -> Iterator[Finding]:
    """A warning per calendar and year some SLA clock at ``now`` runs through while that year's
    holidays are only estimated (neither frozen in the calendar nor official in the package).

    Placed at the calendar's ``holidays`` field, once per year however many clocks it
    touches, naming the command that freezes it.  A warning: the clocks are computed, on
    the package's guess, and ``sla status`` marks them; only the official days settle them.
    """
    ctx = SlaContext.of(snapshot)
    calendar_of = {s.id: s.calendar for s in ctx.slas}
    touched: dict[tuple[str, int], int] = {}
    reach = _EstimatedReach(ctx.calendars.values(), now)
    for held in (f for kind in TICKET_KINDS for f in snapshot.by_kind.get(kind, [])):
        facts = facts_of(held)
        if facts is not None and not reach.may_touch(facts):
            continue  # closed: its clocks ran within its log (and up to now), which no such year touches
        ticket = held.record
        assert isinstance(ticket, TicketBase)
        try:
            clocks = evaluate_ticket(ticket, snapshot, now, context=ctx)
        except ItsmError:  # no clocks (ClockError, a country the package lacks): reported elsewhere
            continue
        for clock in clocks:
            for year in clock.estimated_years:
                key = (calendar_of.get(clock.sla_id, ""), year)
                touched[key] = touched.get(key, 0) + 1
    several = len(ctx.calendars) > 1
    for (calendar_id, year), count in sorted(touched.items()):
        loaded = snapshot.file_of(calendar_id)
        calendar = ctx.calendars.get(calendar_id)
        if loaded is None or calendar is None:
            continue
        command = f"itsmctl calendar freeze {year}" + (f" --calendar {calendar_id}" if several else "")
        yield loaded.finding(
            ("holidays",),
            "calendar-estimated",
            f"{count} SLA clock(s) run through {year}, whose holidays are only estimated "
            f"({calendar.days.estimate(year)}): their deadlines may still move. Once the official "
            f"arrangement is out (in the holidays package or as overrides), freeze it: {command}",
            "warning",
        )
