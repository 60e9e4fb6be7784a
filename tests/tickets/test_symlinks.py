"""Writes never follow symbolic links out of the store (the reader refuses links too)."""

from __future__ import annotations

from pathlib import Path

from itsmctl.fs import atomic_write
from tests.conftest import Cli

NEW = (
    "ticket",
    "new",
    "incident",
    "--title",
    "t",
    "--service",
    "SVC-ONSITE",
    "--dim",
    "urgency=high",
    "--dim",
    "impact=one",
    "--by",
    "wang.qiang",
    "--at",
    "2026-09-02T09:00:00+08:00",
)


def test_new_refuses_a_linked_month_folder(cli: Cli, store: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (store / "tickets" / "2026" / "09").symlink_to(elsewhere)
    result = cli(*NEW, "--records", store)
    assert result.code == 2, result
    assert "is a symbolic link, and the store never writes through links" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_new_refuses_a_linked_year_folder(cli: Cli, store: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (store / "tickets" / "2025").symlink_to(elsewhere)
    result = cli(*NEW[:-1], "2025-01-02T09:00:00+08:00", "--records", store)
    assert result.code == 2, result
    assert list(elsewhere.iterdir()) == []


def test_note_refuses_a_ticket_reached_through_a_linked_folder(cli: Cli, store: Path, tmp_path: Path) -> None:
    month = store / "tickets" / "2026" / "10"
    ticket = next(month.glob("INC-*.yaml"))
    moved = tmp_path / "moved"
    month.rename(moved)
    month.symlink_to(moved)
    before = (moved / ticket.name).read_bytes()
    result = cli(
        "ticket",
        "note",
        ticket.stem,
        "x",
        "--records",
        store,
        "--by",
        "wang.qiang",
        "--at",
        "2026-11-02T09:00:00+08:00",
    )
    assert result.code == 2, result
    assert "symbolic link" in result.stderr
    assert (moved / ticket.name).read_bytes() == before


def test_atomic_write_with_root_refuses_a_path_outside(tmp_path: Path) -> None:
    import pytest

    from itsmctl.errors import StoreError

    with pytest.raises(StoreError, match="outside the store"):
        atomic_write(tmp_path / "store" / ".." / "x.yaml", b"x", root=tmp_path / "store")
    assert not (tmp_path / "x.yaml").exists()
