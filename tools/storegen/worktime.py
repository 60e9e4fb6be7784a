"""Just enough business-calendar arithmetic to make generated timings believable.

The generator needs "the next working minute" and "N working minutes later" on the
5x8 calendar (09:00-12:00, 13:30-18:00, Mon-Fri, China's holidays and make-up days).
It is deliberately independent of itsmctl's own SLA engine: the sample store is test
data for that engine, so it must not be computed by it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

CST = timezone(timedelta(hours=8))
"""Asia/Shanghai has had no daylight saving since 1991: a fixed +08:00 is exact."""

PERIODS = ((time(9, 0), time(12, 0)), (time(13, 30), time(18, 0)))


@dataclass
class WorkCalendar:
    """Working periods per day, with dated holidays and make-up working days."""

    holidays: set[date] = field(default_factory=set)
    workdays: set[date] = field(default_factory=set)

    @classmethod
    def china(cls, years: Iterable[int]) -> WorkCalendar:
        """Holidays and make-up days from the ``holidays`` package for these years."""
        import holidays as hol

        cal = cls()
        for year in years:
            cn = hol.country_holidays("CN", years=year)
            cal.holidays.update(day for day in cn if day.year == year)
            cal.workdays.update(day for day in getattr(cn, "weekend_workdays", ()) if day.year == year)
        return cal

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def is_working(self, moment: datetime) -> bool:
        if not self.is_working_day(moment.date()):
            return False
        now = moment.timetz().replace(tzinfo=None)
        return any(start <= now < end for start, end in PERIODS)

    def next_working(self, moment: datetime) -> datetime:
        """The first working minute at or after ``moment``."""
        day = moment.date()
        while True:
            if self.is_working_day(day):
                for start, end in PERIODS:
                    begin = datetime.combine(day, start, CST)
                    finish = datetime.combine(day, end, CST)
                    if moment < finish:
                        return max(moment, begin)
            day += timedelta(days=1)
            moment = datetime.combine(day, time(0, 0), CST)

    def add(self, moment: datetime, minutes: float) -> datetime:
        """``minutes`` of working time after ``moment`` (which may be outside hours)."""
        left = timedelta(minutes=minutes)
        current = self.next_working(moment)
        while True:
            end = next(
                datetime.combine(current.date(), e, CST)
                for s, e in PERIODS
                if datetime.combine(current.date(), s, CST) <= current < datetime.combine(current.date(), e, CST)
            )
            if current + left <= end:
                return (current + left).replace(second=0, microsecond=0)
            left -= end - current
            current = self.next_working(end)

    def elapsed(self, start: datetime, end: datetime) -> float:
        """Working minutes between two moments (slow, for checks on a few tickets)."""
        total = 0.0
        current = self.next_working(start)
        while current < end:
            period_end = next(
                datetime.combine(current.date(), e, CST)
                for s, e in PERIODS
                if datetime.combine(current.date(), s, CST) <= current < datetime.combine(current.date(), e, CST)
            )
            total += (min(period_end, end) - current).total_seconds() / 60
            current = self.next_working(period_end)
        return total
