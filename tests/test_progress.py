"""The loading bar: drawn on stderr only when it is a terminal; the store only calls a hook."""

from __future__ import annotations

import io

from itsmctl.cli.records import LoadingBar, loading_progress
from itsmctl.store.snapshot import load_snapshot
from itsmctl.store.source import RecordBytes
from tests.conftest import Cli


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def records(count: int) -> list[RecordBytes]:
    body = b"id: CI-X\n"
    return [RecordBytes(f"cis/CI-{i:05d}.yaml", f"cis/CI-{i:05d}.yaml", body) for i in range(count)]


def test_no_bar_when_stderr_is_not_a_terminal() -> None:
    assert loading_progress(io.StringIO()) is None


def test_the_hook_is_called_up_to_the_total() -> None:
    calls: list[tuple[int, int]] = []
    load_snapshot(records(120), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(50, 120), (100, 120), (120, 120)]


def test_a_terminal_gets_a_bar_for_a_large_store_only() -> None:
    small, large = FakeTerminal(), FakeTerminal()
    bar = loading_progress(small)
    assert isinstance(bar, LoadingBar)
    bar(10, 10)
    assert small.getvalue() == ""
    big = LoadingBar(large, threshold=100)
    load_snapshot(records(150), progress=big)
    assert "loading records" in large.getvalue()
    assert big._bar is None  # stopped at the end


def test_commands_print_no_bar_into_a_pipe(cli: Cli, store) -> None:  # type: ignore[no-untyped-def]
    result = cli("summary", "--records", store)
    assert result.code == 0, result
    assert "loading records" not in result.stderr and result.stderr == ""
