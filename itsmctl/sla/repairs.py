"""Vendor warranty repairs (厂商保修维修, domain §3) measured from the ticket's repair events.

A *trip* is one device away: ``repair_sent``, its ``repair_progress`` reports, and
``repair_returned``; loaner units (``loaner_issued``/``loaner_returned``) belong to the
trip that is away when they are issued.  Two clocks per trip, when the SLA sets
``vendor_repair``:

- ``repair_progress``: every gap between written progress (from the sending, then from
  each report, up to the return or ``now``) must stay within ``progress_every`` (3bd by
  default: 3 normal working days of the SLA calendar, counted in business time).  The
  clock shows the longest gap; while the device is away and no gap is late yet, the
  current gap (its deadline is when the next report is due).  Returned: met or missed.
- ``repair_return``: the device is back before Saturday 00:00 of the Nth weekend
  (``return_before_weekend``, default 2) after the sending day, counted in clock time.

A device away for repair is not a wait for a spare part: ``spare_part`` measures the
part's arrival (``part_arrived``), these clocks the repair.  ``sla status`` shows the
clocks of the latest trip; the repairs report lists every trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta, tzinfo
from itertools import pairwise
from typing import TYPE_CHECKING

from itsmctl.calendar.business import BusinessCalendar, ClockTime, TimeBasis
from itsmctl.models.events import Event
from itsmctl.models.sla import ServiceLevelAgreement, VendorRepairTerms
from itsmctl.models.tickets import TicketBase
from itsmctl.sla.agreements import applicable_slas
from itsmctl.sla.status import ClockState, ClockStatus

if TYPE_CHECKING:
    from itsmctl.sla.evaluate import SlaContext

SATURDAY = 5


@dataclass
class Trip:
    """One device away at the vendor, as the log tells it up to ``now``."""

    sent: datetime
    vendor: str
    device: str | None
    progress: list[datetime] = field(default_factory=list)
    returned: datetime | None = None
    loaner_issued: datetime | None = None
    loaner_returned: datetime | None = None


def trips(events: Sequence[Event]) -> list[Trip]:
    """Every repair trip of a log (the rule book keeps the events in order: ``vendor-repair``)."""
    out: list[Trip] = []
    away: Trip | None = None
    loaner: Trip | None = None
    for e in events:
        if e.type == "repair_sent":
            away = Trip(e.at, e.vendor, e.device)
            out.append(away)
        elif e.type == "repair_progress" and away is not None:
            away.progress.append(e.at)
        elif e.type == "repair_returned" and away is not None:
            away.returned, away = e.at, None
        elif e.type == "loaner_issued":
            holder = away or (out[-1] if out else None)
            if holder is not None and holder.loaner_issued is None:
                holder.loaner_issued, loaner = e.at, holder
        elif e.type == "loaner_returned" and loaner is not None:
            loaner.loaner_returned, loaner = e.at, None
    return out


def return_deadline(sent: datetime, weekends: int, calendar: BusinessCalendar) -> datetime:
    """Saturday 00:00 (calendar zone) of the ``weekends``-th weekend after the sending day.

    Sent Monday 2026-11-16: the first weekend after is 21-22 November, the second 28-29,
    so the device is due back before Saturday 2026-11-28 00:00.  Sent on a Saturday or
    Sunday, that weekend is not "after" the sending: the count starts with the next one.
    """
    day = sent.astimezone(calendar.zone).date()
    ahead = (SATURDAY - day.weekday()) % 7 or 7
    saturday = day + timedelta(days=ahead + 7 * (weekends - 1))
    return datetime.combine(saturday, time(0, 0), tzinfo=calendar.zone)


@dataclass(frozen=True)
class TripFigures:
    """One trip's two clocks, for ``sla status`` and the repairs report."""

    progress: ClockStatus
    back: ClockStatus
    gaps: int
    """Gaps between written progress so far (the open one included)."""
    late_gaps: int
    """Gaps longer than ``progress_every``."""


def _state(elapsed: int, goal: int, stopped: bool, warning: float) -> ClockState:
    if stopped:
        return "met" if elapsed <= goal else "missed"
    if elapsed > goal:
        return "breached"
    return "warning" if elapsed * 100.0 / goal >= warning else "ok"


def _clock(
    ticket: TicketBase,
    target: str,
    sla: ServiceLevelAgreement,
    priority: str,
    start: datetime,
    stop: datetime | None,
    goal: int,
    elapsed: int,
    deadline: datetime,
    basis: str,
    zone: tzinfo,
    breached_at: datetime | None = None,
) -> ClockStatus:
    """One repair clock; ``breached_at`` is when its first late gap or its return deadline was passed."""
    warning = float(sla.warning_percent)
    return ClockStatus(
        ticket_id=ticket.id,
        kind=str(getattr(ticket, "kind", "")),
        target=target,
        state=_state(elapsed, goal, stop is not None, warning),
        priority=priority,
        sla_id=sla.id,
        started_at=start.astimezone(zone),
        deadline=deadline.astimezone(zone),
        stopped_at=stop.astimezone(zone) if stop is not None else None,
        goal_seconds=goal,
        elapsed_seconds=elapsed,
        remaining_seconds=goal - elapsed,
        percent=round(elapsed * 100.0 / goal, 1),
        basis=basis,
        warning_percent=warning,
        breached_at=breached_at.astimezone(zone) if breached_at is not None else None,
        breach_goal_seconds=goal if breached_at is not None else None,
        breach_priority=priority if breached_at is not None else None,  # repair terms do not vary by priority
    )


def measure(
    ticket: TicketBase,
    trip: Trip,
    sla: ServiceLevelAgreement,
    terms: VendorRepairTerms,
    calendar: BusinessCalendar,
    now: datetime,
    priority: str,
) -> TripFigures:
    """Both clocks of one trip at ``now`` (events after ``now`` are not in ``trip``)."""
    span = terms.progress_every
    on: TimeBasis
    if span.business_days:
        on, basis = calendar, "business"
        goal = span.business_days * calendar.day_seconds(trip.sent.astimezone(calendar.zone).date())
    else:
        on, basis = (calendar, "business") if sla.basis == "business" else (ClockTime(calendar.zone), "clock")
        goal = span.seconds
    stop = trip.returned if trip.returned is not None and trip.returned <= now else None
    marks = [trip.sent, *(p for p in trip.progress if p <= now), stop or now]
    gaps = [(a, b, on.seconds_between(a, b)) for a, b in pairwise(marks)]
    late = [g for g in gaps if g[2] > goal]
    closed_late = [g for g in gaps[:-1] if g[2] > goal]
    if stop is not None or closed_late:
        start, _, elapsed = max(gaps, key=lambda g: g[2])
    else:
        start, _, elapsed = gaps[-1]
    first_late = on.add(late[0][0], goal) if late else None
    progress = _clock(ticket, "repair_progress", sla, priority, start, stop, goal, elapsed, on.add(start, goal),
                      basis, calendar.zone, first_late)  # fmt: skip
    due = return_deadline(trip.sent, terms.return_before_weekend, calendar)
    clock = ClockTime(calendar.zone)
    away = clock.seconds_between(trip.sent, stop or now)
    due_seconds = clock.seconds_between(trip.sent, due)
    back = _clock(
        ticket,
        "repair_return",
        sla,
        priority,
        trip.sent,
        stop,
        due_seconds,
        away,
        due,
        "clock",
        calendar.zone,
        due if away > due_seconds else None,
    )
    # both deadlines are counted on the calendar: a span through a year whose holidays are
    # only estimated may move when the official arrangement comes out
    estimated = calendar.estimated_years(trip.sent, max(progress.deadline or now, due, stop or now))
    progress, back = (replace(c, estimated_years=estimated) for c in (progress, back))
    return TripFigures(progress, back, len(gaps), len(late))


def repair_clocks(
    ticket: TicketBase,
    events: Sequence[Event],
    slas: Sequence[ServiceLevelAgreement],
    ctx: SlaContext,
    now: datetime,
    priority: str | None,
) -> list[list[ClockStatus]]:
    """The latest trip's clocks under every SLA that sets ``vendor_repair``: one candidate list per target."""
    found = trips(events)
    if not found:
        return []
    progress: list[ClockStatus] = []
    back: list[ClockStatus] = []
    for sla in slas:
        if sla.vendor_repair is None:
            continue
        _, calendar = ctx.basis(sla, "business")
        figures = measure(ticket, found[-1], sla, sla.vendor_repair, calendar, now, priority or ticket.priority)
        progress.append(figures.progress)
        back.append(figures.back)
    return [c for c in (progress, back) if c]


@dataclass(frozen=True)
class MeasuredTrip:
    """A trip and, when an SLA of the ticket sets ``vendor_repair``, its clocks and terms."""

    trip: Trip
    figures: TripFigures | None
    terms: VendorRepairTerms | None


def measured_trips(ticket: TicketBase, ctx: SlaContext, now: datetime) -> list[MeasuredTrip]:
    """Every trip of a ticket up to ``now``, measured on its strictest SLA with repair terms (the repairs report)."""
    events = [e for e in ticket.events if e.at <= now]
    found = trips(events)
    if not found:
        return []
    governing = [s for s in applicable_slas(ticket, ctx.slas, ctx.zones) if s.vendor_repair is not None]
    out: list[MeasuredTrip] = []
    for trip in found:
        best: tuple[TripFigures, VendorRepairTerms] | None = None
        for sla in governing:
            assert sla.vendor_repair is not None
            _, calendar = ctx.basis(sla, "business")
            figures = measure(ticket, trip, sla, sla.vendor_repair, calendar, now, ticket.priority)
            if best is None or (figures.back.deadline or now) < (best[0].back.deadline or now):
                best = (figures, sla.vendor_repair)
        out.append(MeasuredTrip(trip, best[0] if best else None, best[1] if best else None))
    return out
