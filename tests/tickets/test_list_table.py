"""Tables fit the terminal width the CLI passes in; ids are never cut or wrapped."""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from rich.cells import cell_len

from itsmctl.reporters.table_fit import fit_widths
from itsmctl.reporters.tickets import list_table
from itsmctl.tickets.listing import TicketRow
from tests.conftest import Cli

ANSI = re.compile(r"\x1b\[[0-9;]*m")
IDS = ("PRB-2609-1NQB1", "REQ-2611-8CM65", "CMP-2611-2HX7D")


def lines_of(text: str) -> list[str]:
    return [ANSI.sub("", line) for line in text.splitlines()]


def rows() -> list[TicketRow]:
    opened = datetime.fromisoformat("2026-11-02T09:00:00+08:00")
    title = "营业部存折打印机频繁卡纸，已多次更换色带仍未解决"
    return [
        TicketRow(IDS[0], "problem", "known_error", "P3", title, "sun.wei", None, "SVC-ONSITE", opened, None),
        TicketRow(IDS[1], "request", "pending_customer", "P4", "申请数据库只读账号", "wang.qiang", None, "SVC-REQ",
                  opened, None, ("response", "resolution")),
        TicketRow(IDS[2], "complaint", "investigating", "P3", "工程师迟到", None, None, "SVC-ONSITE", opened, None),
    ]  # fmt: skip


def test_fit_widths_caps_the_long_columns_and_keeps_whole_ones() -> None:
    # room 25, id column (10) whole: 15 left; floors 5 and 8 fit, common cap 10
    assert fit_widths([10, 5, 30], (0,), 25, [10, 5, 8]) == [10, 5, 10]
    # room 20: 10 left, floors 5 + 8 do not fit, the longest floor gives way to 5
    assert fit_widths([10, 5, 30], (0,), 20, [10, 5, 8]) == [10, 5, 5]
    # everything fits: natural widths
    assert fit_widths([10, 5, 30], (0,), 100, [10, 5, 8]) == [10, 5, 30]


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_list_table_fits_the_width_and_ids_stay_whole(width: int) -> None:
    out = lines_of(list_table(rows(), width=width))
    assert max(cell_len(line) for line in out) <= width
    assert "…" not in "\n".join(out)
    for ticket_id in IDS:
        assert sum(ticket_id in line for line in out) == 1, (ticket_id, out)


def test_wide_terminal_keeps_the_bordered_table_on_one_line_per_ticket() -> None:
    out = lines_of(list_table(rows(), width=200))
    assert out[0].startswith("┏") and len([line for line in out if line.startswith("│")]) == 3


def test_ticket_list_passes_the_terminal_width(cli: Cli, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((80, 24)))
    result = cli("ticket", "list", "--records", store, "--format", "table")
    assert result.code == 0, result
    out = lines_of(result.stdout)
    assert max(cell_len(line) for line in out) <= 80
    assert any("INC-2610-7KQ3P" in line for line in out)
