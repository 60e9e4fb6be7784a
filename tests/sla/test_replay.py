"""How the engine replays a ticket's log: the one status rule, a past ``now``, no cache.

Calendar Mon–Fri 09:00-12:00 + 13:30-18:00 Beijing; 2026-11-16 is a Monday.
SLA (helpers_sla.SLA): P2 response 1h / resolution 8h; callback 24h clock.
"""

from __future__ import annotations

import copy
from typing import Any

from helpers_sla import SLA, incident, store_with, t

from itsmctl.models import MODEL_BY_KIND, Incident
from itsmctl.models.eventlog import is_open
from itsmctl.sla import ClockStatus, evaluate_store, evaluate_ticket
from itsmctl.sla.stopwatch import status_timeline
from itsmctl.store.loader import LoadedFile
from itsmctl.store.snapshot import Snapshot

ASSIGNED = [
    ("2026-11-16T09:00", "opened", {}),
    ("2026-11-16T10:00", "assigned", {"to": "wang.qiang"}),
    ("2026-11-16T11:00", "status", {"to": "in_progress"}),
]
CLOSED = [
    ("2026-11-16T09:00", "opened", {}),
    ("2026-11-16T09:10", "responded", {}),
    ("2026-11-16T10:00", "resolved", {"resolution": "更换硒鼓"}),
    ("2026-11-16T10:30", "confirmed", {"contact": "li.na", "method": "phone"}),
    ("2026-11-16T11:00", "closed", {}),
]


def _ticket(snap: Snapshot) -> Incident:
    record = next(r for r in snap.tickets if r.id == "INC-2611-00001")
    assert isinstance(record, Incident)
    return record


def _clocks(snap: Snapshot, now: str) -> dict[str, ClockStatus]:
    return {c.target: c for c in evaluate_ticket(_ticket(snap), snap, t(now))}


def test_the_first_assignment_moves_a_new_ticket_to_assigned() -> None:
    ticket = _ticket(store_with(incident("P2", ASSIGNED, status="in_progress")))
    assert status_timeline(ticket, ticket.events) == [
        (t("2026-11-16T09:00"), "new"),
        (t("2026-11-16T10:00"), "assigned"),
        (t("2026-11-16T11:00"), "in_progress"),
    ]


def test_a_pause_on_assigned_counts_from_the_first_assignment() -> None:
    sla: dict[str, Any] = copy.deepcopy(SLA)
    sla["pause_states"] = ["assigned"]
    snap = store_with(incident("P2", ASSIGNED, status="in_progress"), sla=sla)
    c = _clocks(snap, "2026-11-16T12:00")["resolution"]
    # 09:00-10:00 runs, 10:00-11:00 paused (assigned), 11:00-12:00 runs: 2h of P2's 8h
    assert (c.elapsed_seconds, c.remaining_seconds) == (7200, 21600)


def test_open_only_at_a_past_moment_keeps_tickets_open_then() -> None:
    snap = store_with(incident("P2", CLOSED, status="closed"))
    rows = evaluate_store(snap, t("2026-11-16T09:30"), open_only=True)
    assert {(c.target, c.state) for c in rows} >= {("response", "met"), ("resolution", "ok")}
    assert evaluate_store(snap, t("2026-11-16T11:30"), open_only=True) == []
    ticket = _ticket(snap)
    assert [is_open(ticket, t(x)) for x in ("2026-11-16T08:59", "2026-11-16T10:45", "2026-11-16T11:00")] == [
        False,
        True,
        False,
    ]


def test_events_after_now_are_not_replayed() -> None:
    snap = store_with(incident("P2", CLOSED, status="closed"))
    c = _clocks(snap, "2026-11-16T09:30")["resolution"]
    # resolved at 10:00 is still in the future: running, 09:00-09:30 of 8h
    assert (c.state, c.elapsed_seconds, c.stopped_at) == ("ok", 1800, None)
    assert "callback" not in _clocks(snap, "2026-11-16T09:30")
    c = _clocks(snap, "2026-11-16T10:15")["resolution"]
    assert (c.state, c.elapsed_seconds, c.stopped_at) == ("met", 3600, t("2026-11-16T10:00"))


def test_no_context_survives_between_calls() -> None:
    # The same snapshot object gains a callback survey: the next evaluation must see it.
    snap = store_with(incident("P2", CLOSED[:3], status="resolved"))
    c = _clocks(snap, "2026-11-16T17:00")["callback"]
    assert c.state == "ok"
    survey = {
        "kind": "survey",
        "id": "SUR-2611-00001",
        "survey_type": "callback",
        "ticket": "INC-2611-00001",
        "at": "2026-11-16T16:00:00+08:00",
        "by": "wang.qiang",
        "score": 5,
    }
    snap.add(
        LoadedFile(
            path="s.yaml",
            display="s.yaml",
            record=MODEL_BY_KIND["survey"].model_validate(survey),
            kind="survey",
            id=survey["id"],
        )
    )
    c = _clocks(snap, "2026-11-16T17:00")["callback"]
    # 10:00 -> 16:00 on the clock = 6 h of 24 h
    assert (c.state, c.elapsed_seconds, c.stopped_at) == ("met", 6 * 3600, t("2026-11-16T16:00"))
