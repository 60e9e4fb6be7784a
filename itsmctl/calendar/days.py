"""Which days are working days, and their hours: the day-level half of a business calendar.

A day is resolved in this order, later steps winning:

1. the weekly hours of the calendar version in force on that date (``versions`` with the
   latest ``effective_from`` not after the date, else the base ``week``);
2. public holidays and make-up working days (调休) of that year: from the calendar's
   ``frozen`` entry for the year when there is one, else from the ``holidays`` package;
3. the calendar's dated ``overrides`` (extra holidays, extra make-up days).

A make-up working day without its own ``hours`` works the hours of a normal Monday of the
version in force (or, if Monday is empty, of the first weekday that has hours).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Literal

from itsmctl.errors import ItsmError
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.models.sla import DayOverride, FrozenYear

DayKind = Literal["workday", "weekend", "holiday", "makeup"]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Period = tuple[int, int]
"""A working period as minutes after local midnight, ``(540, 720)`` = 09:00-12:00."""


@dataclass(frozen=True)
class DayInfo:
    """One resolved day: its kind, why (holiday name), and its working periods."""

    day: date
    kind: DayKind
    name: str | None
    periods: tuple[Period, ...]
    source: str
    """Where the decision came from: week, frozen, holidays, override."""
    estimated: bool = False
    """The day's year is neither frozen in the calendar nor official in the package
    (``estimate_reason``): a deadline on it may still move."""

    @property
    def working(self) -> bool:
        return bool(self.periods)

    @property
    def seconds(self) -> int:
        return sum(end - start for start, end in self.periods) * 60

    def hours_text(self) -> str:
        return ", ".join(f"{_hm(s)}-{_hm(e)}" for s, e in self.periods)


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_periods(spans: list[str]) -> tuple[Period, ...]:
    """``["13:30-18:00", "09:00-12:00"]`` -> sorted, merged minute periods."""
    out: list[Period] = []
    for span in spans:
        left, right = span.split("-")
        start = int(left[:2]) * 60 + int(left[3:])
        end = int(right[:2]) * 60 + int(right[3:])
        if end > start:
            out.append((start, end))
    out.sort()
    merged: list[Period] = []
    for start, end in out:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


@dataclass(frozen=True)
class YearDays:
    """Holidays and make-up days of one year, as ``{date: name}``."""

    holidays: dict[date, str]
    workdays: dict[date, str]
    labelled_estimates: bool = False
    """The package itself labels some of the year's holidays as estimated (``estimated_label``)."""


def package_year(record: CalendarRecord, year: int) -> YearDays:
    """What the ``holidays`` package says about ``year`` (empty without a holiday source)."""
    source = record.holidays
    if source is None:
        return YearDays({}, {})
    return _package_year(source.country, source.subdivision, source.use_weekend_workdays, year)


@lru_cache(maxsize=256)
def _package_year(country: str, subdivision: str | None, makeup: bool, year: int) -> YearDays:
    import holidays as holidays_lib

    try:
        table = holidays_lib.country_holidays(country, subdiv=subdivision, years=year, language="zh_CN")
    except NotImplementedError as exc:
        where = f"{country}/{subdivision}" if subdivision else country
        raise ItsmError(f"the holidays package has no public holidays for {where}: {exc}") from None
    names = {d: str(n) for d, n in sorted(table.items()) if d.year == year}
    workdays: dict[date, str] = {}
    if makeup:
        for d in sorted(getattr(table, "weekend_workdays", set()) or set()):
            if d.year == year:
                workdays[d] = "调休上班"
    label = str(table.tr(getattr(table, "estimated_label", "%s (estimated)")))
    marker = label.replace("%s", "").strip()
    labelled = bool(marker) and any(marker in name for name in names.values())
    return YearDays(names, workdays, labelled)


def estimate_reason(record: CalendarRecord, year: int, *, frozen_counts: bool = True) -> str | None:
    """Why ``year``'s holidays on this calendar are only an estimate; None when they are not.

    Not an estimate: a year frozen in the calendar (``calendar freeze``), a calendar that
    takes no holidays from the package, and a year the package knows officially.  The
    package gives a year it has no official data for from the lunar calendar alone: no
    holidays at all, holidays it labels "estimated" (``estimated_label``, 推定), or, for
    China with make-up days, no make-up working day (调休) anywhere in the year — the State
    Council's notice always has some, and a calendar's own ``workday`` override for the
    year counts as having it — and none in any later year either (a year before the
    package's last official one, 1990 say, is history, not an estimate).  The one rule
    ``calendar freeze`` refuses by (it asks with ``frozen_counts=False``: re-freezing asks
    the package again).
    """
    source = record.holidays
    if source is None or (frozen_counts and any(f.year == year for f in record.frozen)):
        return None
    days = package_year(record, year)
    where = f"{source.country}/{source.subdivision}" if source.subdivision else source.country
    if not days.holidays:
        return f"the holidays package knows no public holidays for {year} in {where}"
    if days.labelled_estimates:
        return f"the holidays package labels some {year} holidays in {where} as estimated"
    official = any(o.type == "workday" and o.date.year == year for o in record.overrides)
    makeup = source.country == "CN" and source.use_weekend_workdays
    if makeup and not days.workdays and not official and not _makeup_later(source.country, source.subdivision, year):
        return f"the holidays package has no make-up working days (调休) for {year} yet"
    return None


LATER_YEARS = 60
"""How far ahead a year without make-up days looks for a later one that has some."""


@lru_cache(maxsize=256)
def _makeup_later(country: str, subdivision: str | None, year: int) -> bool:
    """Whether the package has make-up days in some year after ``year``: then ``year`` lies
    inside its official record (before 调休 began, say) and is no estimate."""
    last = min(year + LATER_YEARS, 2200)
    return any(_package_year(country, subdivision, True, y).workdays for y in range(year + 1, last + 1))


def year_days(record: CalendarRecord, year: int) -> YearDays:
    """The year's holidays and make-up days: the frozen copy if any, else the package."""
    frozen = next((f for f in record.frozen if f.year == year), None)
    if frozen is not None:
        return YearDays({o.date: o.name for o in frozen.holidays}, {o.date: o.name for o in frozen.workdays})
    return package_year(record, year)


def freeze_year(record: CalendarRecord, year: int) -> FrozenYear:
    """The year's package days as a ``frozen`` entry, so a library update cannot change them."""
    days = package_year(record, year)
    return FrozenYear(
        year=year,
        holidays=[DayOverride(date=d, type="holiday", name=n) for d, n in sorted(days.holidays.items())],
        workdays=[DayOverride(date=d, type="workday", name=n) for d, n in sorted(days.workdays.items())],
    )


class DayResolver:
    """Resolves dates of one calendar record; results are cached per date."""

    def __init__(self, record: CalendarRecord) -> None:
        self.record = record
        self._years: dict[int, YearDays] = {}
        self._overrides = {o.date: o for o in record.overrides}
        self._versions = sorted(record.versions, key=lambda v: v.effective_from)
        self._cache: dict[date, DayInfo] = {}
        self._estimates: dict[int, str | None] = {}

    def estimate(self, year: int) -> str | None:
        """Why ``year`` is only estimated on this calendar (``estimate_reason``), cached."""
        if year not in self._estimates:
            self._estimates[year] = estimate_reason(self.record, year)
        return self._estimates[year]

    def week_on(self, day: date) -> dict[str, list[str]]:
        """The weekly hours in force on ``day``."""
        week: dict[str, list[str]] = {str(k): v for k, v in self.record.week.items()}
        for version in self._versions:
            if version.effective_from <= day:
                week = {str(k): v for k, v in version.week.items()}
        return week

    def _makeup_periods(self, day: date, hours: list[str] | None) -> tuple[Period, ...]:
        if hours:
            return parse_periods(hours)
        week = self.week_on(day)
        for name in WEEKDAYS:
            periods = parse_periods(week.get(name, []))
            if periods:
                return periods
        return ()

    def resolve(self, day: date) -> DayInfo:
        info = self._cache.get(day)
        if info is None:
            info = self._cache[day] = self._resolve(day)
        return info

    def _resolve(self, day: date) -> DayInfo:
        weekday = WEEKDAYS[day.weekday()]
        periods = parse_periods(self.week_on(day).get(weekday, []))
        info = DayInfo(day, "workday" if periods else "weekend", None, periods, "week")
        year = self._years.get(day.year)
        if year is None:
            year = self._years[day.year] = year_days(self.record, day.year)
        source = "frozen" if any(f.year == day.year for f in self.record.frozen) else "holidays"
        if day in year.workdays:
            info = DayInfo(
                day,
                "makeup" if not periods else "workday",
                year.workdays[day],
                periods or self._makeup_periods(day, None),
                source,
            )
        if day in year.holidays:
            info = DayInfo(day, "holiday", year.holidays[day], (), source)
        override = self._overrides.get(day)
        if override is not None:
            if override.type == "holiday":
                info = DayInfo(day, "holiday", override.name, (), "override")
            else:
                info = DayInfo(day, "makeup", override.name, self._makeup_periods(day, override.hours), "override")
        if info.source != "override" and self.estimate(day.year) is not None:
            info = replace(info, estimated=True)
        return info
