"""Which clocks pause (``pause_targets``), on hand-computed cases (docs/sla-rules.md §5.13).

Calendar: Mon–Fri 09:00-12:00 + 13:30-18:00 Beijing time (7.5 h a day).
SLA: helpers_sla.SLA plus P2 spare_part 8h (business).
"""

from __future__ import annotations

import copy
from typing import Any

from helpers_sla import SLA, incident, store_with, t

from itsmctl.models import Incident, ServiceLevelAgreement
from itsmctl.sla import ClockStatus, evaluate_ticket


def clocks(ticket: dict[str, Any], now: str, sla: dict[str, Any]) -> dict[str, ClockStatus]:
    snap = store_with(ticket, sla=sla)
    record = next(r for r in snap.tickets if r.id == ticket["id"])
    assert isinstance(record, Incident)
    return {c.target: c for c in evaluate_ticket(record, snap, t(now))}


def with_spare_part(**extra: Any) -> dict[str, Any]:
    sla = copy.deepcopy(SLA)
    sla["targets"]["P2"]["spare_part"] = "8h"
    sla.update(extra)
    return sla


# P2 opened Mon 2026-11-16 09:00; waiting on the vendor's part from 14:00 over the night;
# the part arrives Tue 11:00, work resumes 11:05, resolved Tue 15:00.
SPARE_PART_WAIT = [
    ("2026-11-16T09:00", "opened", {}),
    ("2026-11-16T09:20", "responded", {}),
    ("2026-11-16T14:00", "status", {"to": "pending_vendor", "reason": "等待厂商备件"}),
    ("2026-11-17T11:00", "part_arrived", {"part": "电源模块"}),
    ("2026-11-17T11:05", "status", {"to": "in_progress", "reason": "备件到货"}),
    ("2026-11-17T15:00", "resolved", {"resolution": "更换电源模块"}),
]


def test_default_pause_targets_are_resolution_and_recovery() -> None:
    sla = ServiceLevelAgreement.model_validate(SLA)  # a record without the field
    assert sla.pause_targets == ["resolution", "recovery"]


def test_the_spare_part_clock_runs_through_a_vendor_pause_over_a_night() -> None:
    ticket = incident("P2", SPARE_PART_WAIT)
    # Mon 20:00, during the night: the part clock runs (Mon 09:00-12:00 + 13:30-18:00 = 27 000 s)
    c = clocks(ticket, "2026-11-16T20:00", with_spare_part())
    assert "spare_part" not in c  # no part has arrived yet: the log does not know one was needed
    assert (c["resolution"].state, c["resolution"].elapsed_seconds) == ("paused", 12600)  # 3h + 30m
    assert c["resolution"].deadline is None
    # Tue 16:00: the part clock stopped at the arrival, Tue 11:00
    c = clocks(ticket, "2026-11-17T16:00", with_spare_part())
    part = c["spare_part"]
    # 7.5h Monday + Tue 09:00-11:00 2h = 9.5h = 34 200 s of 8h: missed by 1.5h; 8h reached Tue 09:30
    assert (part.state, part.elapsed_seconds, part.remaining_seconds) == ("missed", 34200, -5400)
    assert part.deadline == t("2026-11-17T09:30")
    assert part.stopped_at == t("2026-11-17T11:00")
    # resolution pauses 14:00 Mon - 11:05 Tue: 3h + 30m + Tue 11:05-12:00 55m + 13:30-15:00 1.5h
    res = c["resolution"]
    assert (res.state, res.elapsed_seconds, res.percent) == ("met", 21300, 74.0)


def test_an_sla_can_make_the_spare_part_clock_pause() -> None:
    sla = with_spare_part(pause_targets=["resolution", "recovery", "spare_part"])
    part = clocks(incident("P2", SPARE_PART_WAIT), "2026-11-17T16:00", sla)["spare_part"]
    # only Mon 09:00-12:00 + 13:30-14:00 count: the old behaviour, now a contract's choice
    assert (part.state, part.elapsed_seconds) == ("met", 12600)


def test_response_and_onsite_do_not_pause_by_default() -> None:
    events = [
        ("2026-11-16T09:00", "opened", {}),
        ("2026-11-16T09:10", "status", {"to": "pending_customer", "reason": "等待客户确认地址"}),
    ]
    c = clocks(incident("P1", events, delivery="onsite"), "2026-11-16T10:00", SLA)
    # response 30m and onsite 2h count 09:00-10:00 although the customer holds the ticket
    assert (c["response"].state, c["response"].elapsed_seconds) == ("breached", 3600)
    assert (c["onsite"].state, c["onsite"].elapsed_seconds, c["onsite"].percent) == ("ok", 3600, 50.0)
    assert c["onsite"].deadline == t("2026-11-16T11:00")
    # resolution and recovery only count 09:00-09:10
    assert (c["resolution"].state, c["resolution"].elapsed_seconds) == ("paused", 600)
    assert (c["recovery"].state, c["recovery"].elapsed_seconds) == ("paused", 600)
    # a contract that stops the response clock too
    c = clocks(incident("P1", events), "2026-11-16T10:00", {**SLA, "pause_targets": ["response", "resolution"]})
    assert (c["response"].state, c["response"].elapsed_seconds) == ("paused", 600)
    assert c["recovery"].state == "ok"


def test_service_desk_clocks_never_pause() -> None:
    events = [("2026-11-16T09:00", "opened", {}), ("2026-11-16T09:05", "status", {"to": "pending_customer"})]
    c = clocks(incident("P1", events), "2026-11-16T09:20", SLA)
    assert (c["dispatch"].state, c["dispatch"].elapsed_seconds) == ("breached", 1200)  # 20m of 10m


def test_callback_at_the_moment_of_resolution_is_running() -> None:
    events = [("2026-11-16T09:00", "opened", {}), ("2026-11-16T11:00", "resolved", {"resolution": "重启"})]
    c = clocks(incident("P2", events), "2026-11-16T11:00", SLA)["callback"]
    assert (c.state, c.elapsed_seconds, c.remaining_seconds) == ("ok", 0, 86400)
    assert c.deadline == t("2026-11-17T11:00")


def test_a_clock_asked_about_at_its_opening_moment_is_running() -> None:
    c = clocks(incident("P1", [("2026-11-16T09:00", "opened", {})]), "2026-11-16T09:00", SLA)
    assert (c["response"].state, c["response"].elapsed_seconds) == ("ok", 0)
    assert c["response"].deadline == t("2026-11-16T09:30")
    # a pause taking effect exactly at "now" pauses the pausing clocks at "now"
    events = [("2026-11-16T09:00", "opened", {}), ("2026-11-16T10:00", "status", {"to": "pending_vendor"})]
    c = clocks(incident("P1", events), "2026-11-16T10:00", SLA)
    assert (c["resolution"].state, c["resolution"].elapsed_seconds) == ("paused", 3600)
