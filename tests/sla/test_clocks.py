"""Every clock rule of issue 3 on a hand-computed case (see docs/sla-rules.md).

Calendar: Mon–Fri 09:00-12:00 + 13:30-18:00 Beijing time, CN holidays (7.5 h a day).
SLA (helpers_sla.SLA): P1 response 30m / onsite 2h / recovery 3h / resolution 4h;
P2 response 1h / resolution 8h; P3 response 2h / resolution 3bd; callback 24h clock;
dispatch 10m; escalate_to_manager 20m.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from helpers_sla import SEED_P3, SLA, incident, store_with, t

from itsmctl.errors import ItsmError
from itsmctl.models import Incident
from itsmctl.sla import ClockStatus, evaluate_ticket


def clocks(
    ticket: dict[str, Any], now: str, *more: dict[str, Any], sla: dict[str, Any] | None = None
) -> dict[str, ClockStatus]:
    snap = store_with(ticket, *more, sla=sla)
    record = next(r for r in snap.tickets if r.id == ticket["id"])
    assert isinstance(record, Incident)
    return {c.target: c for c in evaluate_ticket(record, snap, t(now))}


def test_opened_at_night_counts_from_the_next_working_minute() -> None:
    ticket = incident("P1", [("2026-11-17T22:00", "opened", {})])
    c = clocks(ticket, "2026-11-18T09:20")["response"]
    # 22:00 .. 09:00 is outside working hours; 09:00-09:20 = 1200 s of 1800
    assert (c.state, c.elapsed_seconds, c.remaining_seconds, c.percent) == ("ok", 1200, 600, 66.7)
    assert c.deadline == t("2026-11-18T09:30")
    c = clocks(ticket, "2026-11-18T09:25")["response"]
    assert (c.state, c.elapsed_seconds, c.percent) == ("warning", 1500, 83.3)
    c = clocks(ticket, "2026-11-18T09:45")["response"]
    assert (c.state, c.elapsed_seconds, c.remaining_seconds) == ("breached", 2700, -900)
    assert c.deadline == t("2026-11-18T09:30")


def test_weekend() -> None:
    # P2 response 1h, opened Fri 17:30: 30m Friday, 30m Monday
    c = clocks(incident("P2", [("2026-11-20T17:30", "opened", {})]), "2026-11-23T09:10")["response"]
    assert c.deadline == t("2026-11-23T09:30")
    assert (c.elapsed_seconds, c.remaining_seconds) == (2400, 1200)


def test_lunch_break() -> None:
    # P1 response 30m, opened 11:45: 15m before lunch, 15m after 13:30
    c = clocks(incident("P1", [("2026-11-16T11:45", "opened", {})]), "2026-11-16T13:00")["response"]
    assert c.deadline == t("2026-11-16T13:45")
    assert (c.state, c.elapsed_seconds, c.percent) == ("ok", 900, 50.0)  # the lunch break adds nothing


def test_public_holiday() -> None:
    # P1 resolution 4h opened Wed 09-30 16:00: 2h that day, Oct 1-7 off, Thu 10-08 09:00-11:00
    c = clocks(incident("P1", [("2026-09-30T16:00", "opened", {})]), "2026-10-05T12:00")["resolution"]
    assert c.deadline == t("2026-10-08T11:00")
    assert (c.state, c.elapsed_seconds) == ("ok", 7200)


def test_make_up_saturday() -> None:
    # P2 resolution 8h opened Fri 10-09 14:00: 4h Fri; Sat 10-10 (调休) 09:00-12:00 3h, 13:30-14:30 1h
    c = clocks(incident("P2", [("2026-10-09T14:00", "opened", {})]), "2026-10-10T10:00")["resolution"]
    assert c.deadline == t("2026-10-10T14:30")
    assert c.elapsed_seconds == 4 * 3600 + 3600


PAUSE_OVER_HOLIDAY = [
    ("2026-09-30T10:00", "opened", {}),
    ("2026-09-30T10:10", "responded", {}),
    ("2026-09-30T11:00", "status", {"to": "pending_customer", "reason": "等待客户提供日志"}),
    ("2026-10-08T10:00", "status", {"to": "in_progress"}),
]


def test_pause_across_a_holiday_credits_exactly_the_business_time_it_covered() -> None:
    ticket = incident("P2", PAUSE_OVER_HOLIDAY)
    # while paused: 1h elapsed (10:00-11:00), no deadline
    c = clocks(ticket, "2026-10-05T12:00")["resolution"]
    assert (c.state, c.elapsed_seconds, c.deadline) == ("paused", 3600, None)
    # resumed Thu 10-08 10:00; at 14:30: 1h + 10:00-12:00 + 13:30-14:30 = 4h of 8h
    c = clocks(ticket, "2026-10-08T14:30")["resolution"]
    assert (c.state, c.elapsed_seconds, c.percent) == ("ok", 14400, 50.0)
    # 7h left at 10-08 10:00: 6.5h that day, 30m Friday
    assert c.deadline == t("2026-10-09T09:30")
    # the response clock stopped before the pause and is untouched by it
    assert clocks(ticket, "2026-10-08T14:30")["response"].state == "met"


PRIORITY_CHANGE = [
    ("2026-11-16T09:00", "opened", {}),
    ("2026-11-16T09:45", "responded", {}),
    ("2026-11-16T10:00", "status", {"to": "pending_customer"}),
    ("2026-11-16T11:00", "status", {"to": "in_progress"}),
    ("2026-11-16T14:00", "priority", {"to": "P1", "reason": "影响扩大到全部网点"}),
    ("2026-11-16T14:30", "assigned", {"to": "zhou.min"}),
]


def test_priority_change_swaps_the_goal_and_keeps_elapsed_time_and_pauses() -> None:
    # opened as P3 (dimensions score 3), raised to P1 at 14:00
    ticket = incident("P1", PRIORITY_CHANGE, dimensions=SEED_P3)
    c = clocks(ticket, "2026-11-16T15:00")["resolution"]
    # 09:00-10:00 + (paused) + 11:00-12:00 + 13:30-15:00 = 3.5h = 12 600 s of P1's 4h
    assert (c.priority, c.goal_seconds, c.elapsed_seconds) == ("P1", 14400, 12600)
    assert (c.state, c.remaining_seconds, c.percent) == ("warning", 1800, 87.5)
    assert c.deadline == t("2026-11-16T15:30")
    # the response stopped under P3 (2h): met with 45 min
    r = clocks(ticket, "2026-11-16T15:00")["response"]
    assert (r.priority, r.state, r.elapsed_seconds, r.goal_seconds) == ("P3", "met", 2700, 7200)


def test_before_the_change_the_opening_priority_applies() -> None:
    before = clocks(incident("P1", PRIORITY_CHANGE, dimensions=SEED_P3), "2026-11-16T13:45")["resolution"]
    # P3 resolution is 3bd = 81 000 s; 09:00-10:00 + 11:00-12:00 + 13:30-13:45 = 2h15m
    assert (before.priority, before.goal_seconds, before.elapsed_seconds) == ("P3", 81000, 8100)
    # without dimensions, the priority field is the *later* value (P1 from 14:00): the
    # opening priority is unknown, so no clock is shown before the change (validate says why)
    unknown = clocks(incident("P1", PRIORITY_CHANGE), "2026-11-16T13:45")
    assert "resolution" not in unknown and "response" not in unknown
    # the priority written on the opened event is the opening priority: P2 resolution 8h
    recorded = copy.deepcopy(PRIORITY_CHANGE)
    recorded[0][2]["priority"] = "P2"
    c = clocks(incident("P1", recorded), "2026-11-16T13:45")["resolution"]
    assert (c.priority, c.goal_seconds, c.elapsed_seconds) == ("P2", 28800, 8100)


def test_reassignment_resets_nothing() -> None:
    without = [e for e in PRIORITY_CHANGE if e[1] != "assigned"]
    a = clocks(incident("P1", PRIORITY_CHANGE, dimensions=SEED_P3), "2026-11-16T15:00")["resolution"]
    b = clocks(incident("P1", without, dimensions=SEED_P3), "2026-11-16T15:00")["resolution"]
    assert (a.elapsed_seconds, a.deadline) == (b.elapsed_seconds, b.deadline)


REOPENED = [
    ("2026-11-16T09:00", "opened", {}),
    ("2026-11-16T09:20", "responded", {}),
    ("2026-11-16T11:00", "resolved", {"resolution": "重启服务"}),
    ("2026-11-17T10:00", "reopened", {"reason": "故障复现"}),
]


def test_reopen_resumes_the_resolution_clock_from_where_it_stopped() -> None:
    ticket = incident("P2", REOPENED)
    c = clocks(ticket, "2026-11-16T15:00")["resolution"]
    assert (c.state, c.elapsed_seconds, c.stopped_at) == ("met", 7200, t("2026-11-16T11:00"))
    c = clocks(ticket, "2026-11-17T11:00")["resolution"]
    # 2h before + 10:00-11:00 = 3h; 5h left: 11:00-12:00, 13:30-17:30
    assert (c.state, c.elapsed_seconds, c.remaining_seconds) == ("ok", 10800, 18000)
    assert c.deadline == t("2026-11-17T17:30")
    # no callback is due while the ticket is reopened
    assert "callback" not in clocks(ticket, "2026-11-17T11:00")


def test_callback_within_24_clock_hours_of_the_resolution() -> None:
    ticket = incident("P2", REOPENED[:3])
    c = clocks(ticket, "2026-11-17T09:00")["callback"]
    # clock time: 11-16 11:00 -> 11-17 09:00 = 22h of 24h
    assert (c.basis, c.state, c.elapsed_seconds, c.percent) == ("clock", "warning", 79200, 91.7)
    assert c.deadline == t("2026-11-17T11:00")
    survey = {
        "kind": "survey",
        "id": "SUR-2611-00001",
        "survey_type": "callback",
        "ticket": "INC-2611-00001",
        "at": "2026-11-16T16:00:00+08:00",
        "by": "zhou.min",
        "score": 5,
    }
    c = clocks(ticket, "2026-11-17T09:00", survey)["callback"]
    assert (c.state, c.elapsed_seconds, c.stopped_at) == ("met", 5 * 3600, t("2026-11-16T16:00"))
    c = clocks(ticket, "2026-11-17T12:00")["callback"]
    assert (c.state, c.remaining_seconds) == ("breached", -3600)


def test_an_unreached_callback_does_not_stop_the_clock_unless_the_sla_says_so() -> None:
    ticket = incident("P2", REOPENED[:3])
    unreached = {
        "kind": "survey",
        "id": "SUR-2611-00002",
        "survey_type": "callback",
        "ticket": "INC-2611-00001",
        "at": "2026-11-16T16:00:00+08:00",
        "by": "zhou.min",
        "reached": False,
    }
    # resolved 11-16 11:00; the call at 16:00 found nobody: the callback is still owed
    c = clocks(ticket, "2026-11-17T12:00", unreached)["callback"]
    assert (c.state, c.stopped_at, c.remaining_seconds) == ("breached", None, -3600)
    counted = clocks(ticket, "2026-11-17T12:00", unreached, sla=SLA | {"callback_counts_unreached": True})
    c = counted["callback"]
    assert (c.state, c.elapsed_seconds, c.stopped_at) == ("met", 5 * 3600, t("2026-11-16T16:00"))
    reached = unreached | {"id": "SUR-2611-00003", "at": "2026-11-17T10:00:00+08:00", "reached": True}
    c = clocks(ticket, "2026-11-17T12:00", unreached, reached)["callback"]
    assert (c.state, c.elapsed_seconds, c.stopped_at) == ("met", 23 * 3600, t("2026-11-17T10:00"))


def test_business_days_target() -> None:
    # P3 resolution 3bd = 3 x 27 000 s; opened Mon 10:00: Mon 6.5h + Tue 7.5h + Wed 7.5h, Thu 09:00-10:00
    c = clocks(incident("P3", [("2026-11-16T10:00", "opened", {})]), "2026-11-16T11:00")["resolution"]
    assert (c.goal_seconds, c.deadline) == (81000, t("2026-11-19T10:00"))


def test_missed_and_met() -> None:
    events = [("2026-11-16T09:00", "opened", {}), ("2026-11-16T10:00", "responded", {})]
    c = clocks(incident("P1", events), "2026-11-16T12:00")["response"]
    assert (c.state, c.elapsed_seconds, c.remaining_seconds) == ("missed", 3600, -1800)
    assert c.deadline == t("2026-11-16T09:30")
    assert c.stopped_at == t("2026-11-16T10:00")
    c = clocks(incident("P2", events), "2026-11-16T12:00")["response"]
    assert (c.state, c.remaining_seconds) == ("met", 0)  # exactly on the deadline is met


def test_a_breached_clock_stays_breached_while_paused() -> None:
    events = [("2026-11-16T09:00", "opened", {}), ("2026-11-16T13:45", "status", {"to": "pending_vendor"})]
    c = clocks(incident("P1", events), "2026-11-16T15:00")
    # recovery (3h) pauses: 09:00-12:00 + 13:30-13:45 = 11 700 s; 3h were reached at 12:00
    assert (c["recovery"].state, c["recovery"].elapsed_seconds) == ("breached", 11700)
    assert c["recovery"].deadline == t("2026-11-16T12:00")
    # response does not pause: 09:00-12:00 + 13:30-15:00 = 16 200 s, deadline 09:30
    assert (c["response"].state, c["response"].elapsed_seconds) == ("breached", 16200)
    assert c["response"].deadline == t("2026-11-16T09:30")


def test_events_after_now_are_not_seen() -> None:
    c = clocks(incident("P1", REOPENED), "2026-11-16T09:10")["response"]
    assert (c.state, c.elapsed_seconds) == ("ok", 600)


def test_strictest_sla_wins_and_out_of_date_slas_do_not_apply() -> None:
    strict = copy.deepcopy(SLA)
    strict.update(id="SLA-STRICT", targets={"P2": {"response": "30m"}})
    expired = copy.deepcopy(SLA)
    expired.update(
        id="SLA-OLD", effective_from="2025-01-01", effective_to="2025-12-31", targets={"P2": {"response": "10m"}}
    )
    ticket = incident("P2", [("2026-11-16T09:00", "opened", {})])
    got = clocks(ticket, "2026-11-16T09:05", strict, expired)
    assert (got["response"].sla_id, got["response"].goal_seconds) == ("SLA-STRICT", 1800)
    assert got["resolution"].sla_id == "SLA-T"  # only SLA-T promises a resolution
    # a ticket naming its SLA gets only that one
    named = clocks(incident("P2", [("2026-11-16T09:00", "opened", {})], sla="SLA-T"), "2026-11-16T09:05", strict)
    assert named["response"].sla_id == "SLA-T"


def test_onsite_applies_to_on_site_delivery_only() -> None:
    events = [("2026-11-16T09:00", "opened", {})]
    assert "onsite" not in clocks(incident("P1", events, delivery="remote"), "2026-11-16T10:00")
    assert "onsite" not in clocks(incident("P1", events), "2026-11-16T10:00")
    c = clocks(incident("P1", events, delivery="onsite"), "2026-11-16T10:00")["onsite"]
    assert (c.state, c.goal_seconds, c.elapsed_seconds) == ("ok", 7200, 3600)
    arrived = [*events, ("2026-11-16T10:30", "onsite", {})]
    c = clocks(incident("P1", arrived, delivery="onsite"), "2026-11-16T12:00")["onsite"]
    assert (c.state, c.elapsed_seconds) == ("met", 5400)


def test_spare_part_only_when_a_part_was_needed() -> None:
    sla = copy.deepcopy(SLA)
    sla["targets"]["P2"]["spare_part"] = "1bd"
    events = [("2026-11-16T09:00", "opened", {})]
    assert "spare_part" not in clocks(incident("P2", events), "2026-11-16T10:00", sla=sla)
    part = [*events, ("2026-11-17T10:00", "part_arrived", {"part": "电源模块"})]
    c = clocks(incident("P2", part), "2026-11-17T12:00", sla=sla)["spare_part"]
    # Mon 09:00-18:00 7.5h + Tue 09:00-10:00 1h = 8.5h > 1bd (7.5h): missed by 1h
    assert (c.state, c.elapsed_seconds, c.remaining_seconds) == ("missed", 30600, -3600)


def test_recovery_stops_at_recovered_or_at_resolution() -> None:
    events = [("2026-11-16T09:00", "opened", {}), ("2026-11-16T10:00", "recovered", {})]
    assert clocks(incident("P1", events), "2026-11-16T11:00")["recovery"].elapsed_seconds == 3600
    events = [("2026-11-16T09:00", "opened", {}), ("2026-11-16T11:00", "resolved", {"resolution": "更换"})]
    c = clocks(incident("P1", events), "2026-11-16T15:00")["recovery"]
    assert (c.state, c.elapsed_seconds, c.stopped_at) == ("met", 7200, t("2026-11-16T11:00"))


def test_service_desk_dispatch_and_escalation_to_the_manager() -> None:
    events = [
        ("2026-11-16T09:00", "opened", {}),
        ("2026-11-16T09:08", "assigned", {"to": "wang.qiang"}),
        ("2026-11-16T09:45", "escalated", {"level": 2, "target": "response", "actions": ["notify_manager"]}),
    ]
    got = clocks(incident("P1", events), "2026-11-16T10:00")
    assert (got["dispatch"].state, got["dispatch"].elapsed_seconds) == ("met", 480)
    # the response breached at 09:30 (P1 30m); the manager was told at 09:45: 15m of 20m
    esc = got["escalate_to_manager"]
    assert (esc.started_at, esc.state, esc.elapsed_seconds) == (t("2026-11-16T09:30"), "met", 900)
    assert "escalate_to_manager" not in clocks(incident("P1", events[:2]), "2026-11-16T09:20")


def test_a_resolution_without_a_response_answers_the_response_clock() -> None:
    events = [
        ("2026-11-16T09:00", "opened", {}),
        ("2026-11-16T09:20", "resolved", {"resolution": "电话指导", "first_line": True}),
    ]
    c = clocks(incident("P1", events), "2026-11-16T12:00")["response"]
    assert (c.state, c.elapsed_seconds) == ("met", 1200)


def test_tickets_without_an_sla_or_opened_later_have_no_clocks() -> None:
    ticket = incident("P1", [("2026-11-16T09:00", "opened", {})], service="SVC-OTHER")
    assert clocks(ticket, "2026-11-16T10:00") == {}
    assert clocks(incident("P1", [("2026-11-16T09:00", "opened", {})]), "2026-11-16T08:00") == {}


def test_warning_threshold_per_sla_priority_and_target() -> None:
    sla = copy.deepcopy(SLA)
    sla["warning_percent"] = 50
    sla["targets"]["P1"]["warning_percent"] = 60
    sla["targets"]["P1"]["resolution"] = {"within": "4h", "warning_percent": 90}
    events = [("2026-11-16T09:00", "opened", {})]
    got = clocks(incident("P1", events), "2026-11-16T09:20", sla=sla)  # response 20/30 = 66.7 %
    assert (got["response"].warning_percent, got["response"].state) == (60.0, "warning")
    got = clocks(incident("P1", events), "2026-11-16T12:00", sla=sla)  # resolution 3/4h = 75 %
    assert (got["resolution"].warning_percent, got["resolution"].state) == (90.0, "ok")
    got = clocks(incident("P2", events), "2026-11-16T09:35", sla=sla)  # response 35/60 = 58.3 %
    assert (got["response"].warning_percent, got["response"].state) == (50.0, "warning")


def test_target_on_clock_basis_counts_nights() -> None:
    sla = copy.deepcopy(SLA)
    sla["targets"]["P1"]["resolution"] = {"within": "4h", "basis": "clock"}
    c = clocks(incident("P1", [("2026-11-16T22:00", "opened", {})]), "2026-11-17T01:00", sla=sla)["resolution"]
    assert (c.basis, c.elapsed_seconds, c.deadline) == ("clock", 10800, t("2026-11-17T02:00"))


def test_priority_override_at_opening_sets_the_opening_priority() -> None:
    override = {"priority": "P1", "reason": "行长办公室", "by": "wang.qiang", "at": "2026-11-16T09:00:00+08:00"}
    ticket = incident("P1", [("2026-11-16T09:00", "opened", {})], dimensions=SEED_P3, priority_override=override)
    assert clocks(ticket, "2026-11-16T09:10")["response"].goal_seconds == 1800


def test_escalation_to_the_manager_ends_at_the_resolution_and_ignores_the_callback() -> None:
    events = [
        ("2026-11-16T09:00", "opened", {}),
        ("2026-11-16T09:05", "assigned", {"to": "wang.qiang"}),
        ("2026-11-16T09:50", "resolved", {"resolution": "重启"}),
    ]
    # response breached at 09:30 (P1 30m) and nobody told the manager before the resolution at 09:50
    esc = clocks(incident("P1", events), "2026-11-16T12:00")["escalate_to_manager"]
    assert (esc.state, esc.elapsed_seconds, esc.stopped_at) == ("met", 1200, t("2026-11-16T09:50"))
    # a late callback alone is not an exception of the work: no escalation clock
    on_time = [
        ("2026-11-16T09:00", "opened", {}),
        ("2026-11-16T09:05", "assigned", {"to": "wang.qiang"}),
        ("2026-11-16T09:10", "responded", {}),
        ("2026-11-16T10:00", "resolved", {"resolution": "重启"}),
    ]
    got = clocks(incident("P1", on_time), "2026-11-18T12:00")
    assert got["callback"].state == "breached" and "escalate_to_manager" not in got


def test_an_sla_without_its_calendar_is_an_error_not_clock_time() -> None:
    sla = {**SLA, "calendar": "CAL-MISSING"}
    with pytest.raises(ItsmError, match="names calendar CAL-MISSING"):
        clocks(incident("P1", [("2026-11-16T09:00", "opened", {})]), "2026-11-16T10:00", sla=sla)
