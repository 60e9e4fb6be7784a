"""The due occurrences of an operation plan on its business calendar, and their fulfilment.

Each period of a plan's frequency (a day, an ISO week, a month, a quarter, a half year, a
year) is one occurrence, keyed like ``Operation.period`` (``2026-10``, ``2026-Q4``…).  It is
due by the end of the N-th working day of the period (the plan's ``window_working_days``),
or by its last working day: holidays are skipped and make-up working days count, as the
calendar resolves them.  A period without a working day has no occurrence.  The performed
operation with the same plan and period fulfils it: on time when done by the due day
(local to the calendar), late after it; without one it is overdue once the due day has
passed at ``now``, and pending before.

A ``cron`` plan's occurrences are the days its expression matches (``itsmctl.models.cron``),
each a period keyed by its date; one that falls on a day the calendar does not work is due
on the next working day (顺延).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from itsmctl.calendar import BusinessCalendar
from itsmctl.errors import UsageError
from itsmctl.models import Operation, OperationPlan
from itsmctl.models.cron import parse_cron
from itsmctl.store.snapshot import Snapshot

OccurrenceStatus = Literal["on_time", "late", "overdue", "pending"]


@dataclass(frozen=True)
class Occurrence:
    """One period of a plan: when it is due and what fulfilled it, judged at ``now``."""

    plan: str
    period: str
    start: date
    end: date
    due: date
    status: OccurrenceStatus
    days_late: int = 0
    """Calendar days after the due day it was done (late) or is now (overdue); 0 otherwise."""
    operation: str | None = None
    done_at: datetime | None = None


CRON_LOOKBACK_DAYS = 62
"""How far before a range a cron day may lie and still be due in it (moved past a long holiday),
and how far ahead its next working day is looked for."""


def period_of(frequency: str, day: date) -> str:
    """The key of the period of ``frequency`` that holds ``day`` (a cron period is its day)."""
    if frequency in ("daily", "cron"):
        return day.isoformat()
    if frequency == "weekly":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if frequency == "monthly":
        return f"{day.year}-{day.month:02d}"
    if frequency == "quarterly":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if frequency == "half_yearly":
        return f"{day.year}-H{(day.month - 1) // 6 + 1}"
    return str(day.year)


def period_bounds(frequency: str, key: str) -> tuple[date, date]:
    """The first and last day of the period ``key`` of ``frequency`` (ValueError if it is not one)."""
    if frequency in ("daily", "cron"):
        day = date.fromisoformat(key)
        return day, day
    if frequency == "weekly":
        monday = date.fromisocalendar(int(key[:4]), int(key[6:]), 1)
        return monday, monday + timedelta(days=6)
    year = int(key[:4])
    if frequency == "monthly":
        first_month, months = int(key[5:7]), 1
    elif frequency == "quarterly":
        first_month, months = (int(key[6]) - 1) * 3 + 1, 3
    elif frequency == "half_yearly":
        first_month, months = (int(key[6]) - 1) * 6 + 1, 6
    else:
        first_month, months = 1, 12
    start = date(year, first_month, 1)
    after = date(year + (first_month + months - 1) // 12, (first_month + months - 1) % 12 + 1, 1)
    return start, after - timedelta(days=1)


def _periods(frequency: str, first: date, last: date) -> Iterator[str]:
    """The keys of every period of ``frequency`` that holds a day from ``first`` to ``last``."""
    day = first
    while day <= last:
        key = period_of(frequency, day)
        yield key
        day = period_bounds(frequency, key)[1] + timedelta(days=1)


def due_day(plan: OperationPlan, calendar: BusinessCalendar, start: date, end: date) -> date | None:
    """The N-th working day of the period, or its last one; None when the period has none."""
    wanted = plan.window_working_days
    last: date | None = None
    count = 0
    day = start
    while day <= end:
        if calendar.day(day).working:
            count += 1
            last = day
            if wanted is not None and count == wanted:
                return day
        day += timedelta(days=1)
    return last


def plan_period(plan: OperationPlan, day: date) -> str | None:
    """The period of ``plan`` that ``day`` is in: for a cron plan the last day it names on or
    before ``day`` (None if there is none within a year)."""
    if plan.cron is None:
        return period_of(plan.frequency, day)
    cron = parse_cron(plan.cron)
    for back in range(367):
        if cron.matches(day - timedelta(days=back)):
            return (day - timedelta(days=back)).isoformat()
    return None


def fits_plan(plan: OperationPlan, key: str) -> bool:
    """Whether ``key`` names a period of ``plan`` (``2026-10`` is monthly, not quarterly; a cron
    plan's period is a day its expression names)."""
    try:
        start = period_bounds(plan.frequency, key)[0]
    except (ValueError, IndexError):
        return False
    if period_of(plan.frequency, start) != key:
        return False
    return plan.cron is None or parse_cron(plan.cron).matches(start)


def _cron_occurrences(
    plan: OperationPlan, calendar: BusinessCalendar, first: date, last: date
) -> Iterator[tuple[str, date, date, date]]:
    assert plan.cron is not None
    cron = parse_cron(plan.cron)
    day = first - timedelta(days=CRON_LOOKBACK_DAYS)
    while day <= last:
        if cron.matches(day) and day >= plan.effective_from:
            if plan.effective_until is not None and day > plan.effective_until:
                return
            due = next(
                (d for d in (day + timedelta(days=n) for n in range(CRON_LOOKBACK_DAYS)) if calendar.day(d).working),
                None,
            )
            if due is not None and first <= due <= last:
                yield day.isoformat(), day, day, due
        day += timedelta(days=1)


def occurrences(
    plan: OperationPlan, calendar: BusinessCalendar, first: date, last: date
) -> Iterator[tuple[str, date, date, date]]:
    """``(period, start, end, due)`` of each occurrence of ``plan`` due from ``first`` to ``last``.

    Only periods inside the plan's effective dates count (one that starts before
    ``effective_from`` but is due on or after it counts too; a cron day counts from
    ``effective_from`` on).
    """
    if plan.cron is not None:
        yield from _cron_occurrences(plan, calendar, first, last)
        return
    # a period due in [first, last] may start well before first (a yearly plan due in its last days)
    span_start, _ = period_bounds(plan.frequency, period_of(plan.frequency, first))
    for key in _periods(plan.frequency, span_start, last):
        start, end = period_bounds(plan.frequency, key)
        due = due_day(plan, calendar, start, end)
        if due is None or not first <= due <= last:
            continue
        if due < plan.effective_from or (plan.effective_until is not None and start > plan.effective_until):
            continue
        yield key, start, end, due


def schedule(
    plan: OperationPlan,
    calendar: BusinessCalendar,
    operations: Iterable[Operation],
    first: date,
    last: date,
    now: datetime,
) -> list[Occurrence]:
    """Every occurrence of ``plan`` due from ``first`` to ``last``, with its status at ``now``.

    An operation done after ``now`` has not happened yet at ``now`` and fulfils nothing.
    """
    today = now.astimezone(calendar.zone).date()
    done: dict[str, Operation] = {}
    for op in sorted(operations, key=lambda o: (o.at, o.id)):
        if op.plan == plan.id and op.at <= now:
            done.setdefault(op.period, op)
    out: list[Occurrence] = []
    for key, start, end, due in occurrences(plan, calendar, first, last):
        found = done.get(key)
        if found is not None:
            day = found.at.astimezone(calendar.zone).date()
            status: OccurrenceStatus = "on_time" if day <= due else "late"
            late = max(0, (day - due).days)
            out.append(Occurrence(plan.id, key, start, end, due, status, late, found.id, found.at))
        elif today > due:
            out.append(Occurrence(plan.id, key, start, end, due, "overdue", (today - due).days))
        else:
            out.append(Occurrence(plan.id, key, start, end, due, "pending"))
    return out


def store_schedule(
    snapshot: Snapshot, first: date, last: date, now: datetime, plans: Iterable[str] = ()
) -> list[Occurrence]:
    """Every plan's occurrences (or those of ``plans``) due from ``first`` to ``last``, by due day.

    UsageError for a plan the store does not have or a plan whose calendar it does not have."""
    wanted = set(plans)
    calendars = {c.id: c for c in snapshot.calendars}
    operations = snapshot.of_kind(Operation, "operation")
    known = sorted(snapshot.of_kind(OperationPlan, "operation_plan"), key=lambda p: p.id)
    unknown = sorted(wanted - {p.id for p in known})
    if unknown:
        raise UsageError(f"no operation plan {', '.join(unknown)} in the store")
    rows: list[Occurrence] = []
    for plan in known:
        if wanted and plan.id not in wanted:
            continue
        record = calendars.get(plan.calendar)
        if record is None:
            raise UsageError(f"{plan.id} names calendar {plan.calendar}, which the store does not have")
        rows.extend(schedule(plan, BusinessCalendar(record), operations, first, last, now))
    return sorted(rows, key=lambda o: (o.due, o.plan, o.period))
