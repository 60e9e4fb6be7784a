"""``ticket new`` and ``ticket show`` read only the files they need, and ``new`` writes no guessed SLA."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import helpers_tickets as yh
import pytest

from itsmctl.store import loader, snapshot
from itsmctl.tickets import edit
from tests.conftest import Cli

AT = "2026-11-02T09:00:00+08:00"
NEW = (
    "ticket",
    "new",
    "incident",
    "--title",
    "打印机卡纸",
    "--service",
    "SVC-ONSITE",
    "--dim",
    "urgency=high",
    "--dim",
    "impact=one",
    "--by",
    "wang.qiang",
    "--at",
    AT,
)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Store-relative paths of every record file loaded."""
    seen: list[str] = []

    def counting(path: str, *args: Any, **kwargs: Any) -> loader.LoadedFile:
        seen.append(path)
        return loader.load_record(path, *args, **kwargs)

    def counting_from(path: str, *args: Any, **kwargs: Any) -> loader.LoadedFile:
        seen.append(path)
        return loader.record_from(path, *args, **kwargs)

    monkeypatch.setattr(snapshot, "record_from", counting_from)
    monkeypatch.setattr(edit, "load_record", counting)
    return seen


def test_new_reads_no_ticket(cli: Cli, store: Path, reads: list[str]) -> None:
    result = cli(*NEW, "--ci", "CI-SRV-01", "--records", store)
    assert result.code == 0, result
    assert [p for p in reads if p.startswith("tickets/")] == []
    assert "cmdb/CI-SRV-01.yaml" in reads and "policy.yaml" in reads


def test_show_reads_one_ticket(cli: Cli, store: Path, reads: list[str]) -> None:
    result = cli("ticket", "show", "INC-2610-7KQ3P", "--records", store)
    assert result.code == 0, result
    assert sorted(reads) == ["policy.yaml", "tickets/2026/10/INC-2610-7KQ3P.yaml"]


def test_unknown_references_are_still_refused(cli: Cli, store: Path) -> None:
    for extra, message in (
        (("--ci", "CI-NOPE"), "--ci: 'CI-NOPE' is not a configuration item in the store"),
        (("--ci", "../policy"), "--ci: '../policy' is not a configuration item in the store"),
        (("--sla", "SLA-NOPE"), "--sla: 'SLA-NOPE' is not an SLA in the store; known: SLA-MAIN"),
    ):
        result = cli(*NEW, *extra, "--records", store)
        assert result.code == 2, result
        assert message in result.stderr
    result = cli(*[("SVC-NOPE" if a == "SVC-ONSITE" else a) for a in NEW], "--records", store)
    assert result.code == 2, result
    assert "--service: 'SVC-NOPE' is not a service in the store; known: SVC-ONSITE" in result.stderr


def test_new_does_not_pin_an_sla_unless_asked(cli: Cli, store: Path) -> None:
    plain = cli(*NEW, "--records", store)
    assert plain.code == 0, plain
    assert "sla" not in yh.load_ticket(store, plain.stdout.strip())
    pinned = cli(*NEW, "--sla", "SLA-MAIN", "--records", store)
    assert pinned.code == 0, pinned
    assert yh.load_ticket(store, pinned.stdout.strip())["sla"] == "SLA-MAIN"


def test_new_with_assignee_writes_no_redundant_status_event(cli: Cli, store: Path) -> None:
    result = cli(*NEW, "--assignee", "wang.qiang", "--group", "onsite", "--records", store)
    assert result.code == 0, result
    ticket = yh.load_ticket(store, result.stdout.strip())
    assert [e["type"] for e in ticket["events"]] == ["opened", "assigned"]
    assert ticket["status"] == "assigned"
    assert cli("validate", "--records", store, "--at", AT).code == 0
