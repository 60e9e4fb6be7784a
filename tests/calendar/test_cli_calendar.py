"""``itsmctl calendar show`` and ``freeze``."""

from __future__ import annotations

from pathlib import Path

from itsmctl.calendar import BusinessCalendar
from itsmctl.store import open_store


def test_show_month(cli, store: Path) -> None:
    r = cli("calendar", "show", "2026-10", "--records", store)
    assert r.code == 0, r
    lines = r.stdout.splitlines()
    assert lines[1].startswith("2026-10-01 周四  节假日 holiday") and "国庆节" in lines[1]
    assert lines[10].startswith("2026-10-10 周六  调休上班 make-up workday") and "09:00-12:00, 13:30-18:00" in lines[10]
    assert lines[-1] == "工作日 working days: 18; 工作时间 business hours: 135h"


def test_show_bad_month(cli, store: Path) -> None:
    r = cli("calendar", "show", "2026-13", "--records", store)
    assert r.code == 2 and "not a month" in r.stderr
    r = cli("calendar", "show", "2026-10", "--records", store, "--calendar", "CAL-NONE")
    assert r.code == 2 and "no calendar CAL-NONE" in r.stderr


def test_freeze_writes_the_year_and_keeps_the_rest(cli, store: Path) -> None:
    path = store / "calendars/CAL-CN.yaml"
    before = path.read_text()
    r = cli("calendar", "freeze", "2026", "--records", store)
    assert r.code == 0, r
    assert "2026 frozen: 22 holidays, 6 make-up workdays" in r.stderr
    after = path.read_text()
    assert after.startswith(before)  # nothing above was rewritten
    assert "  - {date: 2026-10-10, type: workday, name: 调休上班}" in after
    _, snap = open_store(store)
    cal = BusinessCalendar(snap.calendars[0])
    assert len(cal.working_days(2026, 10)) == 18  # same answer, now from the file
    assert cli("validate", "--records", store).code == 0
    again = cli("calendar", "freeze", "2026", "--records", store)
    assert again.code == 2 and "already has 2026 frozen" in again.stderr
    assert path.read_text() == after
    forced = cli("calendar", "freeze", "2026", "--records", store, "--force")
    assert forced.code == 0 and path.read_text() == after


def test_freeze_refuses_a_year_whose_holiday_data_looks_incomplete(cli, store: Path) -> None:
    calendar = store / "calendars" / "CAL-CN.yaml"
    before = calendar.read_bytes()
    r = cli("calendar", "freeze", "2199", "--records", store)
    assert r.code == 2 and "knows no public holidays for 2199" in r.stderr, r
    assert calendar.read_bytes() == before
    r = cli("calendar", "freeze", "2199", "--records", store, "--estimate")
    assert r.code == 0, r
