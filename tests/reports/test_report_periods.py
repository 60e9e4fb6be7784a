"""Periods and the month a clock's outcome belongs to: pure functions, no store."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from itsmctl.errors import UsageError
from itsmctl.reports.common import Period, counted, percent
from itsmctl.reports.slafigures import achievement, outcome_at, settled_in
from itsmctl.sla import ClockStatus

SH = ZoneInfo("Asia/Shanghai")


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


CLOCK = ClockStatus(
    ticket_id="INC-2610-A0001",
    kind="incident",
    target="response",
    state="met",
    priority="P2",
    sla_id="SLA",
    started_at=_at("2026-10-31T17:00"),
    deadline=_at("2026-11-02T09:30"),
    stopped_at=_at("2026-10-31T17:20"),
    goal_seconds=1800,
    elapsed_seconds=1200,
    remaining_seconds=600,
    percent=66.7,
    basis="business",
)


def test_month_bounds_and_december() -> None:
    dec = Period.month("2026-12", SH)
    assert (dec.start, dec.end, dec.name) == (_at("2026-12-01T00:00"), _at("2027-01-01T00:00"), "2026-12")
    assert _at("2026-12-31T23:59") in dec and _at("2027-01-01T00:00") not in dec and None not in dec


def test_six_months_back_cross_the_year() -> None:
    names = [p.name for p in Period.month("2026-02", SH).months_back(6)]
    assert names == ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"]


@pytest.mark.parametrize("text", ["2026-13", "2026", "26-1-1", ""])
def test_bad_month_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError):
        Period.month(text, SH)


def test_met_counts_when_it_stopped_missed_when_its_deadline_passed() -> None:
    october, november = Period.month("2026-10", SH), Period.month("2026-11", SH)
    missed = replace(CLOCK, state="missed", stopped_at=_at("2026-11-02T10:00"))
    breached = replace(CLOCK, state="breached", stopped_at=None, deadline=_at("2026-10-31T17:30"))
    running = replace(CLOCK, state="warning", stopped_at=None)
    assert outcome_at(CLOCK) == _at("2026-10-31T17:20")
    assert outcome_at(missed) == _at("2026-11-02T09:30")
    assert outcome_at(running) is None
    assert settled_in([CLOCK, missed, breached, running], october) == [CLOCK, breached]
    assert settled_in([CLOCK, missed, breached, running], november) == [missed]
    assert settled_in([replace(CLOCK, target="dispatch")], october) == []


def test_achievement_per_target_and_priority_against_the_commitment() -> None:
    clocks = [CLOCK] * 19 + [replace(CLOCK, state="missed")]
    result = achievement(clocks, {"SLA": 95.0}, ["P1", "P2"])
    assert result["overall"] == {"met": 19, "missed": 1, "total": 20, "percent": 95.0}
    assert result["targets"][0] | {} == {
        "sla": "SLA",
        "target": "response",
        "met": 19,
        "missed": 1,
        "total": 20,
        "percent": 95.0,
        "commitment": 95.0,
        "ok": True,
    }
    assert result["priorities"][0]["priority"] == "P2"


def test_counted_and_percent() -> None:
    assert counted(["b", "a", "b", None, ""], order=["a"]) == [("a", 1), ("b", 2)]
    assert percent(1, 3) == 33.3 and percent(0, 0) is None
