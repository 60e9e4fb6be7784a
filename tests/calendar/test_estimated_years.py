"""Years whose holidays are only estimated: marked wherever a deadline depends on them.

2027 today: the ``holidays`` package computes Spring Festival from the lunar calendar
(5–10 February) but has no make-up working day (调休) for it, which the State Council's
notice always has, so the year is an estimate until frozen or official.  2026 is official
in the package (holidays >= 0.85).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from itsmctl.calendar import BusinessCalendar
from itsmctl.calendar.days import estimate_reason
from itsmctl.models.sla import BusinessCalendar as CalendarRecord
from itsmctl.sla.evaluate import evaluate_ticket
from tests.sla.helpers_sla import CALENDAR, POLICY, SLA, incident, snapshot, store_with, t

WEEK = CALENDAR["week"]


def record(**extra: object) -> CalendarRecord:
    return CalendarRecord.model_validate(CALENDAR | extra)


def test_2027_is_an_estimate_and_2026_is_not() -> None:
    assert estimate_reason(record(), 2026) is None
    reason = estimate_reason(record(), 2027)
    assert reason is not None and "no make-up working days (调休) for 2027" in reason
    assert estimate_reason(record(holidays=None), 2027) is None, "no holiday source, nothing to estimate"
    assert estimate_reason(record(frozen=[{"year": 2027}]), 2027) is None, "a frozen year is settled"
    official = [{"date": "2027-02-20", "type": "workday", "name": "春节调休上班"}]
    assert estimate_reason(record(overrides=official), 2027) is None, "the calendar's own 调休 makes it official"


def test_days_of_an_estimated_year_are_marked() -> None:
    cal = BusinessCalendar(record())
    assert cal.day(date(2027, 2, 8)).estimated and cal.day(date(2027, 3, 1)).estimated
    assert not cal.day(date(2026, 2, 16)).estimated
    assert cal.estimated_years(t("2026-12-30T10:00"), t("2027-01-06T10:00")) == (2027,)
    assert cal.estimated_years(t("2026-11-02T10:00"), t("2026-12-31T10:00")) == ()


# P4 resolution 5bd = 5 x 7.5 h = 37.5 h, opened Wed 2026-12-30 10:00: Wed 6.5 h (10:00-12:00,
# 13:30-18:00), Thu 12-31 7.5 h, Fri 01-01 元旦 off, Mon 01-04 .. Wed 01-06 22.5 h -> 36.5 h;
# the last hour is Thu 01-07 09:00-10:00.  The deadline rests on 2027's guessed days.
LATE = incident("P4", [("2026-12-30T10:00:00", "opened", {})], id="INC-2612-00001")


def test_a_clock_running_into_2027_is_estimated() -> None:
    snap = store_with(LATE)
    clocks = {c.target: c for c in evaluate_ticket(snap.tickets[0], snap, t("2026-12-30T11:00"))}
    resolution = clocks["resolution"]
    assert resolution.deadline == t("2027-01-07T10:00")
    assert resolution.estimated_years == (2027,)
    assert resolution.as_row()["estimated"] is True and resolution.as_row()["estimated_years"] == [2027]
    # response 4h: 10:00-12:00, 13:30-15:30, all in 2026
    assert clocks["response"].deadline == t("2026-12-30T15:30") and clocks["response"].estimated_years == ()


def test_freezing_2027_takes_the_marker_away() -> None:
    new_year = [{"date": "2027-01-01", "type": "holiday", "name": "元旦"}]
    snap = snapshot(POLICY, CALENDAR | {"frozen": [{"year": 2027, "holidays": new_year}]}, SLA, LATE)
    (resolution,) = [
        c for c in evaluate_ticket(snap.tickets[0], snap, t("2026-12-30T11:00")) if c.target == "resolution"
    ]
    assert resolution.estimated_years == ()


OPEN_LATE = """kind: incident
id: INC-2612-7KQ3P
title: 年末打印机故障
service: SVC-ONSITE
requester: li.na
dimensions: {urgency: low, impact: one}
priority: P3
status: new
events:
  - {id: E7KQ4P, at: 2026-12-30T10:00:00+08:00, by: wang.qiang, type: opened}
"""


def test_calendar_show_marks_an_estimated_month(cli, store: Path) -> None:
    r = cli("calendar", "show", "2027-02", "--records", store)
    assert r.code == 0, r
    assert "≈ 估算 estimated" in r.stdout.splitlines()[0]
    assert "itsmctl calendar freeze 2027" in r.stdout
    data = json.loads(cli("calendar", "show", "2027-02", "--records", store, "--format", "json").stdout)
    assert data["estimated"] is True and "调休" in data["estimated_reason"]
    assert all(d["estimated"] for d in data["days"])
    r = cli("calendar", "show", "2026-02", "--records", store)
    assert "估算" not in r.stdout
    data = json.loads(cli("calendar", "show", "2026-02", "--records", store, "--format", "json").stdout)
    assert data["estimated"] is False and not any(d["estimated"] for d in data["days"])


def test_sla_status_and_validate_mark_2027(cli, store: Path) -> None:
    # an incident opened 2026-12-30, still open on 2027-01-04: its P3 clocks run through 2027
    (store / "tickets/2026/12").mkdir(parents=True)
    (store / "tickets/2026/12/INC-2612-7KQ3P.yaml").write_text(OPEN_LATE)
    at = "2027-01-04T10:00:00+08:00"
    r = cli("sla", "status", "INC-2612-7KQ3P", "--records", store, "--at", at, "--format", "json")
    rows = json.loads(r.stdout)
    assert [(row["target"], row["estimated"], row["estimated_years"]) for row in rows] == [
        ("response", True, [2027]),
        ("resolution", True, [2027]),
    ]
    r = cli("sla", "status", "--records", store, "--at", at, "--format", "text")
    # the response deadline passed in 2026, but what it has used so far counts 2027's days too
    assert "≈2026-12-30 11:00:00" in r.stdout and "itsmctl calendar freeze 2027" in r.stdout
    assert "≈" not in next(line for line in r.stdout.splitlines() if line.startswith("INC-2610-7KQ3P"))
    r = cli("validate", "--records", store, "--at", at, "--format", "json")
    assert r.code == 0, r
    found = [f for f in json.loads(r.stdout) if f["code"] == "calendar-estimated"]
    assert len(found) == 1, "once per year, however many clocks"
    assert found[0]["severity"] == "warning" and found[0]["file"].endswith("CAL-CN.yaml")
    assert found[0]["field"] == "holidays" and "itsmctl calendar freeze 2027" in found[0]["message"]
    r = cli("validate", "--records", store, "--at", "2026-11-20T10:00:00+08:00", "--format", "json")
    assert not [f for f in json.loads(r.stdout) if f["code"] == "calendar-estimated"]
    assert cli("calendar", "freeze", "2027", "--records", store, "--estimate").code == 0
    r = cli("validate", "--records", store, "--at", at, "--format", "json")
    assert not [f for f in json.loads(r.stdout) if f["code"] == "calendar-estimated"], "frozen: settled"
    rows = json.loads(cli("sla", "status", "--records", store, "--at", at, "--format", "json").stdout)
    assert not any(row["estimated"] for row in rows)


def test_reports_mark_clocks_on_estimated_years(cli, store: Path) -> None:
    (store / "tickets/2026/12").mkdir(parents=True)
    (store / "tickets/2026/12/INC-2612-7KQ3P.yaml").write_text(OPEN_LATE)
    at = "2027-01-04T10:00:00+08:00"
    for name, lang, words in (
        ("monthly", "zh", "≈ 估算"),
        ("monthly", "en", "≈ Estimated"),
        ("quality", "zh", "≈ 估算"),
        ("quality", "en", "≈ Estimated"),
    ):
        r = cli("report", name, "--month", "2026-12", "--lang", lang, "--records", store, "--at", at)
        assert r.code == 0, r
        assert words in r.stdout and "`itsmctl calendar freeze 2027`" in r.stdout, (name, lang)
        r = cli(
            "report",
            name,
            "--month",
            "2026-10",
            "--lang",
            lang,
            "--records",
            store,
            "--at",
            "2026-11-05T09:00:00+08:00",
        )
        assert "≈" not in r.stdout, (name, lang)
