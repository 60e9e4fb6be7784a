"""``reopen_window`` in business days counts working days on the ticket's calendar, never calendar days."""

from __future__ import annotations

from pathlib import Path

import helpers_tickets as yh

from tests.conftest import Cli

TICKET = "INC-2610-7KQ3P"  # closed Friday 2026-10-09 15:01 +08; SLA-MAIN's calendar is CAL-CN


def _window(store: Path, span: str) -> None:
    policy = store / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8") + f"reopen_window: {span}\n", encoding="utf-8")


def _reopen(cli: Cli, store: Path, when: str) -> tuple[int, str]:
    result = cli(
        "ticket", "reopen", TICKET, "--reason", "又坏了", "--records", store, "--by", "wang.qiang", "--at", when
    )
    return result.code, result.stderr


def test_two_business_days_end_at_midnight_after_the_second_working_day(cli: Cli, store: Path) -> None:
    # working days after Fri 10-09: Sat 10-10 (调休上班, a make-up day), then Mon 10-12 -> ends Tue 10-13 00:00
    _window(store, "2bd")
    code, err = _reopen(cli, store, "2026-10-13T00:00:00+08:00")
    assert code == 1 and "reopened more than the reopen window (2bd) after it was closed" in err
    code, err = _reopen(cli, store, "2026-10-12T23:59:00+08:00")
    assert code == 0, err
    assert yh.load_ticket(store, TICKET)["status"] == "in_progress"


def test_business_days_without_a_known_calendar_are_refused_clearly(cli: Cli, store: Path) -> None:
    _window(store, "2bd")
    path = store / yh.ticket_path(TICKET)
    path.write_text(path.read_text(encoding="utf-8").replace("sla: SLA-MAIN\n", ""), encoding="utf-8")
    second = store / "calendars" / "CAL-B.yaml"
    text = (store / "calendars" / "CAL-CN.yaml").read_text(encoding="utf-8")
    second.write_text(text.replace("id: CAL-CN", "id: CAL-B"), encoding="utf-8")
    code, err = _reopen(cli, store, "2026-10-12T10:00:00+08:00")
    assert code == 1
    assert (
        "the reopen window is 2bd (business days) but no business calendar with working days "
        "is known for INC-2610-7KQ3P" in err
    )
    second.unlink()  # one calendar in the store: that one counts
    code, err = _reopen(cli, store, "2026-10-12T10:00:00+08:00")
    assert code == 0, err
