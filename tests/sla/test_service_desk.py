"""The service-desk timings of domain §3 on hand-computed cases (docs/sla-rules.md §5.15-§5.18).

Calendar: Mon–Fri 09:00-12:00 + 13:30-18:00 Beijing time.  SLA: helpers_sla.SLA with every
service-desk timing: remote guidance 5m, dispatch 10m, execution confirmed 30m,
re-dispatch 10m, escalation to the project manager 20m (business time).
"""

from __future__ import annotations

import copy
from typing import Any

from helpers_sla import SLA, incident, store_with, t

from itsmctl.models import Incident
from itsmctl.sla import ClockStatus, evaluate_ticket

DESK_SLA: dict[str, Any] = copy.deepcopy(SLA)
DESK_SLA["service_desk"] = {
    "remote_guidance": "5m",
    "dispatch": "10m",
    "execution_confirmed": "30m",
    "redispatch": "10m",
    "escalate_to_manager": "20m",
}


def clocks(ticket: dict[str, Any], now: str) -> dict[str, ClockStatus]:
    snap = store_with(ticket, sla=DESK_SLA)
    record = next(r for r in snap.tickets if r.id == ticket["id"])
    assert isinstance(record, Incident)
    return {c.target: c for c in evaluate_ticket(record, snap, t(now))}


def figures(c: ClockStatus) -> tuple[str, int, int]:
    return c.state, c.elapsed_seconds, c.goal_seconds


def test_remote_guidance_within_five_minutes() -> None:  # §5.15
    guided = incident("P3", [("2026-11-16T09:00", "opened", {}), ("2026-11-16T09:04", "guided", {})], delivery="remote")
    c = clocks(guided, "2026-11-16T10:00")["remote_guidance"]
    assert figures(c) == ("met", 240, 300)
    assert c.stopped_at == t("2026-11-16T09:04")
    silent = incident("P3", [("2026-11-16T09:00", "opened", {})], delivery="remote")
    c = clocks(silent, "2026-11-16T09:10")["remote_guidance"]
    assert (c.state, c.elapsed_seconds, c.deadline) == ("breached", 600, t("2026-11-16T09:05"))
    # opened at 17:58, guided next morning at 09:02: 2 min Monday + 2 min Tuesday
    evening = incident(
        "P3", [("2026-11-16T17:58", "opened", {}), ("2026-11-17T09:02", "guided", {})], delivery="remote"
    )
    assert figures(clocks(evening, "2026-11-17T10:00")["remote_guidance"]) == ("met", 240, 300)


def test_an_onsite_ticket_without_guidance_has_no_remote_guidance_clock() -> None:
    ticket = incident("P3", [("2026-11-16T09:00", "opened", {})], delivery="onsite")
    assert "remote_guidance" not in clocks(ticket, "2026-11-16T10:00")


def test_execution_confirmed_within_thirty_minutes_of_dispatch() -> None:  # §5.16
    events = [
        ("2026-11-16T09:00", "opened", {}),
        ("2026-11-16T09:08", "assigned", {"to": "wang.qiang"}),
        ("2026-11-16T09:40", "execution_confirmed", {}),
    ]
    c = clocks(incident("P3", events), "2026-11-16T10:00")
    assert figures(c["dispatch"]) == ("met", 480, 600)
    ex = c["execution_confirmed"]
    assert figures(ex) == ("missed", 1920, 1800)
    assert (ex.started_at, ex.deadline) == (t("2026-11-16T09:08"), t("2026-11-16T09:38"))
    # not yet dispatched: no execution clock
    assert "execution_confirmed" not in clocks(incident("P3", events[:1]), "2026-11-16T09:05")


LATE_ARRIVAL = [
    ("2026-11-16T09:00", "opened", {}),
    ("2026-11-16T09:05", "assigned", {"to": "wang.qiang"}),
    ("2026-11-16T09:10", "responded", {}),
]


def test_a_late_arrival_is_re_dispatched_within_ten_minutes() -> None:  # §5.17
    # P1 on-site 2h: due 11:00; nobody there, re-dispatched at 11:08
    events = [*LATE_ARRIVAL, ("2026-11-16T11:08", "assigned", {"to": "wang.qiang", "redispatch": True})]
    c = clocks(incident("P1", events, delivery="onsite"), "2026-11-16T11:30")
    assert c["onsite"].state == "breached"
    re = c["redispatch"]
    assert figures(re) == ("met", 480, 600)
    assert (re.started_at, re.stopped_at) == (t("2026-11-16T11:00"), t("2026-11-16T11:08"))
    # without a re-dispatch, the engineer arriving at 11:25 ends the wait: 25 minutes, missed
    late = clocks(
        incident("P1", [*LATE_ARRIVAL, ("2026-11-16T11:25", "onsite", {})], delivery="onsite"), "2026-11-16T12:00"
    )
    assert figures(late["redispatch"]) == ("missed", 1500, 600)
    assert late["redispatch"].deadline == t("2026-11-16T11:10")
    # arriving on time: no re-dispatch clock at all
    on_time = clocks(
        incident("P1", [*LATE_ARRIVAL, ("2026-11-16T10:30", "onsite", {})], delivery="onsite"), "2026-11-16T12:00"
    )
    assert "redispatch" not in on_time


def test_an_exception_reported_by_the_engineer_starts_the_project_manager_clock() -> None:  # §5.18
    events = [
        ("2026-11-16T09:00", "opened", {}),
        ("2026-11-16T09:05", "assigned", {"to": "wang.qiang"}),
        ("2026-11-16T09:10", "responded", {}),
        ("2026-11-16T10:00", "exception", {"reason": "客户机房断电，无法继续"}),
        ("2026-11-16T10:25", "manager_informed", {"manager": "wang.qiang", "method": "phone"}),
    ]
    c = clocks(incident("P2", events), "2026-11-16T11:00")
    pm = c["escalate_to_manager"]  # no target breached: the exception alone starts it
    assert figures(pm) == ("missed", 1500, 1200)
    assert (pm.started_at, pm.deadline, pm.stopped_at) == (
        t("2026-11-16T10:00"),
        t("2026-11-16T10:20"),
        t("2026-11-16T10:25"),
    )
    # told at 10:15 instead: met, 900 s
    told = [*events[:4], ("2026-11-16T10:15", "manager_informed", {"manager": "wang.qiang"})]
    assert figures(clocks(incident("P2", told), "2026-11-16T11:00")["escalate_to_manager"]) == ("met", 900, 1200)
    # nobody told yet at 10:30: breached
    assert clocks(incident("P2", events[:4]), "2026-11-16T10:30")["escalate_to_manager"].state == "breached"
