"""Readings of the event log shared by ``ticket list`` and reports: hand-written logs, hand-read answers."""

from __future__ import annotations

from datetime import datetime

from itsmctl.models import TicketBase
from itsmctl.models.eventlog import closed_at, is_open, is_unresolved, resolved_at, status_at
from itsmctl.store.loader import load_record

HEAD = """kind: incident
id: INC-2611-AAAAA
title: t
service: SVC-ONSITE
dimensions: {{urgency: high, impact: one}}
priority: P2
status: {status}
events:
  - {{id: E000001, at: 2026-11-02T09:00:00+08:00, by: a.b, type: opened}}
  - {{id: E000002, at: 2026-11-02T10:00:00+08:00, by: a.b, type: resolved, resolution: r}}
  - {{id: E000003, at: 2026-11-02T11:00:00+08:00, by: a.b, type: confirmed, contact: c.d, method: phone}}
  - {{id: E000004, at: 2026-11-02T12:00:00+08:00, by: a.b, type: closed}}
"""
REOPENED = """  - {id: E000005, at: 2026-11-03T09:00:00+08:00, by: a.b, type: reopened, reason: x, to: in_progress}
"""
AGAIN = """  - {id: E000006, at: 2026-11-03T10:00:00+08:00, by: a.b, type: resolved, resolution: r2}
  - {id: E000007, at: 2026-11-03T11:00:00+08:00, by: a.b, type: confirmed, contact: c.d, method: phone}
  - {id: E000008, at: 2026-11-03T12:00:00+08:00, by: a.b, type: closed}
"""


def _ticket(status: str, tail: str = "") -> TicketBase:
    loaded = load_record("tickets/2026/11/INC-2611-AAAAA.yaml", "t.yaml", (HEAD.format(status=status) + tail).encode())
    assert not loaded.findings, loaded.findings
    assert isinstance(loaded.record, TicketBase)
    return loaded.record


def t(text: str) -> datetime:
    return datetime.fromisoformat(f"2026-11-{text}:00+08:00")


def test_closed_once() -> None:
    ticket = _ticket("closed")
    assert closed_at(ticket) == t("02T12:00")
    assert resolved_at(ticket) == t("02T10:00")
    assert closed_at(ticket, as_of=t("02T11:59")) is None
    assert status_at(ticket, t("02T10:30")) == "resolved"
    assert status_at(ticket, t("02T08:59")) is None
    assert is_open(ticket, t("02T10:30")) and not is_unresolved(ticket, t("02T10:30"))
    assert not is_open(ticket, t("02T12:00"))
    assert not is_open(ticket, t("02T08:00"))  # not opened yet


def test_reopened_is_open_and_unresolved() -> None:
    ticket = _ticket("in_progress", REOPENED)
    assert closed_at(ticket) is None
    assert resolved_at(ticket) is None
    assert is_unresolved(ticket, t("03T09:00"))
    assert closed_at(ticket, as_of=t("02T23:00")) == t("02T12:00")  # as it was the day before


def test_closed_again_counts_from_the_second_closing() -> None:
    ticket = _ticket("closed", REOPENED + AGAIN)
    assert closed_at(ticket) == t("03T12:00")
    assert resolved_at(ticket) == t("03T10:00")
