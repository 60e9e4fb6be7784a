"""A report is 'as of' its moment: nothing recorded after it leaks in."""

from __future__ import annotations

from datetime import datetime

from itsmctl.reports.as_of import snapshot_as_of, ticket_as_of
from itsmctl.store import open_store
from tests.conftest import SAMPLE_RECORDS, Cli

CUT = datetime.fromisoformat("2026-11-01T00:00:00+08:00")


def row(text: str, ticket_id: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"| {ticket_id} |"))


def test_october_report_shows_tickets_as_they_were_on_1_november(cli: Cli) -> None:
    result = cli("report", "monthly", "--records", SAMPLE_RECORDS, "--month", "2026-10", "--at", CUT.isoformat())
    assert result.code == 0, result
    # closed on 9 and 17 November: at the cut-off one was in its trial run, the other a known error
    assert "| 试运行 |" in row(result.stdout, "CHG-2610-Z5JSS")
    assert "已关闭" not in row(result.stdout, "CHG-2610-Z5JSS")
    assert "| 已知错误 |" in row(result.stdout, "PRB-2610-KWM23")


def test_tickets_opened_later_are_absent_and_logs_are_cut() -> None:
    _, snapshot = open_store(SAMPLE_RECORDS)
    view = snapshot_as_of(snapshot, CUT)
    assert all(t.opened_at <= CUT for t in view.tickets)
    assert len(view.tickets) < len(snapshot.tickets)
    assert all(e.at <= CUT for t in view.tickets for e in t.events)
    change = view.get("CHG-2610-Z5JSS")
    assert change is not None and change.status == "trial_run"  # type: ignore[attr-defined]


def test_a_ticket_unchanged_by_the_cut_is_the_same_object() -> None:
    _, snapshot = open_store(SAMPLE_RECORDS)
    ticket = snapshot.tickets[0]
    later = max(e.at for e in ticket.events)
    assert ticket_as_of(ticket, later, None) is ticket
    assert ticket_as_of(ticket, ticket.opened_at.replace(year=2000), None) is None
