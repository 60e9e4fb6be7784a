"""The content cache can never serve a stale entry: whatever changed since the last run (a file's
bytes, its name, a deleted file, a git branch switch, the policy's time zone), a run with the
cache gives what a run without it gives, and the cache is still used for what did not change."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from itsmctl.cache import ContentCache
from itsmctl.store.source import UnreadFile
from itsmctl.store.store import Store
from tests.conftest import EXAMPLE_STORE, Cli

TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"
UNCHANGED = "(nothing changed since the last check"


@pytest.fixture
def cached(tmp_path: Path) -> dict[str, str]:
    return {"ITSMCTL_CACHE_DIR": str(tmp_path / "cache"), "ITSMCTL_NOW": "2026-11-20T10:00:00+08:00"}


def age(root: Path, seconds: int = 60) -> None:
    """Make every file look written a while ago (the stat index skips files changed moments ago)."""
    then = time.time() - seconds
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, (then, then))


def both(cli: Cli, store: Path, env: dict[str, str], *args: str) -> tuple[str, str]:
    """``validate`` with the cache and without it: the two outputs (stdout+exit, stderr note)."""
    with_cache = cli("validate", "--records", str(store), "--format", "json", *args, env={**env, "ITSMCTL_CACHE": "on"})
    without = cli("validate", "--records", str(store), "--format", "json", *args, env={**env, "ITSMCTL_CACHE": "off"})
    assert (with_cache.code, with_cache.stdout) == (without.code, without.stdout), (with_cache, without)
    return with_cache.stdout, with_cache.stderr


def test_a_second_run_on_an_unchanged_store_comes_from_the_cache(cli: Cli, store: Path, cached: dict[str, str]) -> None:
    first, note = both(cli, store, cached)
    assert UNCHANGED not in note
    second, note = both(cli, store, cached)
    assert UNCHANGED in note
    assert first == second


def test_changed_bytes_are_never_served_from_the_cache(cli: Cli, store: Path, cached: dict[str, str]) -> None:
    age(store)
    both(cli, store, cached)
    path = store / TICKET
    stat = os.stat(path)
    text = path.read_text(encoding="utf-8")
    broken = text.replace("priority: P2", "priority: P9")  # same size, same mtime: only ctime moves
    assert len(broken) == len(text)
    path.write_text(broken, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    out, note = both(cli, store, cached)
    assert UNCHANGED not in note
    assert "P9" in out


def test_a_renamed_file_is_judged_by_its_new_path(cli: Cli, store: Path, cached: dict[str, str]) -> None:
    age(store)
    both(cli, store, cached)
    target = store / "tickets/2026/11/INC-2610-7KQ3P.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(store / TICKET, target)
    out, _ = both(cli, store, cached)
    assert '"code": "path"' in out


def test_a_deleted_record_is_missed_by_what_refers_to_it(cli: Cli, store: Path, cached: dict[str, str]) -> None:
    age(store)
    both(cli, store, cached)
    (store / "cmdb/CI-SRV-01.yaml").unlink()
    out, note = both(cli, store, cached)
    assert UNCHANGED not in note
    assert "CI-SRV-01" in out and '"code": "ref"' in out
    (store / "cmdb/CI-SRV-01.yaml").write_bytes((EXAMPLE_STORE / "cmdb/CI-SRV-01.yaml").read_bytes())
    out, _ = both(cli, store, cached)
    assert '"code": "ref"' not in out


def test_a_branch_switch_and_back(cli: Cli, tmp_path: Path, cached: dict[str, str]) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE_STORE, repo / "records")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "store"], check=True)
    subprocess.run([*git, "checkout", "-q", "-b", "other"], check=True)
    path = repo / "records" / TICKET
    path.write_text(path.read_text(encoding="utf-8").replace("cis: [CI-SRV-01]", "cis: [CI-NOPE-99]"), "utf-8")
    subprocess.run([*git, "commit", "-q", "-am", "break a reference"], check=True)
    store = repo / "records"
    on_other, _ = both(cli, store, cached)
    assert "CI-NOPE-99" in on_other
    subprocess.run([*git, "checkout", "-q", "main"], check=True)
    on_main, _ = both(cli, store, cached)
    assert "CI-NOPE-99" not in on_main
    subprocess.run([*git, "checkout", "-q", "other"], check=True)
    again, note = both(cli, store, cached)
    assert again == on_other
    assert UNCHANGED in note  # the other branch's result was kept, keyed by content


def test_a_changed_policy_zone_reaches_records_served_from_the_cache(tmp_path: Path) -> None:
    """Parsed data is kept before the zone is applied: a new default zone applies to every
    record, even those whose bytes did not change."""
    store = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, store)
    path = store / TICKET
    path.write_text(path.read_text(encoding="utf-8").replace("T09:12:00+08:00", "T09:12:00"), "utf-8")
    policy = store / "policy.yaml"
    original = policy.read_text(encoding="utf-8")
    policy.write_text(original + "default_timezone: Asia/Shanghai\n", "utf-8")
    age(store)

    def opened_at() -> tuple[str, bool]:
        cache = ContentCache(tmp_path / "cache", clock_ns=lambda: time.time_ns() + 3600 * 10**9)
        s = Store.open(store, cache=cache)
        unread = any(isinstance(i, UnreadFile) and i.path == TICKET for i in s.items())
        ticket = s.snapshot().get("INC-2610-7KQ3P")
        return ticket.events[0].at.isoformat(), unread  # type: ignore[union-attr]

    assert opened_at() == ("2026-10-09T09:12:00+08:00", False)
    assert opened_at() == ("2026-10-09T09:12:00+08:00", True)  # served from the cache
    policy.write_text(original + "default_timezone: UTC\n", "utf-8")
    assert opened_at() == ("2026-10-09T09:12:00+00:00", True)  # same cache entry, the new zone


def test_a_file_changed_after_the_walk_is_never_read_as_the_old_one(tmp_path: Path) -> None:
    store = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, store)
    age(store)
    clock = lambda: time.time_ns() + 3600 * 10**9  # noqa: E731
    Store.open(store, cache=ContentCache(tmp_path / "cache", clock_ns=clock)).snapshot()
    # the index is warm; a new cache object with no parsed data forces a read of the unread file
    s = Store.open(store, cache=ContentCache(tmp_path / "cache", data_folder=tmp_path / "empty", clock_ns=clock))
    items = s.items()
    (store / TICKET).write_text("kind: incident\nid: [broken\n", "utf-8")
    snapshot = s.snapshot()
    assert snapshot.get("INC-2610-7KQ3P") is None
    assert any(f.file.endswith(TICKET) and "changed while it was being checked" in f.message for f in snapshot.findings)
    assert any(isinstance(i, UnreadFile) for i in items)
