"""China's official 2026 arrangement (国务院办公厅通知, 4 November 2025), day by day.

The calendar takes it from the ``holidays`` package alone (no overrides, nothing frozen),
so this test fails on a ``holidays`` release older than the floor in pyproject.toml
(0.84 and older count Spring Festival's make-up days as ordinary weekends and
20 and 23 February as working days).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from itsmctl.calendar import BusinessCalendar
from itsmctl.models.sla import BusinessCalendar as CalendarRecord

WEEK = {d: ["09:00-12:00", "13:30-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}

OFF = {
    "元旦 New Year": (date(2026, 1, 1), date(2026, 1, 3)),
    "春节 Spring Festival": (date(2026, 2, 15), date(2026, 2, 23)),
    "清明节 Qingming": (date(2026, 4, 4), date(2026, 4, 6)),
    "劳动节 Labour Day": (date(2026, 5, 1), date(2026, 5, 5)),
    "端午节 Dragon Boat": (date(2026, 6, 19), date(2026, 6, 21)),
    "中秋节 Mid-Autumn": (date(2026, 9, 25), date(2026, 9, 27)),
    "国庆节 National Day": (date(2026, 10, 1), date(2026, 10, 7)),
}
MAKEUP = [
    date(2026, 1, 4),  # Sunday
    date(2026, 2, 14),  # Saturday
    date(2026, 2, 28),  # Saturday
    date(2026, 5, 9),  # Saturday
    date(2026, 9, 20),  # Sunday
    date(2026, 10, 10),  # Saturday
]


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


OFF_DAYS = [(name, d) for name, (a, b) in OFF.items() for d in _days(a, b)]


@pytest.fixture(scope="module")
def cal() -> BusinessCalendar:
    record = CalendarRecord.model_validate(
        {"kind": "calendar", "id": "CAL-CN", "name": "cn", "timezone": "Asia/Shanghai", "week": WEEK}
        | {"holidays": {"country": "CN"}}
    )
    return BusinessCalendar(record)


@pytest.mark.parametrize(("name", "day"), OFF_DAYS, ids=[f"{d.isoformat()}" for _, d in OFF_DAYS])
def test_every_day_of_the_official_breaks_is_off(cal: BusinessCalendar, name: str, day: date) -> None:
    info = cal.day(day)
    assert not info.working, f"{day} ({name}) counted as a {info.kind}"


@pytest.mark.parametrize("day", MAKEUP, ids=[d.isoformat() for d in MAKEUP])
def test_every_official_makeup_day_is_worked(cal: BusinessCalendar, day: date) -> None:
    info = cal.day(day)
    assert day.weekday() >= 5
    assert info.kind == "makeup" and info.working, f"{day} counted as a {info.kind}"


def test_the_rest_of_2026_is_the_plain_week(cal: BusinessCalendar) -> None:
    special = {d for _, d in OFF_DAYS} | set(MAKEUP)
    wrong = [
        d
        for d in _days(date(2026, 1, 1), date(2026, 12, 31))
        if d not in special and cal.day(d).working != (d.weekday() < 5)
    ]
    assert wrong == []
