"""A mistyped --at far in the future is refused at the CLI edge; validate warns about future events."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from itsmctl import clock
from itsmctl.errors import UsageError
from tests.conftest import Cli

REAL = datetime.fromisoformat("2026-11-20T15:00:00+08:00")
TICKET = "INC-2610-7KQ3P"


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The computer's clock reads REAL, whatever day the suite runs."""
    monkeypatch.setattr(clock, "real_now", lambda: REAL)


def test_command_now_tolerates_ten_minutes_and_refuses_more() -> None:
    assert clock.command_now("2026-11-20T15:10:00+08:00", None, real=REAL) == REAL + timedelta(minutes=10)
    with pytest.raises(UsageError, match="in the future"):
        clock.command_now("2026-11-20T15:10:01+08:00", None, real=REAL)
    assert clock.command_now(None, None, real=REAL) == REAL


def test_a_mistyped_year_is_refused_and_nothing_is_written(cli: Cli, store: Path, frozen: None) -> None:
    ticket = next((store / "tickets").rglob(f"{TICKET}.yaml"))
    before = ticket.read_bytes()
    result = cli(
        "ticket", "note", TICKET, "x", "--records", store, "--by", "wang.qiang", "--at", "2036-11-20T16:00+08:00"
    )
    assert result.code == 2, result
    assert (
        "--at 2036-11-20T16:00:00+08:00 is in the future (this computer's clock says 2026-11-20T15:00:00+08:00)"
        in result.stderr
    )
    assert ticket.read_bytes() == before
    result = cli(
        "ticket",
        "new",
        "incident",
        "--title",
        "t",
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
        "2027-11-20T16:00+08:00",
    )
    assert result.code == 2, result
    assert "is in the future" in result.stderr


def test_validate_warns_about_events_after_the_check_time(cli: Cli, store: Path) -> None:
    result = cli("validate", "--records", store, "--at", "2026-10-09T09:10:00+08:00", "--format", "json")
    warnings = [f for f in json.loads(result.stdout) if f["code"] == "future"]
    assert warnings, result
    assert all(f["severity"] == "warning" for f in warnings)
    assert result.code == 0, result  # a warning does not fail validation
    later = cli("validate", "--records", store, "--at", "2026-11-20T15:00:00+08:00", "--format", "json")
    assert [f for f in json.loads(later.stdout) if f["code"] == "future"] == []
