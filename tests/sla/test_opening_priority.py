"""The opening priority: what the clocks use before the first ``priority`` event.

Calendar Mon–Fri 09:00-12:00 + 13:30-18:00 Beijing; SLA (helpers_sla.SLA): P1 response
30m, P3 response 2h.  2026-11-16 is a Monday.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from helpers_sla import CALENDAR, POLICY, SEED_P3, SLA, incident, snapshot, t

from itsmctl.checks.rulebook import check_rules
from itsmctl.models import Incident
from itsmctl.priority import opening_priority
from itsmctl.sla import ClockStatus, evaluate_ticket
from itsmctl.store.snapshot import Snapshot, open_store

RAISED = [
    ("2026-11-16T09:00", "opened", {}),
    ("2026-11-16T14:00", "priority", {"to": "P1", "reason": "影响扩大到全部网点"}),
]


def _clocks(snap: Snapshot, now: str) -> dict[str, ClockStatus]:
    record = next(r for r in snap.tickets if r.id == "INC-2611-00001")
    assert isinstance(record, Incident)
    return {c.target: c for c in evaluate_ticket(record, snap, t(now))}


def _with_opening(events: list[tuple[str, str, dict[str, Any]]], priority: str) -> list[Any]:
    out = copy.deepcopy(events)
    out[0][2]["priority"] = priority
    return out


def test_without_dimensions_the_later_priority_is_not_used_before_the_change() -> None:
    # The field says P1 only because of the 14:00 change: at 10:00 the old code showed
    # response P1 (30m) breached after 1h.  The opening priority is unknown: no clock.
    clocks = _clocks(snapshot(POLICY, CALENDAR, SLA, incident("P1", RAISED)), "2026-11-16T10:00")
    assert "response" not in clocks and "resolution" not in clocks
    # after the change the priority is known (P1): 09:00-12:00 + 13:30-15:00 = 16 200 s of 1 800,
    # breached at 14:00, the first moment a goal was in force (§5.14), not at a 09:30 nobody knew of
    c = _clocks(snapshot(POLICY, CALENDAR, SLA, incident("P1", RAISED)), "2026-11-16T15:00")["response"]
    assert (c.priority, c.state, c.elapsed_seconds, c.deadline) == ("P1", "breached", 16200, t("2026-11-16T14:00"))


def test_the_opened_event_priority_is_the_opening_priority() -> None:
    snap = snapshot(POLICY, CALENDAR, SLA, incident("P1", _with_opening(RAISED, "P3")))
    c = _clocks(snap, "2026-11-16T10:00")["response"]
    # P3 response 2h: 09:00-10:00 = 3 600 s, 50 %
    assert (c.priority, c.state, c.elapsed_seconds, c.remaining_seconds) == ("P3", "ok", 3600, 3600)
    assert c.deadline == t("2026-11-16T11:00")


def test_editing_the_matrix_does_not_rewrite_a_recorded_opening_priority() -> None:
    policy = copy.deepcopy(POLICY)
    policy["priority"]["matrix"]["urgent"]["some"]["important"] = "P1"  # was P3
    recorded = incident("P3", _with_opening([("2026-11-16T09:00", "opened", {})], "P3"), dimensions=SEED_P3)
    c = _clocks(snapshot(policy, CALENDAR, SLA, recorded), "2026-11-16T10:00")["response"]
    assert (c.priority, c.state, c.elapsed_seconds) == ("P3", "ok", 3600)
    # an old record without it still follows the matrix (the documented fallback)
    old = incident("P3", [("2026-11-16T09:00", "opened", {})], dimensions=SEED_P3)
    c = _clocks(snapshot(policy, CALENDAR, SLA, old), "2026-11-16T10:00")["response"]
    assert (c.priority, c.state) == ("P1", "breached")


def test_opening_priority_order() -> None:
    def step(data: dict[str, Any]) -> tuple[str, str] | None:
        ticket = Incident.model_validate(data)
        found = opening_priority(ticket)
        return (found.priority, found.source) if found else None

    assert step(incident("P1", _with_opening(RAISED, "P4"))) == ("P4", "opened")
    assert step(incident("P1", RAISED)) is None
    assert step(incident("P2", RAISED[:1])) == ("P2", "field")


def _priority_findings(ticket: dict[str, Any]) -> list[tuple[str, str]]:
    snap = snapshot(POLICY, CALENDAR, SLA, ticket)
    return [(f.field, f.message) for f in check_rules(snap) if f.code == "priority"]


def test_validate_reports_an_undeterminable_opening_priority() -> None:
    found = _priority_findings(incident("P1", RAISED, status="new"))
    assert [field for field, _ in found] == ["events[0]"]
    assert "opening priority is unknown" in found[0][1]
    assert _priority_findings(incident("P1", _with_opening(RAISED, "P3"), status="new")) == []
    assert _priority_findings(incident("P1", RAISED, status="new", dimensions=SEED_P3)) == []
    bad = _priority_findings(incident("P1", _with_opening(RAISED, "P9"), status="new"))
    assert [field for field, _ in bad] == ["events[0].priority"]


def test_ticket_new_writes_the_opening_priority(cli: Any, store: Path) -> None:
    result = cli(
        "ticket",
        "new",
        "incident",
        "--title",
        "打印机卡纸",
        "--service",
        "SVC-ONSITE",
        "--dim",
        "urgency=high",
        "--dim",
        "impact=one",
        "--records",
        store,
        "--by",
        "wang.qiang",
        "--at",
        "2026-11-16T09:00:00+08:00",
    )
    assert result.code == 0, result
    _, snap = open_store(store)
    new = [tk for tk in snap.tickets if tk.title == "打印机卡纸"]
    assert len(new) == 1
    opened = new[0].events[0]
    assert opened.type == "opened"
    assert getattr(opened, "priority", None) == new[0].priority


def test_an_override_after_opening_is_a_change_too() -> None:
    override = {"priority": "P1", "reason": "行领导终端", "by": "wang.qiang", "at": "2026-11-16T14:00:00+08:00"}
    ticket = incident("P1", RAISED[:1], status="new", priority_override=override)
    assert "response" not in _clocks(snapshot(POLICY, CALENDAR, SLA, ticket), "2026-11-16T10:00")
    assert [field for field, _ in _priority_findings(ticket)] == ["events[0]"]
    at_opening = {**override, "at": "2026-11-16T09:00:00+08:00"}
    ticket = incident("P1", RAISED[:1], status="new", priority_override=at_opening)
    c = _clocks(snapshot(POLICY, CALENDAR, SLA, ticket), "2026-11-16T10:00")["response"]
    assert (c.priority, c.state) == ("P1", "breached")
