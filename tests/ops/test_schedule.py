"""The schedule core: due days on the business calendar and each occurrence's fulfilment."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from itsmctl.calendar import BusinessCalendar
from itsmctl.models import Operation, OperationPlan
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.ops.schedule import fits_plan, period_bounds, period_of, plan_period, schedule

CST = timezone(timedelta(hours=8))
WEEK = {d: ["09:00-12:00", "13:30-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")}


def calendar(*overrides: tuple[str, str]) -> BusinessCalendar:
    """A 5x8 calendar with no holiday package: only the given (date, holiday|workday) days differ."""
    rows = [{"date": d, "type": t, "name": t} for d, t in overrides]
    record = {"kind": "calendar", "id": "CAL", "name": "5x8", "timezone": "Asia/Shanghai", "week": WEEK}
    return BusinessCalendar(CalendarRecord.model_validate({**record, "overrides": rows}))


HOLIDAY_AND_MAKEUP = calendar(("2026-10-05", "holiday"), ("2026-10-10", "workday"))
"""Monday 5 October a holiday, Saturday 10 October a make-up working day."""


def plan(frequency: str = "monthly", window: int | None = 7, **extra: Any) -> OperationPlan:
    data = {
        "kind": "operation_plan",
        "id": "OP-T",
        "title": "巡检",
        "operation_type": "inspection",
        "frequency": frequency,
        "calendar": "CAL",
        "owner_group": "onsite",
        "checklist": [{"id": "disk", "check": "磁盘"}],
        "effective_from": "2026-08-01",
    }
    if window is not None:
        data["window_working_days"] = window
    return OperationPlan.model_validate({**data, **extra})


def done(period: str, at: str, op_id: str = "OPR-2610-AAAAA", plan_id: str = "OP-T") -> Operation:
    return Operation.model_validate(
        {
            "kind": "operation",
            "id": op_id,
            "plan": plan_id,
            "period": period,
            "by": "wang.qiang",
            "at": at,
            "results": [{"item": "disk", "result": "pass"}],
        }
    )


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


def test_a_window_of_working_days_skips_the_holiday_and_counts_the_make_up_day() -> None:
    # Oct 1, 2, (3-4 weekend), (5 holiday), 6, 7, 8, 9, 10 (Saturday, make-up): the 7th is the 10th
    [october] = schedule(plan(), HOLIDAY_AND_MAKEUP, [], date(2026, 10, 1), date(2026, 10, 31), at("2026-10-01T09:00"))
    assert october.due == date(2026, 10, 10)
    # the same plan on a plain calendar: Oct 1, 2, 5, 6, 7, 8, 9
    [plain] = schedule(plan(), calendar(), [], date(2026, 10, 1), date(2026, 10, 31), at("2026-10-01T09:00"))
    assert plain.due == date(2026, 10, 9)


def test_a_weekly_check_on_the_first_working_day_moves_past_a_monday_holiday() -> None:
    rows = schedule(
        plan("weekly", 1), HOLIDAY_AND_MAKEUP, [], date(2026, 10, 5), date(2026, 10, 18), at("2026-10-01T09:00")
    )
    assert [(o.period, o.due) for o in rows] == [("2026-W41", date(2026, 10, 6)), ("2026-W42", date(2026, 10, 12))]


def test_without_a_window_it_is_due_on_the_last_working_day_and_a_period_without_one_has_none() -> None:
    rows = schedule(plan(window=None), calendar(), [], date(2026, 10, 1), date(2026, 10, 31), at("2026-10-01T09:00"))
    assert [o.due for o in rows] == [date(2026, 10, 30)]  # Friday; 31 is a Saturday
    closed = calendar(*((f"2026-10-{d:02d}", "holiday") for d in (5, 6, 7, 8, 9)))
    assert schedule(plan("weekly", 1), closed, [], date(2026, 10, 5), date(2026, 10, 11), at("2026-10-01T09:00")) == []


def test_on_time_late_overdue_and_pending() -> None:
    weekly = plan("weekly", 1)
    ops = [
        done("2026-W41", "2026-10-06T17:59:00+08:00", "OPR-2610-AAAAA"),  # due day itself: on time
        done("2026-W42", "2026-10-14T10:00:00+08:00", "OPR-2610-BBBBB"),  # two days after the 12th: late
        done("2026-W44", "2026-10-26T10:00:00+08:00", "OPR-2610-CCCCC"),  # after 'now': not yet happened
        done("2026-W43", "2026-10-19T10:00:00+08:00", "OPR-2610-DDDDD", plan_id="OP-OTHER"),  # another plan's
    ]
    now = at("2026-10-21T12:00")
    rows = schedule(weekly, HOLIDAY_AND_MAKEUP, ops, date(2026, 10, 5), date(2026, 10, 31), now)
    got = [(o.period, o.status, o.days_late, o.operation) for o in rows]
    assert got == [
        ("2026-W41", "on_time", 0, "OPR-2610-AAAAA"),
        ("2026-W42", "late", 2, "OPR-2610-BBBBB"),
        ("2026-W43", "overdue", 2, None),
        ("2026-W44", "pending", 0, None),
    ]


def test_the_due_day_is_judged_in_the_calendar_zone() -> None:
    # 23:30 on the due day in Shanghai is 15:30 UTC: still on time
    [row] = schedule(
        plan(),
        HOLIDAY_AND_MAKEUP,
        [done("2026-10", "2026-10-10T15:30:00Z")],
        date(2026, 10, 1),
        date(2026, 10, 31),
        at("2026-11-01T09:00"),
    )
    assert row.status == "on_time"


def test_only_periods_inside_the_effective_dates() -> None:
    limited = plan(effective_from="2026-10-09", effective_until="2026-11-15")
    rows = schedule(limited, calendar(), [], date(2026, 9, 1), date(2026, 12, 31), at("2026-09-01T09:00"))
    assert [o.period for o in rows] == ["2026-10", "2026-11"]  # due Oct 9 (on the first day), Nov 10


@pytest.mark.parametrize(
    ("frequency", "day", "key", "first", "last"),
    [
        ("daily", "2026-10-09", "2026-10-09", "2026-10-09", "2026-10-09"),
        ("weekly", "2026-12-31", "2026-W53", "2026-12-28", "2027-01-03"),
        ("weekly", "2027-01-03", "2026-W53", "2026-12-28", "2027-01-03"),
        ("monthly", "2026-02-14", "2026-02", "2026-02-01", "2026-02-28"),
        ("quarterly", "2026-11-20", "2026-Q4", "2026-10-01", "2026-12-31"),
        ("half_yearly", "2026-06-30", "2026-H1", "2026-01-01", "2026-06-30"),
        ("yearly", "2026-07-01", "2026", "2026-01-01", "2026-12-31"),
    ],
)
def test_periods(frequency: str, day: str, key: str, first: str, last: str) -> None:
    assert period_of(frequency, date.fromisoformat(day)) == key
    assert period_bounds(frequency, key) == (date.fromisoformat(first), date.fromisoformat(last))


def test_a_cron_plan_is_due_on_the_days_it_names_and_a_holiday_moves_to_the_next_working_day() -> None:
    weekly = plan("cron", None, cron="0 9 * * mon")
    rows = schedule(
        weekly, HOLIDAY_AND_MAKEUP, [], date(2026, 10, 1), date(2026, 10, 31), datetime(2026, 11, 1, tzinfo=CST)
    )
    # Monday 5 October is a holiday: due Tuesday the 6th (顺延); the make-up Saturday is not a Monday
    assert [(o.period, o.due.isoformat()) for o in rows] == [
        ("2026-10-05", "2026-10-06"),
        ("2026-10-12", "2026-10-12"),
        ("2026-10-19", "2026-10-19"),
        ("2026-10-26", "2026-10-26"),
    ]
    fulfilled = schedule(
        weekly, HOLIDAY_AND_MAKEUP, [done("2026-10-05", "2026-10-06T17:00:00+08:00")],
        date(2026, 10, 1), date(2026, 10, 7), datetime(2026, 10, 8, tzinfo=CST),
    )  # fmt: skip
    assert [(o.period, o.status) for o in fulfilled] == [("2026-10-05", "on_time")]
    # a day of September moved into October would count in October; none is here
    assert fits_plan(weekly, "2026-10-12") and not fits_plan(weekly, "2026-10-13") and not fits_plan(weekly, "2026-10")
    assert plan_period(weekly, date(2026, 10, 14)) == "2026-10-12"


def test_cron_goes_with_frequency_cron_and_only_with_it() -> None:
    with pytest.raises(ValidationError) as raised:
        plan("cron", None)
    assert raised.value.errors()[0]["loc"] == ("cron",)
    with pytest.raises(ValidationError) as raised:
        plan("monthly", 7, cron="0 9 * * mon")
    assert raised.value.errors()[0]["loc"] == ("cron",)
    with pytest.raises(ValidationError) as raised:
        plan("cron", 3, cron="0 9 * * mon")
    assert raised.value.errors()[0]["loc"] == ("window_working_days",)
    with pytest.raises(ValidationError) as raised:
        plan("cron", None, cron="0 9 * * funday")
    assert raised.value.errors()[0]["loc"] == ("cron",) and "day of week" in str(raised.value)
