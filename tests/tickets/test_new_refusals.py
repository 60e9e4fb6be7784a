"""`ticket new` never writes a record that validate would reject."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli

AT = "2026-11-16T10:00:00+08:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--priority", "P1"], "--dim: an incident is graded on every dimension: give a level for urgency, impact"),
        (
            ["--dim", "urgency=high", "--dim", "impact=one", "--title", "a\nb"],
            "--title: the title is one non-empty line",
        ),
        (["--dim", "urgency=high", "--dim", "impact=one", "--title", "  "], "--title: the title is one non-empty line"),
    ],
)
def test_refused_before_anything_is_written(cli: Cli, store: Path, args: list[str], message: str) -> None:
    before = sorted(p.name for p in store.rglob("*.yaml"))
    title = [] if "--title" in args else ["--title", "打印机卡纸"]
    result = cli(
        "ticket",
        "new",
        "incident",
        *title,
        "--service",
        "SVC-ONSITE",
        *args,
        "--records",
        store,
        "--by",
        "wang.qiang",
        "--at",
        AT,
        "--no-commit",
    )
    assert result.code == 2, result
    assert message in result.stderr
    assert sorted(p.name for p in store.rglob("*.yaml")) == before


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--priority", "p2"),
        ("--kind", "incidents"),
        ("--status", "处理中"),
        ("--assignee", "王强"),
        ("--ci", "CI-NOPE"),
    ],
)
def test_list_filter_typo_is_a_usage_error(cli: Cli, store: Path, option: str, value: str) -> None:
    result = cli("ticket", "list", "--records", store, option, value)
    assert result.code == 2, result
    assert f"{option}: {value}: not known here; choose from" in result.stderr
