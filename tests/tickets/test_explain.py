"""``itsmctl ticket explain``: a person's reason for a breach, an event in the ticket's log."""

from __future__ import annotations

from pathlib import Path

from helpers_tickets import git, load_ticket

from tests.conftest import Cli

TICKET = "INC-2610-7KQ3P"
"""The example store's ticket: its response and resolution were met."""


def _late_ticket(cli: Cli, repo: Path) -> str:
    """A P4 incident opened Monday 2 November 09:00, never answered: its response breaches that day."""
    opened = cli(
        "ticket", "new", "incident", "--title", "机房断电", "--service", "SVC-ONSITE", "--dim", "urgency=low",
        "--dim", "impact=one", "--records", repo, "--by", "wang.qiang", "--at", "2026-11-02T09:00:00+08:00",
        "--no-commit",
    )  # fmt: skip
    assert opened.code == 0, opened
    return opened.stdout.strip()


def _explain(cli: Cli, repo: Path, tid: str, target: str, *more: str) -> object:
    return cli(
        "ticket", "explain", tid, "--target", target, "--reason", "等待运营商修复专线",
        "--records", repo, "--at", "2026-11-05T10:00:00+08:00", *more,
    )  # fmt: skip


def test_explain_records_the_reason_of_a_breach(cli: Cli, repo: Path) -> None:
    tid = _late_ticket(cli, repo)
    result = _explain(cli, repo, tid, "响应", "--by", "wang.qiang", "--commit")  # the Chinese name of response
    assert result.code == 0, result  # type: ignore[attr-defined]
    last = load_ticket(repo, tid)["events"][-1]
    assert (last["type"], last["target"], last["reason"], last["by"]) == (
        "explained",
        "response",
        "等待运营商修复专线",
        "wang.qiang",
    )
    assert git(repo, "log", "-1", "--format=%s").strip() == f"{tid}: explain by wang.qiang"
    assert cli("validate", "--records", repo, "--at", "2026-11-05T10:00:00+08:00").code == 0


def test_explaining_a_clock_that_never_breached_is_refused(cli: Cli, repo: Path) -> None:
    before = (repo / "tickets/2026/10/INC-2610-7KQ3P.yaml").read_bytes()
    result = cli(
        "ticket", "explain", TICKET, "--target", "resolution", "--reason", "x",
        "--records", repo, "--at", "2026-10-12T10:00:00+08:00", "--by", "wang.qiang",
    )  # fmt: skip
    assert result.code == 2, result
    assert "--target: the resolution clock of INC-2610-7KQ3P has not breached" in result.stderr
    assert "breached: none" in result.stderr
    assert (repo / "tickets/2026/10/INC-2610-7KQ3P.yaml").read_bytes() == before


def test_explain_names_the_targets_it_takes(cli: Cli, repo: Path) -> None:
    before = (repo / "tickets/2026/10/INC-2610-7KQ3P.yaml").read_bytes()
    result = cli(
        "ticket", "explain", TICKET, "--target", "resolve", "--reason", "x",
        "--records", repo, "--at", "2026-10-12T10:00:00+08:00", "--by", "wang.qiang",
    )  # fmt: skip
    assert result.code == 2, result
    assert "--target: unknown target 'resolve'; choose one of: response (响应), onsite (到场)" in result.stderr
    for measured in ("remote_guidance", "execution_confirmed", "redispatch", "repair_progress", "repair_return"):
        assert measured in result.stderr
    assert (repo / "tickets/2026/10/INC-2610-7KQ3P.yaml").read_bytes() == before


def test_every_measured_target_can_be_explained() -> None:
    from typing import get_args

    from itsmctl.models.events import ClockTarget
    from itsmctl.reports.slafigures import TARGET_ORDER
    from itsmctl.sla.evaluate import LATE_TARGETS, TARGETS

    assert set(TARGETS) | set(LATE_TARGETS) | set(TARGET_ORDER) <= set(get_args(ClockTarget))


def test_the_automation_account_cannot_explain_a_breach(cli: Cli, repo: Path) -> None:
    policy = repo / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    robot = "  - {id: itsmctl, name: 自动升级, org: 恒运信息, roles: [service_desk]}\n"  # as escalate suggests
    policy.write_text(text.replace("people:\n", "people:\n" + robot, 1), encoding="utf-8")
    tid = _late_ticket(cli, repo)
    result = _explain(cli, repo, tid, "response", "--by", "itsmctl")
    assert result.code == 1, result  # type: ignore[attr-defined]
    assert "[explanation-author]" in result.stderr  # type: ignore[attr-defined]
    assert "itsmctl is the escalation ladder's account" in result.stderr  # type: ignore[attr-defined]
    assert all(e["type"] != "explained" for e in load_ticket(repo, tid)["events"])
