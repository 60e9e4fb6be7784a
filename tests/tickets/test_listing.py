"""``ticket list`` filters and formats, ``ticket show``, ``ticket new``'s priority, the docs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from itsmctl.cli import ticket as ticket_cli
from itsmctl.rules import SUMMARIES
from itsmctl.rules.lifecycle import LIFECYCLES, render_markdown
from tests.conftest import ROOT, Cli

OLD = "INC-2610-7KQ3P"


@pytest.fixture
def two(cli: Cli, store: Path) -> str:
    """The example's closed October incident and a new P1 November one, not yet responded to."""
    result = cli(
        "ticket",
        "new",
        "incident",
        "--title",
        "核心交换机宕机",
        "--service",
        "SVC-ONSITE",
        "--dim",
        "urgency=high",
        "--dim",
        "impact=all",
        "--assignee",
        "zhou.min",
        "--records",
        store,
        "--by",
        "zhou.min",
        "--at",
        "2026-11-02T09:00:00+08:00",
    )
    assert result.code == 0, result
    return result.stdout.strip()


def rows(cli: Cli, store: Path, *args: str) -> list[str]:
    result = cli("ticket", "list", "--records", store, "--format", "json", "--at", "2026-11-02T11:00:00+08:00", *args)
    assert result.code == 0, result
    return [r["id"] for r in json.loads(result.stdout)]


def test_filters(cli: Cli, store: Path, two: str) -> None:
    assert rows(cli, store) == [OLD, two]
    assert rows(cli, store, "--kind", "incident", "--kind", "problem") == [OLD, two]
    assert rows(cli, store, "--kind", "change") == []
    assert rows(cli, store, "--status", "assigned") == [two]
    assert rows(cli, store, "--priority", "P2") == [OLD]
    assert rows(cli, store, "--assignee", "wang.qiang") == [OLD]
    assert rows(cli, store, "--group", "onsite") == [OLD]
    assert rows(cli, store, "--service", "SVC-ONSITE") == [OLD, two]
    assert rows(cli, store, "--ci", "CI-SRV-01") == [OLD]
    assert rows(cli, store, "--opened-from", "2026-11-01T00:00+08:00") == [two]
    assert rows(cli, store, "--opened-to", "2026-11-01T00:00+08:00") == [OLD]
    assert rows(cli, store, "--closed-from", "2026-10-09T15:01+08:00", "--closed-to", "2026-10-10T00:00+08:00") == [OLD]
    assert rows(cli, store, "--closed-from", "2026-10-09T15:02+08:00") == []
    assert rows(cli, store, "--open") == [two]


def test_breached_comes_from_the_sla_clocks(cli: Cli, store: Path, two: str) -> None:
    # P1 response goal is 15 business minutes; two business hours later it is breached
    assert rows(cli, store, "--breached") == [two]
    result = cli(
        "ticket", "list", "--records", store, "--format", "json", "--breached", "--at", "2026-11-02T09:05:00+08:00"
    )
    assert json.loads(result.stdout) == []


def test_csv_and_text_formats(cli: Cli, store: Path) -> None:
    csv_out = cli("ticket", "list", "--records", store, "--format", "csv").stdout
    assert csv_out == (
        "id,kind,status,priority,title,assignee,group,service,opened,closed,breaches\n"
        f"{OLD},incident,closed,P2,财务系统数据库连接超时,wang.qiang,onsite,SVC-ONSITE,"
        "2026-10-09T09:12:00+08:00,2026-10-09T15:01:00+08:00,\n"
    )
    text = cli("ticket", "list", "--records", store).stdout  # not a terminal: plain text
    assert text == (
        "工单 id         类型 kind  状态 status  优先级  处理人 assignee  开单 opened       标题 title\n"
        f"{OLD}  incident   closed       P2      wang.qiang       2026-10-09 09:12  财务系统数据库连接超时\n"
    )
    bad = cli("ticket", "list", "--records", store, "--format", "xml")
    assert bad.code == 2 and "'xml' is not one of 'text', 'json', 'csv', 'table'" in bad.stderr


def test_show_prints_fields_and_event_log(cli: Cli, store: Path) -> None:
    result = cli("ticket", "show", OLD, "--records", store)
    assert result.code == 0, result
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"{OLD}  事件 incident  closed  P2", "财务系统数据库连接超时"]
    assert "事件记录 events (6):" in lines
    assert lines[-1] == "  2026-10-09T15:01:00+08:00  EC1B2C    wang.qiang   closed"
    assert "  2026-10-09T09:15:00+08:00  E8AB2C    zhou.min     assigned     to=wang.qiang group=onsite" in lines
    assert json.loads(cli("ticket", "show", OLD, "--records", store, "--format", "json").stdout)["id"] == OLD
    missing = cli("ticket", "show", "INC-2610-ZZZZZ", "--records", store)
    assert missing.code == 2 and "no ticket INC-2610-ZZZZZ" in missing.stderr


def test_new_explains_priority_and_needs_a_reason_to_differ(cli: Cli, store: Path) -> None:
    base = (
        "ticket",
        "new",
        "incident",
        "--title",
        "t",
        "--service",
        "SVC-ONSITE",
        "--records",
        store,
        "--by",
        "wang.qiang",
        "--at",
        "2026-11-02T09:00:00+08:00",
    )
    result = cli(*base, "--dim", "urgency=高", "--dim", "impact=one")
    assert result.code == 0, result
    assert "priority P2: matrix cell urgency=high / impact=one -> P2" in result.stderr
    result = cli(*base, "--dim", "urgency=high", "--dim", "impact=one", "--priority", "P1")
    assert result.code == 2
    assert (
        "--reason: the policy's matrix gives P2 (urgency=high / impact=one); to record P1 instead give the reason"
        in result.stderr
    )
    result = cli(*base, "--dim", "urgency=high", "--dim", "impact=one", "--priority", "P1", "--reason", "行长要求")
    assert result.code == 0, result
    assert "set by hand to P1: 行长要求" in result.stderr
    result = cli(*base, "--dim", "urgency=high")
    assert result.code == 2 and "--dim: missing impact" in result.stderr
    assert cli("validate", "--records", store).code == 0


def test_every_verb_has_help() -> None:
    import typer.main

    group = typer.main.get_command(ticket_cli.app)
    assert set(group.commands) >= {  # type: ignore[attr-defined]
        "new",
        "assign",
        "start",
        "pend",
        "resume",
        "respond",
        "note",
        "onsite",
        "part-arrived",
        "recovered",
        "resolve",
        "confirm",
        "close",
        "reopen",
        "link",
        "assess",
        "approve",
        "schedule",
        "implement",
        "trial",
        "review",
        "rollback",
        "plan",
        "known-error",
        "list",
        "show",
    }
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, name


def test_docs_show_the_tables_the_code_enforces() -> None:
    doc = (ROOT / "docs" / "lifecycles.md").read_text(encoding="utf-8")
    for lifecycle in LIFECYCLES:
        assert render_markdown(lifecycle, SUMMARIES) in doc, lifecycle.name


def test_table_format_is_a_rich_table(cli: Cli, store: Path) -> None:
    out = cli("ticket", "list", "--records", store, "--format", "table").stdout
    assert "┃" in out and OLD in out and "财务系统数据库连接超时" in out


def test_bad_input_gets_a_message_not_a_traceback(cli: Cli, store: Path) -> None:
    base = ("--records", store, "--at", "2026-11-02T09:00:00+08:00")
    cases = [
        (("ticket", "note", "INC-2610-ZZZZZ", "x", "--by", "wang.qiang", *base), 2, "no ticket INC-2610-ZZZZZ"),
        (("ticket", "note", "not-an-id", "x", "--by", "wang.qiang", *base), 2, "is not a ticket id"),
        (("ticket", "note", OLD, "x", "--by", "nobody", *base), 2, "--by: 'nobody' is not a person in the policy"),
        (("ticket", "assign", OLD, "--to", "wang.qiang", "--by", "zhou.min", *base), 1, "is closed: 'assign'"),
        (
            ("ticket", "new", "incident", "--title", "t", "--service", "SVC-X", "--by", "zhou.min", *base),
            2,
            "--service: 'SVC-X' is not a service",
        ),
        (
            ("ticket", "new", "bug", "--title", "t", "--service", "SVC-ONSITE", "--by", "zhou.min", *base),
            2,
            "unknown ticket kind 'bug'",
        ),
    ]
    for args, code, message in cases:
        result = cli(*args)
        assert result.code == code and message in result.stderr, result
        assert "Traceback" not in result.stderr
