"""Priority changes by one rule (docs/sla-rules.md §5.14): every example there, computed here.

The goal is piecewise over time: at every moment a target is judged against the goal of
the priority in force at that moment; elapsed time is kept across a change; the breach is
the first moment elapsed passed the goal in force, and a breach stays a breach.  A raise by
the escalation ladder is the handling priority: the clocks measure the assessed one.
"""

from __future__ import annotations

import copy
from typing import Any

from helpers_sla import SLA, incident, store_with, t

from itsmctl.models import Incident
from itsmctl.sla import ClockStatus, evaluate_ticket


def clocks(ticket: dict[str, Any], now: str, sla: dict[str, Any] | None = None) -> dict[str, ClockStatus]:
    snap = store_with(ticket, sla=sla)
    record = next(r for r in snap.tickets if r.id == ticket["id"])
    assert isinstance(record, Incident)
    return {c.target: c for c in evaluate_ticket(record, snap, t(now))}


# §5.14 (a): a P1 whose response breached at 09:30, lowered to P3 at 09:40, answered at 09:50
DISPATCHED = ("2026-11-16T09:05", "assigned", {"to": "wang.qiang"})
"""Dispatched within the desk's 10 minutes in every example, so only the targets shown can breach."""

DOWNGRADED = [
    ("2026-11-16T09:00", "opened", {"priority": "P1"}),
    DISPATCHED,
    ("2026-11-16T09:40", "priority", {"to": "P3", "reason": "客户说明只影响一台终端"}),
    ("2026-11-16T09:50", "responded", {}),
]


def test_a_downgrade_never_turns_a_breach_into_met() -> None:
    got = clocks(incident("P3", DOWNGRADED), "2026-11-16T10:00")
    r = got["response"]
    # 50 min elapsed; under P3 (2h) that would be met, but P1's 30 min were passed at 09:30
    assert (r.state, r.elapsed_seconds, r.priority, r.goal_seconds) == ("missed", 3000, "P3", 7200)
    assert (r.breached_at, r.deadline, r.breach_goal_seconds) == (t("2026-11-16T09:30"), t("2026-11-16T09:30"), 1800)
    assert r.overrun_seconds == 1200  # 20 min past the 30 min it breached
    # the escalate-to-manager row stays: started at the real breach, 30 min of 20 at 10:00
    esc = got["escalate_to_manager"]
    assert (esc.started_at, esc.state, esc.elapsed_seconds) == (t("2026-11-16T09:30"), "breached", 1800)


def test_a_breach_stays_past_its_goal_after_a_downgrade() -> None:
    # rule 7: 3 000 s of the 1 800 s it breached, never "missed, 42 %, 4 200 s to go"
    r = clocks(incident("P3", DOWNGRADED), "2026-11-16T10:00")["response"]
    assert (r.percent, r.remaining_seconds, r.goal_seconds) == (166.7, -1200, 7200)
    # a raise past the new goal: 34 200 s at 11:00 of P1's 14 400, overdue by the hour since the raise
    res = clocks(incident("P1", RAISED), "2026-11-17T11:00")["resolution"]
    assert (res.percent, res.remaining_seconds) == (237.5, -3600)


def test_a_downgrade_before_the_breach_is_judged_by_the_new_goal() -> None:
    events = copy.deepcopy(DOWNGRADED)
    events[2] = ("2026-11-16T09:20", "priority", {"to": "P3", "reason": "客户说明只影响一台终端"})
    events[3] = ("2026-11-16T10:30", "responded", {})
    r = clocks(incident("P3", events), "2026-11-16T11:00")["response"]
    # 20 min under P1 (below its 30), then P3: 90 min of 2 h, never past a goal in force
    assert (r.state, r.elapsed_seconds, r.breached_at) == ("met", 5400, None)
    assert "escalate_to_manager" not in clocks(incident("P3", events), "2026-11-16T11:00")


# §5.14 (b): opened Monday 09:00 as P3, responded 09:20, raised to P1 on Tuesday 10:00
RAISED = [
    ("2026-11-16T09:00", "opened", {"priority": "P3"}),
    DISPATCHED,
    ("2026-11-16T09:20", "responded", {}),
    ("2026-11-17T10:00", "priority", {"to": "P1", "reason": "影响扩大到全行"}),
]


def test_a_raise_past_the_new_goal_breaches_at_the_raise() -> None:
    got = clocks(incident("P1", RAISED), "2026-11-17T11:00")
    res = got["resolution"]
    # Monday 7.5 h + Tuesday 1 h = 30 600 s at the raise, past P1's 4 h: breached at the raise,
    # not on Monday 14:30 when 4 h had run under a P3 nobody had raised yet
    assert (res.state, res.priority, res.goal_seconds) == ("breached", "P1", 14400)
    assert (res.breached_at, res.deadline, res.elapsed_seconds) == (t("2026-11-17T10:00"), t("2026-11-17T10:00"), 34200)
    # the response had stopped under P3 (20 min of 2 h): the raise does not reach back
    assert (got["response"].state, got["response"].priority) == ("met", "P3")
    # the manager's clock starts at the real breach (Tuesday 10:00): 1 h of 20 min at 11:00
    esc = got["escalate_to_manager"]
    assert (esc.started_at, esc.state, esc.elapsed_seconds) == (t("2026-11-17T10:00"), "breached", 3600)


def test_the_overrun_of_a_breach_at_a_raise_counts_from_the_raise() -> None:
    """Elapsed at the raise (Tuesday 10:00) was 30 600 s against P1's 14 400: the overrun at
    11:00 is the hour since the raise (3 600 s), not 34 200 - 14 400 = 19 800 s, which would
    count 5.5 h run under a P3 nobody had raised yet (§5.14 rule 3)."""
    res = clocks(incident("P1", RAISED), "2026-11-17T11:00")["resolution"]
    assert (res.breach_elapsed_seconds, res.overrun_seconds) == (30600, 3600)
    down = clocks(incident("P3", DOWNGRADED), "2026-11-16T10:00")["response"]
    assert (down.breach_elapsed_seconds, down.overrun_seconds) == (1800, 1200)  # a plain breach: past the goal


def test_a_breach_is_counted_under_the_priority_it_breached() -> None:
    """§5.14 rule 4: lowered to P3 after its P1 response breached, the miss counts as a P1
    response miss in the per-priority figures, not as a P3 one."""
    from itsmctl.reports.slafigures import achievement

    r = clocks(incident("P3", DOWNGRADED), "2026-11-16T10:00")["response"]
    assert (r.priority, r.breach_priority, r.judged_priority) == ("P3", "P1", "P1")
    assert (r.as_row()["priority"], r.as_row()["breach_priority"]) == ("P3", "P1")
    rows = achievement([r], {}, ["P1", "P2", "P3", "P4"])["priorities"]
    assert [(row["priority"], row["target"], row["missed"]) for row in rows] == [("P1", "response", 1)]
    lowered_before = copy.deepcopy(DOWNGRADED)
    lowered_before[2] = ("2026-11-16T09:20", "priority", {"to": "P3", "reason": "客户说明只影响一台终端"})
    met = clocks(incident("P3", lowered_before), "2026-11-16T10:00")["response"]
    assert (met.breach_priority, met.judged_priority) == (None, "P3")


def test_before_the_raise_the_ticket_was_on_time() -> None:
    res = clocks(incident("P1", RAISED), "2026-11-17T09:30")["resolution"]
    # still P3: 8 h of 3bd (81 000 s), deadline projected with the goal in force now:
    # 14.5 h left = Tuesday 09:30-18:00 (7 h) + Wednesday (7.5 h)
    assert (res.state, res.priority, res.elapsed_seconds, res.breached_at) == ("ok", "P3", 28800, None)
    assert res.deadline == t("2026-11-18T18:00")


def test_a_raise_within_the_new_goal_projects_the_deadline_with_it() -> None:
    events = [
        ("2026-11-16T09:00", "opened", {"priority": "P3"}),
        DISPATCHED,
        ("2026-11-16T10:00", "priority", {"to": "P1", "reason": "影响扩大到全行"}),
    ]
    res = clocks(incident("P1", events), "2026-11-16T11:00")["resolution"]
    # 2 h of P1's 4 h kept across the raise; 2 h left from 11:00: 11:00-12:00, 13:30-14:30
    assert (res.state, res.elapsed_seconds, res.deadline, res.breached_at) == ("ok", 7200, t("2026-11-16T14:30"), None)


def test_a_stopped_clock_is_met_only_if_it_never_breached_while_running() -> None:
    # raised at 09:10 to P1 (30 min), lowered again at 09:45 to P3, answered at 09:50:
    # 50 min is within P3's 2 h, but P1's 30 min in force from 09:10 were passed at 09:30
    events = [
        ("2026-11-16T09:00", "opened", {"priority": "P3"}),
        DISPATCHED,
        ("2026-11-16T09:10", "priority", {"to": "P1", "reason": "核心系统"}),
        ("2026-11-16T09:45", "priority", {"to": "P3", "reason": "误判"}),
        ("2026-11-16T09:50", "responded", {}),
    ]
    r = clocks(incident("P3", events), "2026-11-16T10:00")["response"]
    assert (r.state, r.breached_at, r.elapsed_seconds) == ("missed", t("2026-11-16T09:30"), 3000)


# §5.14 (c): the escalation ladder raised a P2 to P1 at 11:30 (the escalation's own events)
ESCALATED = [
    ("2026-11-16T09:00", "opened", {"priority": "P2"}),
    DISPATCHED,
    ("2026-11-16T09:10", "responded", {}),
    (
        "2026-11-17T11:30",
        "escalated",
        {"level": 3, "target": "resolution", "actions": ["raise_priority", "notify_manager"]},
    ),
    ("2026-11-17T11:30", "priority", {"to": "P1", "reason": "升级 L3", "escalation": "E00003"}),
]


def test_an_escalation_raise_is_the_handling_priority_not_the_measured_one() -> None:
    got = clocks(incident("P1", ESCALATED), "2026-11-17T12:00")
    res = got["resolution"]
    # measured as P2 (8 h): Monday 7.5 h + Tuesday 3 h = 10.5 h, breached Tuesday 09:30
    assert (res.priority, res.handling_priority, res.goal_seconds) == ("P2", "P1", 28800)
    assert (res.state, res.breached_at) == ("breached", t("2026-11-17T09:30"))
    # P2 promises no recovery: the raise creates no P1 recovery clock and no P1 breach
    assert "recovery" not in got


def test_logs_written_before_the_marker_are_read_the_same_way() -> None:
    legacy = copy.deepcopy(ESCALATED)
    del legacy[4][2]["escalation"]
    res = clocks(incident("P1", legacy), "2026-11-17T12:00")["resolution"]
    assert (res.priority, res.handling_priority) == ("P2", "P1")


def test_an_sla_can_measure_the_escalated_priority_from_the_raise_on() -> None:
    sla = copy.deepcopy(SLA)
    sla["measure_escalated_priority"] = True
    got = clocks(incident("P1", ESCALATED), "2026-11-17T12:00", sla=sla)
    res, rec = got["resolution"], got["recovery"]
    # P1 from the raise; the breach already happened under P2 at Tuesday 09:30 and stays there
    assert (res.priority, res.handling_priority, res.breached_at) == ("P1", None, t("2026-11-17T09:30"))
    # P1's recovery (3 h) is in force from the raise only: breached at the raise, never on Monday
    assert (rec.state, rec.breached_at) == ("breached", t("2026-11-17T11:30"))


def test_sla_status_shows_both_priorities_where_they_differ() -> None:
    from itsmctl.reporters.sla import json_report, text_report

    got = clocks(incident("P1", ESCALATED), "2026-11-17T12:00")
    text = text_report([got["resolution"], got["response"]])
    assert "P2 (处理 P1)" in text.splitlines()[1]
    assert "处理" not in text.splitlines()[2]  # the response stopped before the raise
    assert '"handling_priority": "P1"' in json_report([got["resolution"]])
    assert '"breached_at": "2026-11-17T09:30:00+08:00"' in json_report([got["resolution"]])
