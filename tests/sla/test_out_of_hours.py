"""Out-of-hours coverage on hand-computed cases (docs/sla-rules.md §5.21).

SLA: helpers_sla.SLA (5x8, CN holidays) plus ``out_of_hours`` on a 7x24 calendar with a
P1 phone response of 30 minutes.  2026-10-03 is a Saturday inside the National Day holiday.
"""

from __future__ import annotations

import copy
from typing import Any

from helpers_sla import CALENDAR, POLICY, SLA, incident, snapshot, t

from itsmctl.models import Incident
from itsmctl.sla import ClockStatus, evaluate_ticket

CAL_7X24: dict[str, Any] = {
    "kind": "calendar",
    "id": "CAL-7X24",
    "name": "7x24 电话支持",
    "timezone": "Asia/Shanghai",
    "week": {d: ["00:00-24:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
}
COVERED: dict[str, Any] = copy.deepcopy(SLA)
COVERED["out_of_hours"] = {"calendar": "CAL-7X24", "targets": {"P1": {"response": "30m"}}}

HOLIDAY_P1 = [
    ("2026-10-03T10:00", "opened", {}),
    ("2026-10-03T10:40", "responded", {}),
]


def clocks(events: list[tuple[str, str, dict[str, Any]]], now: str, sla: dict[str, Any]) -> dict[str, ClockStatus]:
    ticket = incident("P1", events)
    snap = snapshot(POLICY, CALENDAR, CAL_7X24, sla, ticket)
    record = next(r for r in snap.tickets if r.id == ticket["id"])
    assert isinstance(record, Incident)
    return {c.target: c for c in evaluate_ticket(record, snap, t(now))}


def test_a_holiday_p1_without_coverage_shows_nothing_elapsed() -> None:
    c = clocks(HOLIDAY_P1, "2026-10-03T12:00", SLA)["response"]
    assert (c.state, c.elapsed_seconds, c.coverage) == ("met", 0, None)


def test_a_holiday_p1_is_measured_on_the_out_of_hours_calendar() -> None:
    got = clocks(HOLIDAY_P1, "2026-10-03T12:00", COVERED)
    response = got["response"]
    # 10:00-10:40 on the 7x24 calendar = 2 400 s of 1 800: missed by 10 minutes, due 10:30
    assert (response.state, response.elapsed_seconds, response.goal_seconds) == ("missed", 2400, 1800)
    assert (response.deadline, response.coverage) == (t("2026-10-03T10:30"), "out_of_hours")
    assert response.as_row()["coverage"] == "out_of_hours"
    # resolution is not in the coverage: it keeps the 5x8 calendar (nothing counted before 8 October)
    resolution = got["resolution"]
    assert (resolution.coverage, resolution.elapsed_seconds, resolution.state) == (None, 0, "ok")
    answered = clocks([*HOLIDAY_P1[:1], ("2026-10-03T10:20", "responded", {})], "2026-10-03T12:00", COVERED)
    assert (answered["response"].state, answered["response"].elapsed_seconds) == ("met", 1200)


def test_a_ticket_opened_in_working_hours_keeps_the_sla_calendar() -> None:
    c = clocks([("2026-10-09T10:00", "opened", {})], "2026-10-09T10:20", COVERED)["response"]
    assert (c.coverage, c.elapsed_seconds) == (None, 1200)
    assert "coverage" not in c.as_row()


def test_a_ticket_opened_in_the_lunch_break_is_not_out_of_hours() -> None:  # §5.21
    # Monday 16 November 12:10, inside the 12:00-13:30 break: the desk's day goes on, and the
    # response counts from 13:30 on the 5x8 calendar, as without coverage (§5.3)
    lunch = clocks([("2026-11-16T12:10", "opened", {})], "2026-11-16T13:40", COVERED)["response"]
    assert (lunch.coverage, lunch.elapsed_seconds, lunch.started_at) == (None, 600, t("2026-11-16T12:10"))
    # the same call at 18:10, after the day's last working minute, is out of hours: 30 min on 7x24
    evening = clocks([("2026-11-16T18:10", "opened", {})], "2026-11-16T18:30", COVERED)["response"]
    assert (evening.coverage, evening.elapsed_seconds, evening.deadline) == (
        "out_of_hours",
        1200,
        t("2026-11-16T18:40"),
    )


def test_an_out_of_hours_calendar_missing_from_the_store_leaves_the_ticket_out() -> None:
    """Falling back to the SLA's own calendar would show the holiday P1 at 0 s and met again:
    the ticket's clocks are unknown instead (a ClockError: the commands name it as left out)."""
    import pytest

    from itsmctl.calendar.business import ClockError

    missing = copy.deepcopy(COVERED)
    missing["out_of_hours"]["calendar"] = "CAL-NOPE"
    ticket = incident("P1", HOLIDAY_P1)
    snap = snapshot(POLICY, CALENDAR, CAL_7X24, missing, ticket)
    record = next(r for r in snap.tickets if r.id == ticket["id"])
    with pytest.raises(ClockError, match="CAL-NOPE"):
        evaluate_ticket(record, snap, t("2026-10-03T11:00"))


def test_desk_timings_the_coverage_names_run_on_its_calendar() -> None:
    # the hotline answers at night: remote guidance within 5 min on 7x24 for out-of-hours
    # calls; dispatch, not named in the coverage, keeps the SLA's own 10 min on the 5x8 calendar
    sla = copy.deepcopy(COVERED)
    sla["service_desk"] = {"remote_guidance": "5m", "dispatch": "10m"}
    sla["out_of_hours"]["service_desk"] = {"remote_guidance": "5m"}
    night = [("2026-11-16T22:00", "opened", {}), ("2026-11-16T22:08", "guided", {})]
    ticket = incident("P1", night, delivery="remote")
    snap = snapshot(POLICY, CALENDAR, CAL_7X24, sla, ticket)
    record = next(r for r in snap.tickets if r.id == ticket["id"])
    got = {c.target: c for c in evaluate_ticket(record, snap, t("2026-11-17T09:20"))}
    guidance = got["remote_guidance"]
    # 22:00-22:08 on 7x24 = 480 s of 300: missed, due 22:05
    assert (guidance.state, guidance.elapsed_seconds, guidance.coverage) == ("missed", 480, "out_of_hours")
    assert guidance.deadline == t("2026-11-16T22:05")
    dispatch = got["dispatch"]  # counted from 09:00 next morning: 20 min at 09:20 of 10
    assert (dispatch.coverage, dispatch.elapsed_seconds, dispatch.state) == (None, 1200, "breached")
    # without the coverage's desk timings the same call waits for the morning: 0 s at night
    del sla["out_of_hours"]["service_desk"]
    snap = snapshot(POLICY, CALENDAR, CAL_7X24, sla, ticket)
    record = next(r for r in snap.tickets if r.id == ticket["id"])
    plain = {c.target: c for c in evaluate_ticket(record, snap, t("2026-11-17T09:20"))}["remote_guidance"]
    assert (plain.state, plain.elapsed_seconds, plain.coverage) == ("met", 0, None)
