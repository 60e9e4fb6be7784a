"""The ladder's pure decision: which (target, level) rungs are due and not yet recorded."""

from __future__ import annotations

import pytest
from helpers_escalation import incident, row, sla

from itsmctl.escalation import EscalationLadder, recorded_rungs

LADDER = EscalationLadder.of(sla())


def keys(rungs: list) -> list[tuple[str, int]]:
    return [r.key for r in rungs]


def test_below_every_threshold_nothing_is_due() -> None:
    assert LADDER.due([row(state="ok", percent=74.9)], set()) == []


def test_pre_warning_at_its_threshold() -> None:
    assert keys(LADDER.due([row(state="ok", percent=75.0)], set())) == [("resolution", 1)]


def test_a_clock_that_jumped_past_every_threshold_fires_every_rung_in_order() -> None:
    assert keys(LADDER.due([row(state="breached", percent=130.0)], set())) == [
        ("resolution", 1),
        ("resolution", 2),
        ("resolution", 3),
    ]


def test_recorded_rungs_are_not_due_again() -> None:
    due = LADDER.due([row(state="breached", percent=130.0)], {("resolution", 1), ("resolution", 2)})
    assert keys(due) == [("resolution", 3)]


@pytest.mark.parametrize("state", ["paused", "met", "missed"])
def test_paused_and_stopped_clocks_never_escalate(state: str) -> None:
    assert LADDER.due([row(state=state, percent=150.0)], set()) == []


def test_a_step_with_targets_watches_only_those() -> None:
    # level 1 watches resolution only; levels 2 and 3 watch every clock
    assert keys(LADDER.due([row("response", "breached", 125.0)], set())) == [("response", 2), ("response", 3)]


def test_each_target_has_its_own_rungs() -> None:
    rows = [row("response", "breached", 100.0), row("resolution", "warning", 80.0)]
    assert keys(LADDER.due(rows, {("resolution", 2)})) == [("resolution", 1), ("response", 2)]


def test_recorded_rungs_are_read_from_escalated_events() -> None:
    ticket = incident(
        events=[
            {
                "id": "EA0001",
                "at": "2026-11-09T16:00:00+08:00",
                "by": "itsmctl",
                "type": "escalated",
                "level": 1,
                "target": "resolution",
                "actions": ["notify_assignee"],
                "notified": ["wang.qiang"],
            },
            {"id": "EA0002", "at": "2026-11-09T16:30:00+08:00", "by": "wang.qiang", "type": "note", "note": "跟进"},
        ]
    )
    assert recorded_rungs(ticket.events) == {("resolution", 1)}


def test_an_sla_without_ladder_is_falsy_and_never_due() -> None:
    empty = EscalationLadder.of(sla(steps=[]))
    assert not empty
    assert empty.due([row(state="breached", percent=500.0)], set()) == []
