"""``itsmctl ticket explain``: a person's reason for a breach, an event in the ticket's log."""

from __future__ import annotations

from pathlib import Path

from helpers_tickets import git, load_ticket

from tests.conftest import Cli

TICKET = "INC-2610-7KQ3P"


def test_explain_records_the_reason_of_a_breach_even_after_closing(cli: Cli, repo: Path) -> None:
    result = cli(
        "ticket", "explain", TICKET, "--target", "resolution", "--reason", "等待运营商修复专线",
        "--records", repo, "--at", "2026-10-12T10:00:00+08:00", "--by", "wang.qiang", "--commit",
    )  # fmt: skip
    assert result.code == 0, result
    last = load_ticket(repo, TICKET)["events"][-1]
    assert (last["type"], last["target"], last["reason"], last["by"]) == (
        "explained",
        "resolution",
        "等待运营商修复专线",
        "wang.qiang",
    )
    assert load_ticket(repo, TICKET)["status"] == "closed"
    assert git(repo, "log", "-1", "--format=%s").strip() == f"{TICKET}: explain by wang.qiang"
    assert cli("validate", "--records", repo).code == 0


def test_explain_names_the_targets_it_takes(cli: Cli, repo: Path) -> None:
    before = (repo / "tickets/2026/10/INC-2610-7KQ3P.yaml").read_bytes()
    result = cli(
        "ticket", "explain", TICKET, "--target", "resolve", "--reason", "x",
        "--records", repo, "--at", "2026-10-12T10:00:00+08:00", "--by", "wang.qiang",
    )  # fmt: skip
    assert result.code == 2, result
    assert "--target: unknown target 'resolve'; choose one of: response, onsite" in result.stderr
    assert (repo / "tickets/2026/10/INC-2610-7KQ3P.yaml").read_bytes() == before
