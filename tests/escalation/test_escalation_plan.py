"""Planning: open tickets only, one priority level up per raise, recipients from step and policy."""

from __future__ import annotations

from helpers_escalation import T0, incident, policy, row, sla

from itsmctl.escalation import Directory, plan_escalations, raised, resolve_recipients
from itsmctl.models import Incident
from itsmctl.models.sla import EscalationStep


def test_raise_goes_one_level_up_in_the_policy_order() -> None:
    p = policy(("P1", "P2", "P3", "P4"))
    assert [raised(level, p) for level in ("P4", "P3", "P2", "P1")] == ["P3", "P2", "P1", "P1"]


def test_a_priority_the_policy_does_not_know_is_left_alone() -> None:
    assert raised("P9", policy()) == "P9"
    assert raised("P2", None) == "P2"


def test_plan_for_a_breach_past_every_threshold() -> None:
    plan = plan_escalations([incident()], [sla()], policy(), [row(state="breached", percent=125.0)])
    assert [(e.level, e.target, e.priority_before, e.priority_after) for e in plan] == [
        (1, "resolution", "P2", "P2"),
        (2, "resolution", "P2", "P2"),
        (3, "resolution", "P2", "P1"),
    ]
    assert [[r.id for r in e.recipients] for e in plan] == [
        ["wang.qiang"],
        ["wang.qiang", "zhou.min", "sun.li", "li.na"],  # no manager named at level 2: every active manager
        ["zhou.min", "chen.gang"],  # level 3 names its manager and expert
    ]


def test_two_raises_in_one_run_compound() -> None:
    steps = [
        {"level": 1, "name": "升级一", "at_percent": 100, "actions": ["raise_priority"]},
        {"level": 2, "name": "升级二", "at_percent": 150, "actions": ["raise_priority"]},
    ]
    plan = plan_escalations([incident(priority="P3")], [sla(steps)], policy(), [row(state="breached", percent=160.0)])
    assert [(e.priority_before, e.priority_after) for e in plan] == [("P3", "P2"), ("P2", "P1")]


def test_closed_tickets_and_recorded_rungs_are_left_out() -> None:
    breach = [row(state="breached", percent=125.0)]
    assert plan_escalations([incident(status="closed")], [sla()], policy(), breach) == []
    done = incident(
        events=[
            {
                "id": "EA0001",
                "at": "2026-11-09T16:00:00+08:00",
                "by": "itsmctl",
                "type": "escalated",
                "level": lv,
                "target": "resolution",
            }
            for lv in (1,)
        ]
    )
    plan = plan_escalations([done], [sla()], policy(), [row(state="breached", percent=101.0)])
    assert [(e.level, e.target) for e in plan] == [(2, "resolution")]


def test_rows_of_an_sla_without_ladder_do_nothing() -> None:
    rows = [row(state="breached", percent=300.0, sla="SLA-OTHER")]
    assert plan_escalations([incident()], [sla(), sla([], "SLA-OTHER")], policy(), rows) == []


def test_group_members_are_expanded_and_inactive_people_skipped() -> None:
    step = EscalationStep.model_validate(
        {
            "level": 1,
            "name": "预警",
            "at_percent": 75,
            "actions": ["notify_group"],
            "notify": ["onsite", "zhou.min", "nobody"],
        }
    )
    found = resolve_recipients(step, incident(), Directory(policy()))
    assert [(r.id, r.role, r.email) for r in found] == [
        ("wang.qiang", "group", "wang.qiang@example.com"),  # zhao.lei is inactive
        ("zhou.min", "notify", "zhou.min@example.com"),
        ("nobody", "notify", None),  # unknown to the policy: kept for the webhook, no mail
    ]


def test_a_raise_that_brings_new_clocks_is_planned_to_its_fixed_point() -> None:
    # P2 -> P1 adds a recovery clock (P1 only) that is already far past its deadline
    seen: list[tuple[str, int]] = []

    def reevaluate(after: Incident) -> list:
        seen.append((after.priority, len([e for e in after.events if e.type == "escalated"])))
        return [row(state="breached", percent=125.0), row("recovery", "breached", 300.0)]

    plan = plan_escalations(
        [incident()], [sla()], policy(), [row(state="breached", percent=125.0)], now=T0, reevaluate=reevaluate
    )
    assert [(e.level, e.target, e.priority_before, e.priority_after) for e in plan] == [
        (1, "resolution", "P2", "P2"),
        (2, "resolution", "P2", "P2"),
        (3, "resolution", "P2", "P1"),
        (2, "recovery", "P1", "P1"),
        (3, "recovery", "P1", "P1"),  # P1 stays P1, so nothing new can appear: the plan stops
    ]
    assert seen == [("P1", 3)]


def test_two_clocks_reaching_the_same_level_raise_the_priority_once() -> None:
    rows = [row("resolution", "breached", 125.0), row("response", "breached", 130.0)]
    plan = plan_escalations([incident(priority="P3")], [sla()], policy(), rows)
    level3 = [(e.target, e.actions, e.priority_before, e.priority_after) for e in plan if e.level == 3]
    assert level3 == [
        ("resolution", ("raise_priority", "notify_manager", "notify_expert"), "P3", "P2"),
        ("response", ("notify_manager", "notify_expert"), "P2", "P2"),  # notified, not raised again
    ]


def test_a_level_that_raised_before_does_not_raise_again_for_another_clock() -> None:
    earlier = {
        "id": "EA0003",
        "at": "2026-11-09T16:00:00+08:00",
        "by": "itsmctl",
        "type": "escalated",
        "level": 3,
        "target": "response",
        "actions": ["raise_priority"],
    }
    plan = plan_escalations([incident(events=[earlier])], [sla()], policy(), [row(state="breached", percent=125.0)])
    assert [(e.level, e.priority_after) for e in plan] == [(1, "P2"), (2, "P2"), (3, "P2")]


def test_an_unassigned_tickets_warning_goes_to_the_service_desk() -> None:
    step = EscalationStep.model_validate(
        {"level": 1, "name": "预警", "at_percent": 75, "actions": ["notify_assignee", "notify_group"]}
    )
    found = resolve_recipients(step, incident(assignee=None, group=None), Directory(policy()))
    assert [(r.id, r.role) for r in found] == [("itsmctl", "desk")]  # the helpers' only service_desk person
