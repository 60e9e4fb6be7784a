"""``ticket new`` takes Chinese names where --help says so; the file keeps the ids."""

from __future__ import annotations

from pathlib import Path

import helpers_tickets as yh

from tests.conftest import Cli

AT = "2026-11-02T09:00:00+08:00"
BASE = (
    "ticket",
    "new",
    "incident",
    "--title",
    "打印机卡纸",
    "--service",
    "SVC-ONSITE",
    "--by",
    "wang.qiang",
    "--at",
    AT,
)


def test_dimensions_levels_and_choices_by_chinese_name(cli: Cli, store: Path) -> None:
    result = cli(
        *BASE,
        "--dim",
        "紧急程度=高",
        "--dim",
        "影响范围=个别对象",
        "--channel",
        "电话",
        "--delivery",
        "现场",
        "--category",
        "桌面终端",
        "--records",
        store,
        "--no-commit",
    )
    assert result.code == 0, result
    ticket = yh.load_ticket(store, result.stdout.strip())
    assert ticket["dimensions"] == {"urgency": "high", "impact": "one"}
    assert (ticket["channel"], ticket["delivery"], ticket["category"]) == ("phone", "onsite", "desktop")
    assert ticket["priority"] == "P2"
    assert "matrix cell urgency=high / impact=one -> P2" in result.stderr


def test_an_unknown_choice_lists_the_allowed_ones_and_writes_nothing(cli: Cli, store: Path) -> None:
    before = sorted(p.name for p in store.rglob("*.yaml"))
    result = cli(*BASE, "--dim", "urgency=high", "--dim", "impact=one", "--channel", "鸽子", "--records", store)
    assert result.code == 1, result
    assert "channel: unknown channel '鸽子'; allowed: phone 电话, mail 邮件" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in store.rglob("*.yaml")) == before


def test_an_unknown_dimension_names_the_dimensions_with_their_chinese_names(cli: Cli, store: Path) -> None:
    result = cli(*BASE, "--dim", "颜色=红", "--dim", "impact=one", "--records", store)
    assert result.code == 2, result
    assert "unknown dimension 颜色; the matrix has: urgency (紧急程度), impact (影响范围)" in result.stderr


def test_an_empty_level_or_dimension_is_never_taken_for_one(cli: Cli, store: Path) -> None:
    """The example policy's levels have no English name: '' must not match it."""
    empty_level = cli(*BASE, "--dim", "urgency=", "--dim", "impact=one", "--records", store)
    assert empty_level.code == 2, empty_level
    assert "urgency '' is not a level; choose one of: low (低), high (高)" in empty_level.stderr
    empty_name = cli(*BASE, "--dim", "=high", "--dim", "impact=one", "--records", store)
    assert empty_name.code == 2, empty_name
    assert "unknown dimension" in empty_name.stderr
