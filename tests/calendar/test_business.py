"""Business time on the 5x8 calendar of the sample store, hand-computed.

CAL: Asia/Shanghai, Mon–Fri 09:00-12:00 + 13:30-18:00 (7.5 h = 27 000 s a day), CN
holidays.  2026 facts used below: 10-01..10-07 National Day holidays (10-04 a Sunday),
10-10 (Sat) a make-up working day, 09-30 a Wednesday, 11-13 a Friday.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from itsmctl.calendar import BusinessCalendar
from itsmctl.errors import ItsmError
from itsmctl.models.sla import BusinessCalendar as CalendarRecord

WEEK = {d: ["09:00-12:00", "13:30-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}


def calendar(**extra: object) -> BusinessCalendar:
    data: dict[str, object] = {
        "kind": "calendar",
        "id": "CAL-CN-5X8",
        "name": "5x8",
        "timezone": "Asia/Shanghai",
        "week": WEEK,
        "holidays": {"country": "CN"},
    }
    data.update(extra)
    return BusinessCalendar(CalendarRecord.model_validate(data))


def t(text: str) -> datetime:
    return datetime.fromisoformat(text + "+08:00")


CAL = calendar()


def test_weekend_is_skipped() -> None:
    # Fri 17:00 + 2h: 17:00-18:00 (1h), Mon 09:00-10:00 (1h)
    assert CAL.add(t("2026-11-13T17:00"), 7200) == t("2026-11-16T10:00")
    assert CAL.seconds_between(t("2026-11-13T17:00"), t("2026-11-16T10:00")) == 7200


def test_lunch_break_is_skipped() -> None:
    # 11:30 + 1h: 11:30-12:00 (30m), 13:30-14:00 (30m)
    assert CAL.add(t("2026-11-16T11:30"), 3600) == t("2026-11-16T14:00")
    assert CAL.seconds_between(t("2026-11-16T11:00"), t("2026-11-16T14:00")) == 3600 + 1800


def test_deadline_ending_at_a_period_end_is_that_end() -> None:
    assert CAL.add(t("2026-11-16T11:00"), 3600) == t("2026-11-16T12:00")


def test_public_holidays_are_skipped() -> None:
    # Wed 09-30 17:00 + 2h: 1h that day; 10-01..10-07 off; Thu 10-08 09:00-10:00
    assert CAL.add(t("2026-09-30T17:00"), 7200) == t("2026-10-08T10:00")


def test_make_up_saturday_is_a_working_day() -> None:
    # Fri 10-09 17:00 + 2h: 1h Friday, Sat 10-10 (调休上班) 09:00-10:00
    assert CAL.add(t("2026-10-09T17:00"), 7200) == t("2026-10-10T10:00")
    assert CAL.day(date(2026, 10, 10)).kind == "makeup"


def test_opened_at_night_starts_at_the_next_working_minute() -> None:
    assert CAL.next_working_moment(t("2026-11-17T22:00")) == t("2026-11-18T09:00")
    assert CAL.add(t("2026-11-17T22:00"), 1800) == t("2026-11-18T09:30")
    assert CAL.seconds_between(t("2026-11-17T22:00"), t("2026-11-18T09:20")) == 1200


def test_seconds_precision() -> None:
    assert CAL.seconds_between(t("2026-11-16T09:00:01"), t("2026-11-16T09:00:59")) == 58
    assert CAL.add(t("2026-11-16T11:59:59"), 2) == t("2026-11-16T13:30:01")


def test_business_days() -> None:
    assert CAL.day_seconds(date(2026, 11, 16)) == 27000
    # Mon 10:00 + 3bd = 81 000 s: Mon 6.5h, Tue 7.5h, Wed 7.5h (21.5h), Thu 09:00+1h
    assert CAL.add_business_days(t("2026-11-16T10:00"), 3) == t("2026-11-19T10:00")


def test_working_days_of_october_2026() -> None:
    days = CAL.working_days(2026, 10)
    # 22 weekdays - 5 holiday weekdays (1, 2, 5, 6, 7) + make-up Saturday 10 = 18
    assert len(days) == 18
    assert days[0] == date(2026, 10, 8)
    assert date(2026, 10, 10) in days


def test_frozen_year_replaces_the_package() -> None:
    cal = calendar(frozen=[{"year": 2026, "holidays": [{"date": "2026-11-18", "type": "holiday", "name": "封存假日"}]}])
    assert cal.day(date(2026, 11, 18)).kind == "holiday"
    assert cal.day(date(2026, 10, 1)).kind == "workday"  # the package no longer speaks for 2026
    assert cal.day(date(2027, 10, 1)).kind == "holiday"  # but still for 2027


def test_overrides_both_ways() -> None:
    cal = calendar(
        overrides=[
            {"date": "2026-11-20", "type": "holiday", "name": "公司活动日"},
            {"date": "2026-11-21", "type": "workday", "name": "补班", "hours": ["10:00-12:00"]},
        ]
    )
    assert cal.day(date(2026, 11, 20)).kind == "holiday"
    assert cal.day(date(2026, 11, 21)).kind == "makeup"
    # Thu 11-19 17:00 + 2h: 1h Thu, Fri off, Sat 10:00-11:00
    assert cal.add(t("2026-11-19T17:00"), 7200) == t("2026-11-21T11:00")


def test_versions_apply_from_their_date() -> None:
    later = {d: ["08:30-17:30"] for d in ("mon", "tue", "wed", "thu", "fri")}
    cal = calendar(versions=[{"effective_from": "2026-12-01", "week": later}])
    assert cal.day(date(2026, 11, 30)).hours_text() == "09:00-12:00, 13:30-18:00"
    assert cal.day(date(2026, 12, 1)).hours_text() == "08:30-17:30"
    # Mon 11-30 17:00 + 2h: 1h on the old hours, Tue 12-01 08:30-09:30 on the new
    assert cal.add(t("2026-11-30T17:00"), 7200) == t("2026-12-01T09:30")


def test_seven_by_twenty_four() -> None:
    cal = calendar(week={d: ["00:00-24:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}, holidays=None)
    assert cal.add(t("2026-10-01T23:00"), 7200) == t("2026-10-02T01:00")
    assert cal.seconds_between(t("2026-10-01T00:00"), t("2026-10-08T00:00")) == 7 * 86400
    assert cal.day_seconds(date(2026, 10, 1)) == 86400


def test_daylight_saving_counts_real_seconds() -> None:
    record = CalendarRecord.model_validate(
        {
            "kind": "calendar",
            "id": "CAL-DE",
            "name": "Berlin",
            "timezone": "Europe/Berlin",
            "week": {d: ["00:00-24:00"] for d in ("sat", "sun")},
        }
    )
    cal = BusinessCalendar(record)
    # 2026-03-29 is the spring-forward Sunday: that day has 23 hours
    start = datetime.fromisoformat("2026-03-29T00:00:00+01:00")
    end = datetime.fromisoformat("2026-03-30T00:00:00+02:00")
    assert cal.seconds_between(start, end) == 23 * 3600


def test_calendar_without_working_time_refuses_to_place_a_deadline() -> None:
    cal = calendar(week={}, holidays=None)
    with pytest.raises(ItsmError, match="no working time"):
        cal.add(t("2026-11-16T09:00"), 60)


def test_unknown_holiday_country_is_a_clear_error() -> None:
    cal = calendar(holidays={"country": "XX"})
    with pytest.raises(ItsmError, match="no public holidays for XX"):
        cal.day(date(2026, 11, 16))
