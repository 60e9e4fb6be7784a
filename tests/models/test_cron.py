"""Cron expressions as operation plans use them: which days they name, and clear refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from itsmctl.models.cron import CronError, parse_cron


def days(expression: str, first: date, count: int) -> list[str]:
    cron = parse_cron(expression)
    span = (first + timedelta(days=n) for n in range(count))
    return [d.isoformat() for d in span if cron.matches(d)]


def test_weekdays_by_name_number_and_range() -> None:
    # 2026-10-05 is a Monday
    assert days("0 9 * * mon", date(2026, 10, 1), 14) == ["2026-10-05", "2026-10-12"]
    assert days("0 9 * * 1", date(2026, 10, 1), 14) == ["2026-10-05", "2026-10-12"]
    assert days("30 8 * * sat-sun", date(2026, 10, 5), 7) == ["2026-10-10", "2026-10-11"]
    assert days("0 0 * * 7", date(2026, 10, 5), 7) == days("0 0 * * 0", date(2026, 10, 5), 7) == ["2026-10-11"]


def test_days_of_month_steps_lists_and_months() -> None:
    assert days("0 2 1,15 * *", date(2026, 10, 1), 31) == ["2026-10-01", "2026-10-15"]
    assert days("0 2 */10 * *", date(2026, 10, 1), 31) == ["2026-10-01", "2026-10-11", "2026-10-21", "2026-10-31"]
    assert days("0 2 1 jan,jul *", date(2026, 1, 1), 365) == ["2026-01-01", "2026-07-01"]
    assert days("@monthly", date(2026, 11, 1), 61) == ["2026-11-01", "2026-12-01"]
    assert days("0 0 31 2 *", date(2026, 1, 1), 365) == []  # no 31 February: never


def test_day_of_month_and_day_of_week_together_match_either_as_cron_does() -> None:
    # the 1st of the month, and every Monday
    assert days("0 9 1 * mon", date(2026, 10, 1), 14) == ["2026-10-01", "2026-10-05", "2026-10-12"]
    # a starred step keeps the other field the only restriction
    assert days("0 9 */1 * mon", date(2026, 10, 1), 14) == ["2026-10-05", "2026-10-12"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("0 9 * *", "has 4 field(s)"),
        ("0 25 * * *", "hour: 25 is outside 0-23"),
        ("0 9 0 * *", "day of month: 0 is outside 1-31"),
        ("0 9 * * mon-fri-sat", "not a number"),
        ("0 9 * * fri-mon", "runs backwards"),
        ("0 9 * * */0", "step '0'"),
        ("0 9 * smarch *", "month: 'smarch' is not a number or a name like feb"),
    ],
)
def test_what_is_not_a_cron_expression_is_refused_naming_the_field(text: str, said: str) -> None:
    with pytest.raises(CronError, match=None) as raised:
        parse_cron(text)
    assert said in str(raised.value), raised.value
