"""Out-of-hours clocks get their own rows in the monthly achievement table (docs/sla-rules.md §5.20)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from itsmctl.reports import slafigures
from itsmctl.sla import ClockStatus

CST = timezone(timedelta(hours=8))
AT = datetime(2026, 10, 3, 10, 0, tzinfo=CST)


def clock(state: str, coverage: str | None) -> ClockStatus:
    return ClockStatus(
        ticket_id="INC-2610-00001",
        kind="incident",
        target="response",
        state=state,  # type: ignore[arg-type]
        priority="P1",
        sla_id="SLA-T",
        started_at=AT,
        deadline=AT + timedelta(minutes=30),
        stopped_at=AT + timedelta(minutes=40),
        goal_seconds=1800,
        elapsed_seconds=2400 if state == "missed" else 600,
        remaining_seconds=-600 if state == "missed" else 1200,
        percent=133.3 if state == "missed" else 33.3,
        basis="business",
        coverage=coverage,
    )


def test_out_of_hours_clocks_are_counted_apart_under_the_same_commitment() -> None:
    got = slafigures.achievement([clock("met", None), clock("missed", "out_of_hours")], {"SLA-T": 95.0}, ["P1"])
    rows = {(r["sla"], r["target"]): (r["met"], r["missed"], r["commitment"]) for r in got["targets"]}
    assert rows == {
        ("SLA-T", "response"): (1, 0, 95.0),
        ("SLA-T (非工作时间 out of hours)", "response"): (0, 1, 95.0),
    }
    assert got["overall"]["total"] == 2
