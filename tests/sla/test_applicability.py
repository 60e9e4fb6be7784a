"""Which SLA applies is decided on the SLA calendar's dates, not the record's offset.

SLA-2026 runs to 2026-12-31 (P1 response 30m), SLA-2027 from 2027-01-01 (P1 response
15m), both on the Asia/Shanghai calendar.  2026-12-31T23:30:00Z is 2027-01-01 07:30 in
Shanghai: a 2027 ticket however it is written.
"""

from __future__ import annotations

import copy
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from helpers_sla import CALENDAR, POLICY, SLA, snapshot

from itsmctl.models import Incident
from itsmctl.sla import evaluate_ticket
from itsmctl.sla.agreements import applicable_slas

OLD: dict[str, Any] = {**copy.deepcopy(SLA), "id": "SLA-2026", "effective_to": "2026-12-31"}
NEW: dict[str, Any] = {**copy.deepcopy(SLA), "id": "SLA-2027", "effective_from": "2027-01-01"}
NEW["targets"]["P1"]["response"] = "15m"


def _ticket(opened: str) -> dict[str, Any]:
    return {
        "kind": "incident",
        "id": "INC-2701-00001",
        "title": "元旦值守",
        "service": "SVC-T",
        "priority": "P1",
        "status": "new",
        "events": [{"id": "E00000", "at": opened, "by": "wang.qiang", "type": "opened"}],
    }


@pytest.mark.parametrize("opened", ["2026-12-31T23:30:00Z", "2027-01-01T07:30:00+08:00"])
def test_the_same_instant_gets_the_same_sla(opened: str) -> None:
    snap = snapshot(POLICY, CALENDAR, OLD, NEW, _ticket(opened))
    ticket = snap.tickets[0]
    assert isinstance(ticket, Incident)
    clocks = {c.target: c for c in evaluate_ticket(ticket, snap, ticket.opened_at)}
    assert (clocks["response"].sla_id, clocks["response"].goal_seconds) == ("SLA-2027", 900)
    shanghai = {"CAL-CN-5X8": ZoneInfo("Asia/Shanghai")}
    assert [s.id for s in applicable_slas(ticket, snap.slas, shanghai)] == ["SLA-2027"]
