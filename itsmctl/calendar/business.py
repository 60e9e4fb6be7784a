"""Business time on a calendar: how many working seconds lie between two moments, and
which moment lies a number of working seconds after another.

Everything is computed in whole seconds on the calendar's own time zone, one day at a
time; a day's working periods come from :class:`itsmctl.calendar.days.DayResolver`.
``ClockTime`` offers the same two operations for targets counted in plain clock time,
so a stopwatch does not care which basis it runs on.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from itsmctl.calendar.days import WEEKDAYS, DayInfo, DayResolver, parse_periods
from itsmctl.errors import ItsmError
from itsmctl.models.sla import BusinessCalendar as CalendarRecord

MAX_IDLE_DAYS = 3 * 366
"""A calendar without a single working minute for three years cannot place a deadline."""
MAX_WINDOW_DAYS = 3660
"""Days searched for the working days of a window; a calendar with none in ten years is broken."""
MIN_WEEK_MINUTES = 60
"""The least working time a week in force may give (``validate`` reports a week with less).

A week without working time leaves the clock only its dated make-up days, so every
deadline after them runs into the ``MAX_IDLE_DAYS`` horizon; a week of a few minutes
(``09:00-09:01``, a typo) spreads a one-hour target over more than a week.  No service
calendar works less than an hour a week."""


class ClockError(ItsmError):
    """A clock that cannot be computed on its calendar (no working time within the horizon).

    A command computing many clocks reports the ticket and goes on with the others.
    """


class TimeBasis(Protocol):
    """What a stopwatch needs from a basis: measure a span, and add an amount of time."""

    def seconds_between(self, start: datetime, end: datetime) -> int: ...

    def add(self, start: datetime, seconds: int) -> datetime: ...


class ClockTime:
    """Plain elapsed time: every second counts (7x24 without a calendar)."""

    def __init__(self, zone: ZoneInfo | None = None) -> None:
        self.zone = zone

    def seconds_between(self, start: datetime, end: datetime) -> int:
        """Elapsed seconds on absolute time.

        Not ``end - start``: Python subtracts two datetimes of the *same* tzinfo object on
        their wall clocks, which is an hour off across a DST change (Europe/Berlin,
        2026-03-28 12:00 to 03-29 12:00 is 23 h, not 24 h).
        """
        return max(0, int((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds()))

    def add(self, start: datetime, seconds: int) -> datetime:
        """The instant ``seconds`` later on absolute time (the same wall-clock caveat as above)."""
        moment = start.astimezone(UTC) + timedelta(seconds=seconds)
        return moment.astimezone(self.zone or start.tzinfo)


class BusinessCalendar:
    """A runtime calendar built from a ``calendar`` record (see ``itsmctl.calendar.days``)."""

    def __init__(self, record: CalendarRecord) -> None:
        self.record = record
        self.id = record.id
        self.zone = ZoneInfo(record.timezone)
        self.days = DayResolver(record)
        self._spans: dict[date, tuple[tuple[int, int], ...]] = {}

    # -- days ---------------------------------------------------------------------------
    def day(self, day: date) -> DayInfo:
        return self.days.resolve(day)

    def month(self, year: int, month: int) -> list[DayInfo]:
        """Every day of a month, resolved."""
        first = date(year, month, 1)
        out: list[DayInfo] = []
        current = first
        while current.month == month:
            out.append(self.day(current))
            current += timedelta(days=1)
        return out

    def estimated_years(self, start: datetime, end: datetime) -> tuple[int, ...]:
        """The years from ``start`` to ``end`` (local dates) whose holidays are only estimated.

        A clock whose span touches one of them may still move when the official
        arrangement comes out (``itsmctl.calendar.days.estimate_reason``).
        """
        first, last = sorted((self._local_date(start).year, self._local_date(end).year))
        return tuple(y for y in range(first, last + 1) if self.days.estimate(y) is not None)

    def working_days(self, year: int, month: int) -> list[date]:
        return [d.day for d in self.month(year, month) if d.working]

    def day_seconds(self, on: date) -> int:
        """Business seconds of one business day (``1bd``): a normal Monday of the version in force."""
        week = self.days.week_on(on)
        for name in WEEKDAYS:
            periods = parse_periods(week.get(name, []))
            if periods:
                return sum(e - s for s, e in periods) * 60
        return 0

    # -- instants -------------------------------------------------------------------------
    def _epoch_spans(self, day: date) -> tuple[tuple[int, int], ...]:
        """The day's working periods as epoch seconds (UTC), so zone offsets are exact."""
        spans = self._spans.get(day)
        if spans is None:
            midnight = datetime(day.year, day.month, day.day)
            out = []
            for start, end in self.day(day).periods:
                a = (midnight + timedelta(minutes=start)).replace(tzinfo=self.zone)
                b = (midnight + timedelta(minutes=end)).replace(tzinfo=self.zone)
                out.append((int(a.timestamp()), int(b.timestamp())))
            spans = self._spans[day] = tuple(out)
        return spans

    def _local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def seconds_between(self, start: datetime, end: datetime) -> int:
        """Working seconds in ``[start, end)``; 0 when ``end`` is not after ``start``."""
        if end <= start:
            return 0
        a, b = int(start.timestamp()), int(end.timestamp())
        total = 0
        day = self._local_date(start) - timedelta(days=1)
        last = self._local_date(end)
        while day <= last:
            for s, e in self._epoch_spans(day):
                lo, hi = max(s, a), min(e, b)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total

    business_seconds = seconds_between

    def add(self, start: datetime, seconds: int) -> datetime:
        """The moment ``seconds`` working seconds after ``start``.

        ``add(t, 0)`` is ``t`` itself; a positive amount that ends exactly where a period
        ends returns that end (12:00, not 13:30 after lunch).
        """
        if seconds <= 0:
            return start.astimezone(self.zone)
        a = int(start.timestamp())
        remaining = seconds
        day = self._local_date(start) - timedelta(days=1)
        idle = 0
        while True:
            spans = self._epoch_spans(day)
            idle = 0 if spans else idle + 1
            if idle > MAX_IDLE_DAYS:
                raise ClockError(
                    f"calendar {self.id} has no working time for {MAX_IDLE_DAYS} days after {start.isoformat()}"
                )
            for s, e in spans:
                if e <= a:
                    continue
                lo = max(s, a)
                available = e - lo
                if remaining <= available:
                    return datetime.fromtimestamp(lo + remaining, tz=UTC).astimezone(self.zone)
                remaining -= available
            day += timedelta(days=1)

    add_business = add

    def add_business_days(self, start: datetime, days: int) -> datetime:
        """``days`` business days after ``start``: ``days`` x the working seconds of a normal day."""
        return self.add(start, days * self.day_seconds(self._local_date(start)))

    def end_of_working_days(self, moment: datetime, days: int) -> datetime | None:
        """Midnight (in the calendar's zone) after the ``days``-th working day following ``moment``'s day.

        How a window of whole business days ends (``reopen_window: 5bd``, a trial run of
        ``5bd``); None when the calendar has fewer working days than that in ten years.
        """
        day = self._local_date(moment)
        counted = 0
        for _ in range(MAX_WINDOW_DAYS):
            if counted == days:
                return datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone)
            day += timedelta(days=1)
            counted += self.day(day).working
        return None

    def next_working_moment(self, moment: datetime) -> datetime:
        """``moment`` itself when inside working hours, else the start of the next period."""
        a = int(moment.timestamp())
        day = self._local_date(moment) - timedelta(days=1)
        for _ in range(MAX_IDLE_DAYS):
            for s, e in self._epoch_spans(day):
                if e > a:
                    return datetime.fromtimestamp(max(s, a), tz=UTC).astimezone(self.zone)
            day += timedelta(days=1)
        raise ClockError(f"calendar {self.id} has no working time after {moment.isoformat()}")


def week_minutes(week: dict[str, list[str]]) -> int:
    """Working minutes of one weekly pattern (``{"mon": ["09:00-12:00"], …}``)."""
    return sum(end - start for spans in week.values() for start, end in parse_periods(spans))
