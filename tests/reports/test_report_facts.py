"""Reports read a ticket's log with the rules ``ticket list`` and the commands use.

When a ticket closed and whether it is open come from ``itsmctl.models.eventlog``; its
statuses are replayed with ``TicketBase.status_after``.  Each test shows a case where a
report-private reading used to disagree.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers_reports import AT, LEFT_OUT_EXIT, REPORT_STORE

from itsmctl.models import Incident, TicketBase
from itsmctl.reports.facts import facts

CHANGE = Path("tickets/2026/10/CHG-2610-A0006.yaml")
PROBLEM = Path("tickets/2026/10/PRB-2610-A0005.yaml")


@pytest.fixture
def report_store(tmp_path: Path) -> Path:
    target = tmp_path / "report_store"
    shutil.copytree(REPORT_STORE, target)
    return target


def _edit(store: Path, rel: Path, old: str, new: str) -> None:
    path = store / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _monthly(cli, store: Path, month: str, at: str = AT, lang: str = "en") -> str:
    result = cli("report", "monthly", "--month", month, "--lang", lang, "--records", store, "--at", at)
    assert result.code == LEFT_OUT_EXIT, result
    assert result.stderr.count("left out") == 1 and "INC-2610-A000B.yaml" in result.stderr  # the store's broken one
    return result.stdout


def _section(report: str, title: str) -> str:
    return report.split(title, 1)[1].split("\n## ", 1)[0]


def test_a_change_ends_when_it_closes_as_ticket_list_reads_it(cli, report_store: Path) -> None:
    """Opened in September, reviewed on 30 October, closed only on 2 November: finished in November."""
    _edit(report_store, CHANGE, "at: 2026-10-16T10:00:00+08:00", "at: 2026-09-16T10:00:00+08:00")
    _edit(report_store, CHANGE, "at: 2026-10-27T10:00:00+08:00", "at: 2026-10-30T10:00:00+08:00")
    closing = "  - {id: EA0006G, at: 2026-10-27T10:05:00+08:00, by: zhou.min, type: closed}\n"
    _edit(report_store, CHANGE, closing, "")
    _edit(report_store, CHANGE, "status: closed", "status: reviewed")
    listed = cli(
        "ticket", "list", "--kind", "change", "--closed-from", "2026-10-01T00:00:00+08:00",
        "--closed-to", "2026-11-01T00:00:00+08:00", "--format", "json", "--records", report_store, "--at", AT,
    )  # fmt: skip
    assert listed.code == LEFT_OUT_EXIT, listed
    assert "CHG-2610-A0006" not in {row["id"] for row in json.loads(listed.stdout)}
    october = _monthly(cli, report_store, "2026-10")
    assert "CHG-2610-A0006" not in _section(october, "## 5. Changes")  # neither opened nor closed in October
    assert "CHG-2610-A0006" not in _section(october, "CMDB")  # nor a CI it touched

    (report_store / CHANGE).write_text(
        (report_store / CHANGE).read_text(encoding="utf-8").replace("status: reviewed", "status: closed")
        + closing.replace("2026-10-27T10:05", "2026-11-02T10:05"),
        encoding="utf-8",
    )
    november = _monthly(cli, report_store, "2026-11", at="2026-12-01T00:00:00+08:00")
    assert re.search(r"\| CHG-2610-A0006 \|.*\| Closed \| Successful \| 2026-11-02 10:05 \|", november)


def test_open_at_month_end_is_read_at_month_end(cli, report_store: Path) -> None:
    """A problem resolved on 3 November was still open at the end of October, whenever the report is run."""
    _edit(report_store, PROBLEM, "status: known_error", "status: resolved")
    path = report_store / PROBLEM
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - {id: EA0005D, at: 2026-11-03T10:00:00+08:00, by: zhao.lei, type: resolved, resolution: 更换批次}\n",
        encoding="utf-8",
    )
    as_of_month_end = _monthly(cli, report_store, "2026-10", at="2026-11-01T00:00:00+08:00")
    assert "1 problem opened and 0 resolved this month; 1 open at month end (" in as_of_month_end
    later = _monthly(cli, report_store, "2026-10", at="2026-11-05T09:00:00+08:00")
    assert "1 problem opened and 0 resolved this month; 1 open at month end (" in later


def test_the_status_replay_is_the_models_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Change the one rule and the report facts follow it (they have no rule of their own)."""
    ticket = Incident.model_validate(
        {
            "id": "INC-2610-T0001",
            "kind": "incident",
            "title": "t",
            "service": "SVC-X",
            "priority": "P3",
            "status": "in_progress",
            "events": [
                {"id": "ET00001", "at": "2026-10-01T09:00:00+08:00", "by": "a", "type": "opened"},
                {"id": "ET00002", "at": "2026-10-01T10:00:00+08:00", "by": "a", "type": "note", "note": "等厂商"},
                {"id": "ET00003", "at": "2026-10-02T10:00:00+08:00", "by": "a", "type": "note", "note": "厂商回复"},
            ],
        }
    )
    assert facts(ticket).vendor_since is None
    original = TicketBase.status_after.__func__  # type: ignore[attr-defined]

    def vendor_on_notes(cls: type[TicketBase], status: str | None, event: object) -> str | None:
        return "pending_vendor" if getattr(event, "type", "") == "note" else original(cls, status, event)

    monkeypatch.setattr(TicketBase, "status_after", classmethod(vendor_on_notes))
    got = facts(ticket)
    assert got.vendor_since is not None and got.vendor_since.day == 1
    assert [moment.day for moment in got.vendor_updates] == [2]
