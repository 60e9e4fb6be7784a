"""A calendar with (almost) no working time: validate reports it, and a clock command reports
every other ticket, naming the one whose clocks cannot be computed (never exit 2 for the store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli

AT = "2026-11-02T09:00:00+08:00"
GOOD = "INC-2610-7KQ3P"
STUCK = "INC-2610-STCK9"
ONE_MINUTE_EVER = """kind: calendar
id: CAL-ONCE
name: 一分钟
timezone: Asia/Shanghai
week: {}
overrides:
  - {date: 2026-10-05, type: workday, name: once, hours: ["09:00-09:01"]}
"""
ONE_MINUTE_A_WEEK = ONE_MINUTE_EVER.replace("week: {}", 'week: {mon: ["09:00-09:01"]}')


def add_stuck_ticket(store: Path, calendar: str) -> Path:
    """A second calendar and SLA, and a ticket pinned to that SLA (the first ticket keeps CAL-CN)."""
    (store / "calendars" / "CAL-ONCE.yaml").write_text(calendar, encoding="utf-8")
    sla = (store / "slas" / "SLA-MAIN.yaml").read_text(encoding="utf-8")
    sla = sla.replace("id: SLA-MAIN", "id: SLA-ONCE").replace("calendar: CAL-CN", "calendar: CAL-ONCE")
    (store / "slas" / "SLA-ONCE.yaml").write_text(sla, encoding="utf-8")
    month = store / "tickets" / "2026" / "10"
    text = (month / f"{GOOD}.yaml").read_text(encoding="utf-8")
    path = month / f"{STUCK}.yaml"
    path.write_text(text.replace(GOOD, STUCK).replace("sla: SLA-MAIN", "sla: SLA-ONCE"), encoding="utf-8")
    return path


@pytest.mark.parametrize("calendar", [ONE_MINUTE_EVER, ONE_MINUTE_A_WEEK], ids=["once-ever", "once-a-week"])
def test_validate_reports_a_calendar_without_a_working_week(cli: Cli, store: Path, calendar: str) -> None:
    add_stuck_ticket(store, calendar)
    result = cli("validate", "--records", store, "--format", "json")
    found = [f for f in json.loads(result.stdout) if f["file"].endswith("calendars/CAL-ONCE.yaml")]
    assert result.code == 1, result
    assert [f["field"] for f in found] == ["week"], found
    assert "working minute(s) a week" in found[0]["message"]


def test_sla_status_reports_the_other_tickets_and_names_the_stuck_one(cli: Cli, store: Path) -> None:
    stuck = add_stuck_ticket(store, ONE_MINUTE_EVER)
    result = cli("sla", "status", "--records", store, "--at", AT, "--format", "json")
    assert result.code == 1, result
    assert {row["id"] for row in json.loads(result.stdout)} == {GOOD}
    assert stuck.name in result.stderr
    assert "clocks cannot be computed" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("report", "monthly", "--month", "2026-10"),
        ("ticket", "list"),
        ("escalate", "--dry-run"),
    ],
)
def test_clock_commands_go_on_past_a_stuck_ticket(cli: Cli, store: Path, command: tuple[str, ...]) -> None:
    add_stuck_ticket(store, ONE_MINUTE_EVER)
    result = cli(*command, "--records", store, "--at", AT)
    assert result.code in (0, 1), result
    assert "Traceback" not in result.stderr
    if result.code == 1:  # a clock was asked for the stuck ticket: it is named, not the store refused
        assert STUCK in result.stderr and "clocks cannot be computed" in result.stderr, result


def test_report_names_the_stuck_ticket(cli: Cli, store: Path) -> None:
    add_stuck_ticket(store, ONE_MINUTE_EVER)
    result = cli("report", "monthly", "--month", "2026-10", "--records", store, "--at", AT)
    assert result.code == 1 and result.stdout, result
    assert STUCK in result.stderr
