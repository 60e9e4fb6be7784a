"""A ``ticket`` command that changes a ticket between the run's snapshot and its write.

The run reads the whole store once, then writes ticket by ticket; each ticket is planned
again from its file as read under its lock, so the change is built on, not overwritten.
"""

from __future__ import annotations

import fcntl
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from escalation_store import PAST_EVERY_RUNG, TICKET, configure, init_repo
from local_servers import LOCALHOST, free_port

import itsmctl.cli.escalate as cli_module
import itsmctl.escalation.run as run_module
from itsmctl.models import Incident
from itsmctl.store.snapshot import open_store
from itsmctl.tickets.edit import apply_events
from itsmctl.vcs import COMMIT_LOCK, find_repo

MEANWHILE = datetime.fromisoformat("2026-11-10T11:00:00+08:00")


def ticket(records: Path) -> Incident:
    found = open_store(records)[1].get(TICKET)
    assert isinstance(found, Incident)
    return found


def change_priority_meanwhile(monkeypatch: pytest.MonkeyPatch, records: Path, to: str) -> None:
    """After the run has read the store and its clocks, a person sets the priority."""
    evaluate = cli_module.evaluate_store

    def evaluate_then_change(*args: Any, **kwargs: Any) -> Any:
        rows = evaluate(*args, **kwargs)
        event = {"by": "zhou.min", "type": "priority", "to": to, "reason": "客户来电确认 / customer call"}
        apply_events(records, TICKET, [event], {"priority": to}, now=MEANWHILE)
        return rows

    monkeypatch.setattr(cli_module, "evaluate_store", evaluate_then_change)


@pytest.fixture
def records(store: Path) -> Path:
    configure(store, smtp_port=free_port(), webhook_url=f"http://{LOCALHOST}:{free_port()}/hook")
    policy = store / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text[: text.index("notifications:\n")], encoding="utf-8")  # no channels: nothing to send
    init_repo(store.parent)
    return store


def test_a_raise_builds_on_a_priority_set_meanwhile(cli, records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The snapshot says P2, so the snapshot's plan raises P2 -> P1 at level 3.  Meanwhile
    # the ticket was made P1: P1 is the top, level 3 records its rung and raises nothing.
    change_priority_meanwhile(monkeypatch, records, "P1")
    result = cli("escalate", "--records", records, "--at", PAST_EVERY_RUNG, "--no-commit")
    assert result.code == 0, result
    after = ticket(records)
    assert after.priority == "P1"
    assert [(e.type, e.by) for e in after.events if e.type in ("priority", "escalated")] == [
        ("priority", "zhou.min"),
        ("escalated", "itsmctl"),
        ("escalated", "itsmctl"),
        ("escalated", "itsmctl"),
    ]
    assert "priority P2 -> P1" not in result.stdout
    assert cli("validate", "--records", records).code == 0


def test_a_priority_lowered_meanwhile_is_not_overwritten(cli, records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Lowered to P3 at Tue 11:00, after P2's 8h had run out at Tue 09:30: that breach stands
    # (a downgrade never turns it into met), so at Tue 11:30 it is 10h of the 8h it breached,
    # 125 %, and every rung is due.  The plan is made again from the file under its lock: the
    # raise builds on the P3 a person set (P3 -> P2); the stale plan would have written P1.
    change_priority_meanwhile(monkeypatch, records, "P3")
    result = cli("escalate", "--records", records, "--at", PAST_EVERY_RUNG, "--no-commit")
    assert result.code == 0, result
    after = ticket(records)
    assert after.priority == "P2"
    assert [(e.type, e.by, getattr(e, "to", None)) for e in after.events if e.type == "priority"] == [
        ("priority", "zhou.min", "P3"),
        ("priority", "itsmctl", "P2"),
    ]
    assert [e.level for e in after.events if e.type == "escalated"] == [1, 2, 3]  # type: ignore[attr-defined]
    assert "P2 -> P1" not in result.stdout
    assert cli("validate", "--records", records).code == 0


def _store_lock_busy(records: Path) -> bool:
    """Whether someone holds the store's write lock (a second open file cannot take it)."""
    fd = os.open(Path(find_repo(records).git_dir) / COMMIT_LOCK, os.O_RDWR | os.O_CREAT)  # type: ignore[union-attr]
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_the_run_writes_and_commits_under_the_store_lock(cli, records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No ticket command can change a ticket between the run's write and its commit."""
    seen: list[tuple[str, bool]] = []
    write, commit = run_module.write_events_held, cli_module.commit_files

    def watched_write(*args: Any, **kwargs: Any) -> Any:
        seen.append(("write", _store_lock_busy(records)))
        return write(*args, **kwargs)

    def watched_commit(*args: Any, **kwargs: Any) -> Any:
        seen.append(("commit", _store_lock_busy(records)))
        return commit(*args, **kwargs)

    monkeypatch.setattr(run_module, "write_events_held", watched_write)
    monkeypatch.setattr(cli_module, "commit_files", watched_commit)
    result = cli("escalate", "--records", records, "--at", PAST_EVERY_RUNG, "--commit")
    assert result.code == 0, result
    assert ("write", True) in seen and ("commit", True) in seen
    assert all(busy for _, busy in seen), seen
    assert not _store_lock_busy(records)
