"""What people read in a terminal stays readable at 80 columns (the sample store)."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from rich.cells import cell_len

from tests.conftest import SAMPLE_RECORDS, Cli

ANSI = re.compile(r"\x1b\[[0-9;]*m")
NOW = {"ITSMCTL_NOW": "2026-11-20T15:00:00+08:00"}
TICKET_ROW = re.compile(r"^[A-Z]{3}-\d{4}-[0-9A-Z]{5} ")


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((80, 24)))


def lines(cli: Cli, *args: str) -> list[str]:
    result = cli(*args, "--records", SAMPLE_RECORDS, env=NOW)
    assert result.code == 0, result
    out = [ANSI.sub("", line).rstrip() for line in result.stdout.splitlines()]
    assert max(cell_len(line) for line in out) <= 80, "\n".join(line for line in out if cell_len(line) > 80)
    return out


def test_ticket_list_table(cli: Cli) -> None:
    out = lines(cli, "ticket", "list", "--format", "table")
    header = "\n".join(out[:3])
    for word in ("优先级", "assignee", "opened", "title"):
        assert word in header  # header words are never broken
    rows = [line for line in out if TICKET_ROW.match(line)]
    assert rows and all(re.search(r"\b2026-\d\d-\d\d\b", row) for row in rows)  # the day stays on the id's line


def test_sla_status_table(cli: Cli) -> None:
    out = lines(cli, "sla", "status", "--open-only", "--format", "table")
    header = "\n".join(out[:4])
    for word in ("优先级", "deadline", "remaining", "state"):
        assert word in header
    rows = [line for line in out if TICKET_ROW.match(line)]
    assert rows and all(re.search(r"(\d\d-\d\d \d\d:\d\d| - )", row) for row in rows)  # deadline on one line


def test_summary(cli: Cli) -> None:
    out = lines(cli, "summary")
    assert any(line.startswith("  incident   ") for line in out)


def test_calendar_show(cli: Cli) -> None:
    out = lines(cli, "calendar", "show", "2026-10")
    assert any(line.startswith("2026-10-10 周六  调休上班 make-up workday") for line in out)
    assert "休息日（由 2026-10-10 调休）" in "\n".join(out)  # the frozen 2026 names the make-up day
