"""The merge driver with real git: merge, rebase and cherry-pick of events added on two branches."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itsmctl.merge import merge_record
from itsmctl.store.loader import load_record
from itsmctl.yamlio import parse_document

TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"
OPEN = """\
# 手工录入的事件单
kind: incident
id: INC-2610-7KQ3P
title: 财务系统数据库连接超时
service: SVC-ONSITE
sla: SLA-MAIN
cis: [CI-SRV-01]
requester: li.na
assignee: wang.qiang
group: onsite
channel: phone
delivery: onsite
dimensions: {urgency: high, impact: one}
priority: P2
status: in_progress
events:
  - {id: E7KQ3P, at: 2026-10-09T09:12:00+08:00, by: wang.qiang, type: opened}
  - {id: E8AB2C, at: 2026-10-09T09:15:00+08:00, by: zhou.min, type: assigned, to: wang.qiang, group: onsite}
  - {id: E9XY3Z, at: 2026-10-09T09:20:00+08:00, by: wang.qiang, type: responded}
"""


def note(event_id: str, minute: int, by: str = "wang.qiang") -> str:
    return f"  - {{id: {event_id}, at: 2026-10-09T10:{minute:02d}:00+08:00, by: {by}, type: note, note: 处理中}}\n"


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    ident = ["-c", "user.name=王强", "-c", "user.email=wang.qiang@hengyun.example"]
    return subprocess.run(["git", *ident, *args], cwd=cwd, check=check, capture_output=True, text=True)


@pytest.fixture
def repo(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (store / TICKET).write_text(OPEN, encoding="utf-8")
    (store / ".gitattributes").write_text("*.yaml merge=itsmctl\n", encoding="utf-8")
    git(store, "init", "-q")
    git(store, "config", "merge.itsmctl.name", "itsmctl record merge")
    git(store, "config", "merge.itsmctl.driver", f"{sys.executable} -m itsmctl merge-driver %O %A %B %P")
    git(store, "add", "-A")
    git(store, "commit", "-q", "-m", "base")
    return store


def add(repo: Path, text: str, message: str) -> None:
    path = repo / TICKET
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", message)


def two_branches(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "a")
    add(repo, note("EA0001", 1) + note("EA0003", 3), "a")
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-q", "-b", "b")
    add(repo, note("EB0002", 2) + note("EB0004", 4), "b")


def event_ids(repo: Path) -> list[str]:
    data = parse_document((repo / TICKET).read_bytes()).data
    return [e["id"] for e in data["events"]]


def assert_valid(repo: Path) -> None:
    loaded = load_record(TICKET, TICKET, (repo / TICKET).read_bytes())
    assert loaded.record is not None, loaded.findings


MERGED = ["E7KQ3P", "E8AB2C", "E9XY3Z", "EA0001", "EB0002", "EA0003", "EB0004"]


def test_git_merge_takes_the_union_of_both_logs_in_time_order(repo: Path) -> None:
    two_branches(repo)
    git(repo, "checkout", "-q", "a")
    merged = git(repo, "merge", "-q", "--no-edit", "b", check=False)
    assert merged.returncode == 0, merged.stderr
    assert event_ids(repo) == MERGED
    assert_valid(repo)
    text = (repo / TICKET).read_text(encoding="utf-8")
    assert text.startswith("# 手工录入的事件单\n") and "dimensions: {urgency: high, impact: one}\n" in text


def test_git_rebase_and_cherry_pick_use_the_driver_too(repo: Path) -> None:
    two_branches(repo)
    rebased = git(repo, "rebase", "-q", "a", check=False)
    assert rebased.returncode == 0, rebased.stderr
    assert event_ids(repo) == MERGED
    git(repo, "checkout", "-q", "-b", "c", "main")
    add(repo, note("EC0005", 5), "c")
    git(repo, "checkout", "-q", "a")
    picked = git(repo, "cherry-pick", "c", check=False)
    assert picked.returncode == 0, picked.stderr
    assert event_ids(repo) == ["E7KQ3P", "E8AB2C", "E9XY3Z", "EA0001", "EA0003", "EC0005"]
    assert_valid(repo)


def test_status_follows_the_merged_log(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "a")
    path = repo / TICKET
    text = path.read_text(encoding="utf-8").replace("status: in_progress", "status: resolved")
    resolved = "  - {id: EA0009, at: 2026-10-09T11:00:00+08:00, by: wang.qiang, type: resolved, resolution: 重启监听}\n"
    path.write_text(text + resolved, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "resolve")
    git(repo, "checkout", "-q", "main")
    add(repo, note("EB0002", 2), "note")
    merged = git(repo, "merge", "-q", "--no-edit", "a", check=False)
    assert merged.returncode == 0, merged.stderr
    assert event_ids(repo)[-2:] == ["EB0002", "EA0009"]
    assert parse_document(path.read_bytes()).data["status"] == "resolved"
    assert_valid(repo)


def test_a_true_conflict_leaves_markers_and_fails_the_merge(repo: Path) -> None:
    path = repo / TICKET
    git(repo, "checkout", "-q", "-b", "a")
    path.write_text(path.read_text(encoding="utf-8").replace("priority: P2", "priority: P1"), encoding="utf-8")
    add(repo, note("EA0001", 1), "raise")
    git(repo, "checkout", "-q", "main")
    path.write_text(path.read_text(encoding="utf-8").replace("priority: P2", "priority: P3"), encoding="utf-8")
    add(repo, note("EB0002", 2), "lower")
    merged = git(repo, "merge", "-q", "--no-edit", "a", check=False)
    assert merged.returncode != 0
    text = path.read_text(encoding="utf-8")
    assert "<<<<<<< ours\npriority: P3\n=======\npriority: P1\n>>>>>>> theirs\n" in text
    assert "EA0001" in text and "EB0002" in text  # the events merged anyway
    assert git(repo, "status", "--short").stdout.startswith("UU ")


def test_a_file_that_does_not_parse_falls_back_to_the_line_merge(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "a")
    add(repo, "  - {broken\n", "broken")
    git(repo, "checkout", "-q", "main")
    add(repo, note("EB0002", 2), "note")
    merged = git(repo, "merge", "-q", "--no-edit", "a", check=False)
    assert merged.returncode != 0
    assert "<<<<<<< ours" in (repo / TICKET).read_text(encoding="utf-8")


_EVENTS = st.lists(st.tuples(st.integers(0, 59), st.booleans()), min_size=0, max_size=8, unique_by=lambda t: t[0])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_EVENTS)
def test_any_interleaving_of_events_on_two_branches_merges_without_loss_or_doubles(
    split: list[tuple[int, bool]],
) -> None:
    ours = OPEN + "".join(note(f"EA{m:04d}", m) for m, mine in split if mine)
    theirs = OPEN + "".join(note(f"EB{m:04d}", m) for m, mine in split if not mine)
    # the same events, added on both sides, must not double
    shared = note("ES9999", 59)
    result = merge_record(OPEN.encode(), (ours + shared).encode(), (theirs + shared).encode())
    assert result.conflicts == []
    ids = [e["id"] for e in parse_document(result.data).data["events"]]
    expected = {f"EA{m:04d}" if mine else f"EB{m:04d}" for m, mine in split} | {"E7KQ3P", "E8AB2C", "E9XY3Z", "ES9999"}
    assert sorted(ids) == sorted(expected) and len(ids) == len(set(ids))
    assert load_record(TICKET, TICKET, result.data).record is not None
