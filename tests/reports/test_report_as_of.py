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


def _day(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}T00:00:00+08:00")


def _actions(snapshot: object, audit_id: str = "AUD-2026-H2") -> list[tuple[str, object, object]]:
    audit = snapshot.get(audit_id)  # type: ignore[attr-defined]
    return [(a.status, a.done_on, a.verified_on) for nc in audit.nonconformities for a in nc.corrective_actions]


def test_quality_records_are_cut_by_their_days() -> None:
    """AUD-2026-H2's first action was done on 20 and verified on 26 October; nc3's done on 28
    October, verified on 9 November.  A fact dated D counts once day D has begun."""
    _, snapshot = open_store(SAMPLE_RECORDS)
    zone = CUT.tzinfo
    at_report = _actions(snapshot_as_of(snapshot, _day("2026-10-17"), zone))
    assert at_report[0] == ("open", None, None) and at_report[-1] == ("open", None, None)
    done = _actions(snapshot_as_of(snapshot, _day("2026-10-21"), zone))
    assert done[0][0] == "done" and str(done[0][1]) == "2026-10-20" and done[0][2] is None
    october = snapshot_as_of(snapshot, _day("2026-11-01"), zone)
    assert _actions(october)[0][0] == "verified" and _actions(october)[-1][0] == "done"
    assert _actions(snapshot_as_of(snapshot, _day("2026-11-09"), zone))[-1][0] == "done"  # 9 Nov has not begun
    assert _actions(snapshot_as_of(snapshot, datetime.fromisoformat("2026-11-09T08:00:00+08:00"), zone))[-1][0] == (
        "verified"
    )
    # the review was held on 13 November; the suppliers were evaluated on 9 October
    assert october.get("MR-2026") is None and snapshot.get("MR-2026") is not None
    assert snapshot_as_of(snapshot, _day("2026-10-09"), zone).get("SE-2026Q3-BOYUAN") is None
    assert snapshot_as_of(snapshot, _day("2026-10-10"), zone).get("SE-2026Q3-BOYUAN") is not None
    reported = snapshot_as_of(snapshot, _day("2026-10-16"), zone).get("AUD-2026-H2")
    assert reported is not None and reported.reported_on is None and reported.conclusion is None  # type: ignore[attr-defined]


def test_the_audit_report_shows_no_verification_after_its_moment(cli: Cli) -> None:
    as_reported = cli("report", "audit", "AUD-2026-H2", "--records", SAMPLE_RECORDS, "--lang", "en")
    assert as_reported.code == 0 and "2026-10-17 00:00" in as_reported.stdout, as_reported
    assert "2026-10-26" not in as_reported.stdout and "2026-10-20" not in as_reported.stdout
    later = cli("report", "audit", "AUD-2026-H2", "--records", SAMPLE_RECORDS, "--lang", "en",
                "--at", "2026-11-20T15:00:00+08:00")  # fmt: skip
    assert "2026-10-26" in later.stdout and "2026-10-20" in later.stdout
