from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from itsmctl.clock import local_day, parse_at
from itsmctl.errors import UsageError
from tests.conftest import SAMPLE_RECORDS, Cli


@pytest.mark.parametrize(
    "text", ["9999-12-31T00:00:00+08:00", "0001-01-01T00:00:00+00:00", "1969-12-31T23:00:00+00:00"]
)
def test_years_outside_the_range_are_typos(text: str) -> None:
    with pytest.raises(UsageError, match="the year must be between 1970 and 2199"):
        parse_at(text)


def test_environment_variable_is_named() -> None:
    with pytest.raises(UsageError, match=r"--at \(or ITSMCTL_NOW\) 'garbage'"):
        parse_at("garbage")


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "2026-13", "2026-1x"])
def test_report_months_outside_the_range_exit_2(cli: Cli, month: str) -> None:
    result = cli("report", "monthly", "--records", SAMPLE_RECORDS, "--month", month)
    assert result.code == 2, result
    assert "is not a month like 2026-10" in result.stderr


def test_now_is_kept_to_the_second() -> None:
    from datetime import datetime

    from itsmctl import clock

    assert clock.real_now().microsecond == 0
    assert clock.parse_at("2026-11-20T15:00:00.123456+08:00").isoformat() == "2026-11-20T15:00:00+08:00"
    real = datetime.fromisoformat("2026-11-20T15:00:00.987654+08:00")
    assert clock.command_now(None, None, real=real).isoformat() == "2026-11-20T15:00:00+08:00"
    assert clock.command_now("2026-11-20T14:59:59.5+08:00", None, real=real).microsecond == 0


def test_events_are_recorded_to_the_second(cli: Cli, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from itsmctl import clock

    real = datetime.fromisoformat("2026-11-20T15:00:00.654321+08:00")
    monkeypatch.setattr(clock, "real_now", lambda: real)  # even a clock that reads microseconds
    ticket = "INC-2610-7KQ3P"
    path = next((store / "tickets").rglob(f"{ticket}.yaml"))
    assert cli("ticket", "note", ticket, "no --at", "--records", store, "--by", "wang.qiang", "--no-commit").code == 0
    at = "2026-11-20T15:01:02.5+08:00"
    assert cli("ticket", "note", ticket, "with --at", "--records", store, "--by", "wang.qiang", "--at", at).code == 0
    text = path.read_text(encoding="utf-8")
    assert "2026-11-20T15:00:00+08:00" in text and "2026-11-20T15:01:02+08:00" in text
    assert ".654321" not in text and ".5" not in text


@pytest.mark.parametrize(
    ("moment", "zone", "day"),
    [
        ("2026-11-28T15:30:00+00:00", "Asia/Shanghai", "2026-11-28"),  # 23:30 in Shanghai
        ("2026-11-28T16:30:00+00:00", "Asia/Shanghai", "2026-11-29"),  # 00:30 the next day
        ("2026-11-28T23:30:00+08:00", "Asia/Shanghai", "2026-11-28"),
        ("2026-11-28T23:30:00+08:00", "UTC", "2026-11-28"),
        ("2026-11-29T00:30:00+08:00", "UTC", "2026-11-28"),
        ("2026-11-28T16:30:00+00:00", None, "2026-11-28"),  # no store zone: the offset's own day
    ],
)
def test_local_day_is_the_day_in_the_store_zone(moment: str, zone: str | None, day: str) -> None:
    tz = ZoneInfo(zone) if zone else None
    assert local_day(datetime.fromisoformat(moment), tz).isoformat() == day
