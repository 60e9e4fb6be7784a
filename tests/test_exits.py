"""One exit-status rule (``itsmctl.exits``), and commands that apply it."""

from __future__ import annotations

from pathlib import Path

from itsmctl.exits import CommandResult, ExitStatus, exit_status
from itsmctl.findings import Finding
from tests.conftest import Cli

ERROR = Finding("a.yaml", 1, 1, "", "schema", "bad")
WARNING = Finding("a.yaml", 2, 1, "", "future", "later", severity="warning")


def test_the_rule() -> None:
    assert exit_status(CommandResult()) is ExitStatus.CLEAN
    assert exit_status(CommandResult(findings=[WARNING])) is ExitStatus.CLEAN
    assert exit_status(CommandResult(findings=[WARNING]), strict=True) is ExitStatus.FINDINGS
    assert exit_status(CommandResult(findings=[ERROR])) is ExitStatus.FINDINGS
    assert exit_status(CommandResult(left_out=[ERROR])) is ExitStatus.FINDINGS
    assert exit_status(CommandResult(failed=True)) is ExitStatus.FINDINGS


def test_validate_strict_counts_warnings(cli: Cli, store: Path) -> None:
    at = "2026-01-01T00:00:00+08:00"  # before the example's events: each is a 'future event' warning
    plain = cli("validate", "--records", store, "--at", at)
    assert plain.code == 0, plain
    assert "warning" in plain.stdout
    strict = cli("validate", "--records", store, "--at", at, "--strict")
    assert strict.code == 1, strict


def test_validate_help_says_what_counts(cli: Cli) -> None:
    text = cli("validate", "--help").stdout
    assert "--strict" in text and "Warnings count as findings" in text
