"""Clock-time targets (7x24) across a daylight-saving change, hand-computed.

Europe/Berlin moves from +01:00 to +02:00 at 2026-03-29 02:00 local time, so Saturday
12:00 to Sunday 12:00 is 23 h of real time, and 24 h after Saturday 12:00 is Sunday 13:00.
Python subtracts datetimes that share a tzinfo object on their wall clocks (24 h): the
basis must not.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from itsmctl.calendar.business import ClockTime

BERLIN = ZoneInfo("Europe/Berlin")
SAT_NOON = datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN)
SUN_NOON = datetime(2026, 3, 29, 12, 0, tzinfo=BERLIN)


def test_seconds_between_counts_real_time_over_the_spring_change() -> None:
    assert ClockTime(BERLIN).seconds_between(SAT_NOON, SUN_NOON) == 23 * 3600
    assert ClockTime().seconds_between(SAT_NOON, SUN_NOON) == 23 * 3600


def test_add_counts_real_time_over_the_spring_change() -> None:
    moment = ClockTime(BERLIN).add(SAT_NOON, 24 * 3600)
    assert moment.isoformat() == "2026-03-29T13:00:00+02:00"
    assert ClockTime().add(SAT_NOON, 24 * 3600).isoformat() == "2026-03-29T13:00:00+02:00"


def test_autumn_change_and_mixed_offsets() -> None:
    # 2026-10-25 03:00 CEST -> 02:00 CET: Saturday 12:00 to Sunday 12:00 is 25 h
    sat, sun = datetime(2026, 10, 24, 12, tzinfo=BERLIN), datetime(2026, 10, 25, 12, tzinfo=BERLIN)
    assert ClockTime(BERLIN).seconds_between(sat, sun) == 25 * 3600
    # the same instants written with fixed offsets give the same answer
    a, b = datetime.fromisoformat("2026-10-24T12:00+02:00"), datetime.fromisoformat("2026-10-25T12:00+01:00")
    assert ClockTime(BERLIN).seconds_between(a, b) == 25 * 3600
    assert ClockTime(BERLIN).add(sat, 25 * 3600) == sun
    assert ClockTime(BERLIN).seconds_between(sun, sat) == 0
