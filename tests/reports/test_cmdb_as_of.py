"""The CMDB as it stood at the report's moment, from git history (reports.cmdb_as_of).

A CI's fields carry no dates, so a report as of 10 October reads ``cmdb/`` at the commit the
branch stood at then; a pull request merged later counts from its merge.  Each case moves the
moment across the commits and checks what the CMDB report shows.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

CI = "cmdb/CI-SRV-01.yaml"
OLD = "kind: ci\nid: CI-SRV-01\nname: 应用服务器01\nclass: server\nstatus: in_use\nowner: wang.qiang\n"
NEW = OLD.replace("应用服务器01", "核心应用服务器").replace("owner: wang.qiang", "owner: zhou.min")
ADDED = "kind: ci\nid: CI-NET-09\nname: 新增交换机\nclass: server\nstatus: in_use\n"


def _git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def _commit(repo: Path, when: str) -> str:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", f"records at {when}", when=when)
    return _git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def history(store: Path) -> dict[str, str]:
    """The example store committed on 1 October; on 20 October CI-SRV-01 is renamed and given
    another owner, and CI-NET-09 added."""
    _git(store, "init", "-q", "-b", "main")
    (store / CI).write_text(OLD, encoding="utf-8")
    first = _commit(store, "2026-10-01T00:00:00+08:00")
    (store / CI).write_text(NEW, encoding="utf-8")
    (store / "cmdb" / "CI-NET-09.yaml").write_text(ADDED, encoding="utf-8")
    second = _commit(store, "2026-10-20T12:00:00+08:00")
    return {"first": first, "second": second}


def _cmdb(cli, store: Path, at: str, *extra: str) -> str:
    result = cli("report", "cmdb", "--records", store, "--at", at, *extra)
    assert result.code == 0, result
    return result.stdout


def test_before_the_change_the_cmdb_is_read_at_its_commit(cli, store: Path, history: dict[str, str]) -> None:
    text = _cmdb(cli, store, "2026-10-10T00:00:00+08:00")
    assert f"- 配置项：截至提交 {history['first'][:12]}（2026-10-01 00:00）" in text
    assert "应用服务器01" in text and "核心应用服务器" not in text
    assert "CI-NET-09" not in text  # added later
    assert "共 1 个配置项" in text


def test_after_the_change_the_records_are_the_latest(cli, store: Path, history: dict[str, str]) -> None:
    text = _cmdb(cli, store, "2026-10-25T00:00:00+08:00")
    assert f"记录库读取时的内容（该时刻之后没有新提交；最近提交 {history['second'][:12]}，2026-10-20 12:00）" in text
    assert "核心应用服务器" in text and "CI-NET-09" in text
    assert "共 2 个配置项" in text


def test_before_the_history_it_says_the_cmdb_is_as_now(cli, store: Path, history: dict[str, str]) -> None:
    text = _cmdb(cli, store, "2026-09-15T00:00:00+08:00")
    assert "- 配置项：当前状态（记录库在该时刻之前没有 git 提交历史）" in text
    assert "核心应用服务器" in text


def test_a_store_outside_git_says_so_too(cli, store: Path) -> None:
    text = _cmdb(cli, store, "2026-10-10T00:00:00+08:00")
    assert "- 配置项：当前状态（记录库在该时刻之前没有 git 提交历史）" in text


def test_from_a_revision_the_history_is_that_revision_s(cli, store: Path, history: dict[str, str]) -> None:
    (store / CI).write_text(NEW.replace("核心应用服务器", "工作区里的名字"), encoding="utf-8")  # not committed
    text = _cmdb(cli, store, "2026-10-10T00:00:00+08:00", "--rev", history["second"])
    assert "应用服务器01" in text and "工作区里的名字" not in text
    latest = _cmdb(cli, store, "2026-10-25T00:00:00+08:00", "--rev", history["second"])
    assert "核心应用服务器" in latest
    # without --rev and after the last commit, the work tree is the latest record
    assert "工作区里的名字" in _cmdb(cli, store, "2026-10-25T00:00:00+08:00")


def test_a_pull_request_counts_from_its_merge(cli, store: Path, history: dict[str, str]) -> None:
    """Committed on a branch on 22 October, merged into main on 28 October."""
    _git(store, "checkout", "-q", "-b", "rename")
    (store / CI).write_text(NEW.replace("核心应用服务器", "分支上的名字"), encoding="utf-8")
    _commit(store, "2026-10-22T09:00:00+08:00")
    _git(store, "checkout", "-q", "main")
    _git(store, "merge", "-q", "--no-ff", "-m", "merge", "rename", when="2026-10-28T09:00:00+08:00")
    (store / "cmdb" / "CI-NET-10.yaml").write_text(ADDED.replace("09", "10"), encoding="utf-8")
    _commit(store, "2026-10-30T09:00:00+08:00")
    on_the_25th = _cmdb(cli, store, "2026-10-25T00:00:00+08:00")
    assert "核心应用服务器" in on_the_25th and "分支上的名字" not in on_the_25th
    assert "分支上的名字" in _cmdb(cli, store, "2026-10-29T00:00:00+08:00")


def test_an_unreadable_ci_of_that_commit_is_counted(cli, store: Path, history: dict[str, str]) -> None:
    (store / "cmdb" / "CI-BAD-01.yaml").write_text("kind: ci\nid: CI-BAD-01\nname: [\n", encoding="utf-8")
    _commit(store, "2026-10-21T00:00:00+08:00")
    (store / "cmdb" / "CI-BAD-01.yaml").unlink()
    _commit(store, "2026-10-23T00:00:00+08:00")
    text = _cmdb(cli, store, "2026-10-22T00:00:00+08:00")
    assert "该提交中 1 个配置项文件无法读取，未计入" in text


def test_without_history_later_change_log_entries_are_left_out(cli, store: Path) -> None:
    (store / CI).write_text(
        OLD + "changes:\n  - {date: 2026-10-05, change: CHG-2610-X0001, by: wang.qiang, fields: [owner]}\n"
        "  - {date: 2026-11-05, change: CHG-2611-X0002, by: wang.qiang, fields: [status]}\n",
        encoding="utf-8",
    )
    from itsmctl.reports import load_store
    from itsmctl.reports.as_of import snapshot_as_of
    from itsmctl.store.store import Store

    loaded = load_store(Store.open(store))
    from datetime import datetime
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Asia/Shanghai")
    view = snapshot_as_of(loaded.snapshot, datetime(2026, 11, 1, tzinfo=zone), zone)
    (ci,) = view.cis
    assert [c.change for c in ci.changes] == ["CHG-2610-X0001"]


def test_a_store_moved_since_is_shown_as_now(cli, store: Path, history: dict[str, str]) -> None:
    """The store lived in another folder of the repository then: its CIs there are not these."""
    inner = store / "inner"
    inner.mkdir()
    for path in list(store.iterdir()):
        if path.name not in (".git", "inner"):
            path.rename(inner / path.name)
    _commit(store, "2026-10-25T00:00:00+08:00")
    text = _cmdb(cli, inner, "2026-10-10T00:00:00+08:00")
    assert "- 配置项：当前状态（记录库在该时刻之前没有 git 提交历史）" in text
