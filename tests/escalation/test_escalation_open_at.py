""" "Open" is the status the event log gives at ``now``, not the ticket's current status."""

from __future__ import annotations

from datetime import datetime

from helpers_escalation import incident, policy, row, sla

from itsmctl.escalation import plan_escalations

BREACH = [row(state="breached", percent=101.0)]
CLOSED_THEN_REOPENED = [
    {"id": "E9AB2C", "at": "2026-11-09T10:00:00+08:00", "by": "wang.qiang", "type": "closed"},
    {"id": "EAB3CD", "at": "2026-11-09T12:00:00+08:00", "by": "li.na", "type": "reopened", "reason": "又出现了"},
]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_a_ticket_closed_later_was_open_at_an_earlier_now() -> None:
    closed = incident(status="closed")  # closed at 10:00
    plan = plan_escalations([closed], [sla()], policy(), BREACH, now=at("2026-11-09T09:30:00+08:00"))
    assert [(e.level, e.target) for e in plan] == [(1, "resolution"), (2, "resolution")]
    assert plan_escalations([closed], [sla()], policy(), BREACH, now=at("2026-11-09T10:00:00+08:00")) == []


def test_a_ticket_reopened_since_was_closed_at_a_now_in_between() -> None:
    reopened = incident(status="in_progress", events=CLOSED_THEN_REOPENED)
    assert plan_escalations([reopened], [sla()], policy(), BREACH, now=at("2026-11-09T11:00:00+08:00")) == []
    later = plan_escalations([reopened], [sla()], policy(), BREACH, now=at("2026-11-09T12:00:00+08:00"))
    assert [e.level for e in later] == [1, 2]


def test_status_at_replays_the_log_up_to_now() -> None:
    from itsmctl.models.eventlog import is_open, status_at

    assert status_at(incident(status="closed"), at("2026-11-09T09:30:00+08:00")) == "in_progress"
    reopened = incident(status="in_progress", events=CLOSED_THEN_REOPENED)
    assert status_at(reopened, at("2026-11-09T11:00:00+08:00")) == "closed"
    assert status_at(reopened, at("2026-11-09T12:00:00+08:00")) == "in_progress"
    assert status_at(incident(), at("2026-11-09T08:59:59+08:00")) is None
    assert not is_open(incident(), at("2026-11-09T08:59:59+08:00"))
    assert is_open(incident(status="closed"), at("2026-11-09T09:05:00+08:00"))
    assert not is_open(incident(status="closed"), at("2026-11-09T10:30:00+08:00"))
