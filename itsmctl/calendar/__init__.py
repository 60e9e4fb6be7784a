"""Business calendars: working days and hours, holidays, make-up days, business time."""

from itsmctl.calendar.business import BusinessCalendar, ClockTime, TimeBasis
from itsmctl.calendar.days import DayInfo, DayResolver, freeze_year, package_year, year_days

__all__ = [
    "BusinessCalendar",
    "ClockTime",
    "DayInfo",
    "DayResolver",
    "TimeBasis",
    "freeze_year",
    "package_year",
    "year_days",
]
