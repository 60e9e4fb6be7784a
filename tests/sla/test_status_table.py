"""``sla status`` as a table fits the width the CLI passes in: ids and states stay whole."""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from rich.cells import cell_len

from itsmctl.reporters.sla import STATUS_REPORTERS
from itsmctl.sla import ClockStatus
from tests.conftest import Cli

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def lines_of(text: str) -> list[str]:
    return [ANSI.sub("", line) for line in text.splitlines()]


def clock(ticket_id: str, target: str, state: str) -> ClockStatus:
    t = datetime.fromisoformat("2026-11-16T09:00:00+08:00")
    return ClockStatus(ticket_id, "incident", target, state, "P1", "SLA-T", t, t, None,
                       1800, 2700, -900, 150.0, "business")  # fmt: skip


ROWS = [
    clock("INC-2611-00001", "escalate_to_manager", "breached"),
    clock("INC-2611-00002", "spare_part", "missed"),
    clock("REQ-2611-00003", "resolution", "warning"),
]


@pytest.mark.parametrize("width", [70, 80, 100, 140])
def test_table_fits_and_keeps_ids_and_states_whole(width: int) -> None:
    out = lines_of(STATUS_REPORTERS["table"](ROWS, width=width))
    assert max(cell_len(line) for line in out) <= width, out
    assert "…" not in "\n".join(out)
    for row, label in zip(ROWS, ("超时 breached", "未达成 missed", "预警 warning"), strict=True):
        line = next(line for line in out if row.ticket_id in line)
        assert label in line


def test_text_and_json_ignore_the_width() -> None:
    assert STATUS_REPORTERS["text"](ROWS, width=40) == STATUS_REPORTERS["text"](ROWS)
    assert STATUS_REPORTERS["json"](ROWS, width=40) == STATUS_REPORTERS["json"](ROWS)


def test_sla_status_passes_the_terminal_width(cli: Cli, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((80, 24)))
    result = cli("sla", "status", "--records", store, "--format", "table", "--at", "2026-11-21T10:00:00+08:00")
    out = lines_of(result.stdout)
    assert any(re.search(r"\b[A-Z]{3}-\d{4}-[0-9A-Z]{5}\b", line) for line in out), result
    assert max(cell_len(line) for line in out) <= 80, out


def test_github_annotates_the_clocks_that_need_someone() -> None:
    assert STATUS_REPORTERS["github"](ROWS) == (
        "::error title=itsmctl sla SLA-T::INC-2611-00001 escalate_to_manager breached "
        "(150%25, deadline 2026-11-16T09:00:00+08:00)\n"
        "::error title=itsmctl sla SLA-T::INC-2611-00002 spare_part missed "
        "(150%25, deadline 2026-11-16T09:00:00+08:00)\n"
        "::warning title=itsmctl sla SLA-T::REQ-2611-00003 resolution warning "
        "(150%25, deadline 2026-11-16T09:00:00+08:00)\n"
    )
