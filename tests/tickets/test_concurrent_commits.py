"""Git's index.lock held by another git, or left by a killed one (twenty parallel commands: test_attribution)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from itsmctl import vcs
from itsmctl.errors import GitError
from itsmctl.vcs.commit import INDEX_LOCK_WAITS
from tests.conftest import Cli


def _written(repo: Path) -> Path:
    path = repo / "notes.yaml"
    path.write_text("x: 1\n", encoding="utf-8")
    return path


def test_index_lock_held_elsewhere_is_waited_for(repo: Path) -> None:
    lock = repo / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    waits: list[float] = []

    def sleep(seconds: float) -> None:  # the other git process finishes during the second pause
        waits.append(seconds)
        if len(waits) == 2:
            lock.unlink()

    result = vcs.commit_paths(repo, [_written(repo)], "m\n", sleep=sleep)
    assert result.state == "committed"
    assert waits == [0.1, 0.2]


def test_index_lock_busy_elsewhere_says_what_to_run_not_gits_advice(repo: Path) -> None:
    lock = repo / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")

    def sleep(_seconds: float) -> None:  # another git keeps working: the lock is taken again and again
        lock.unlink()
        lock.write_text("busy", encoding="utf-8")

    with pytest.raises(GitError) as caught:
        vcs.commit_paths(repo, [_written(repo)], "m\n", sleep=sleep)
    message = str(caught.value)
    assert not isinstance(caught.value, vcs.StaleIndexLock)
    assert "manually" not in message
    assert "another git process is using this repository" in message
    assert f"git -C {repo.resolve()} add -- notes.yaml && git -C {repo.resolve()} commit -- notes.yaml" in message


def test_index_lock_nobody_changes_is_explained_as_left_by_a_killed_git(repo: Path) -> None:
    lock = repo / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    with pytest.raises(vcs.StaleIndexLock) as caught:
        vcs.commit_paths(repo, [_written(repo)], "m\n", sleep=lambda _s: None)
    message = str(caught.value)
    assert f"rm -f {lock}" in message and "killed" in message
    assert f"git -C {repo.resolve()} add -- notes.yaml" in message
    assert caught.value.exit_code == 2


def test_old_index_lock_is_explained_at_once_without_waiting(repo: Path) -> None:
    lock = repo / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    old = time.time() - 3 * 3600
    os.utime(lock, (old, old))
    waits: list[float] = []
    with pytest.raises(vcs.StaleIndexLock) as caught:
        vcs.commit_paths(repo, [_written(repo)], "m\n", sleep=waits.append)
    assert waits == []
    assert "has been there for 3.0 h" in str(caught.value)
    assert lock.exists()  # never removed by itsmctl: it cannot prove no git is running


def test_stale_index_lock_through_the_cli_exits_2_at_once(cli: Cli, repo: Path) -> None:
    """In-process, so the clock measures the command, not an interpreter start on a loaded
    machine: waiting through the retries would take ``sum(INDEX_LOCK_WAITS)``, over 5 s."""
    lock = repo / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    old = time.time() - 600
    os.utime(lock, (old, old))
    args = ["--records", str(repo), "--by", "wang.qiang", "--at", "2026-11-02T10:00:00+08:00", "--commit"]
    started = time.monotonic()
    done = cli("ticket", "note", "INC-2610-7KQ3P", "备注", *args)
    elapsed = time.monotonic() - started
    assert done.code == 2, done
    assert elapsed < 5 < sum(INDEX_LOCK_WAITS), elapsed
    assert "has been there for 10 min" in done.stderr and f"rm -f {lock}" in done.stderr
    assert "Traceback" not in done.stderr
