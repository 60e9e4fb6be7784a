"""``itsmctl history`` on a real repository: commits, two authors, events per commit."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import git as gitpython
import pytest
from helpers_tickets import WANG, ZHOU, git

from itsmctl import vcs
from tests.conftest import Cli


def _at(hhmm: str) -> str:
    return f"2026-11-02T{hhmm}:00+08:00"


def _work(cli: Cli, repo: Path) -> str:
    """Four commits by two people (authors from the policy's emails), one staged change folded in."""
    opened = cli(
        "ticket",
        "new",
        "incident",
        "--title",
        "邮件系统无法登录",
        "--service",
        "SVC-ONSITE",
        "--dim",
        "urgency=high",
        "--dim",
        "impact=all",
        "--records",
        repo,
        "--by",
        "zhou.min",
        "--at",
        _at("09:00"),
    )
    assert opened.code == 0, opened
    tid = opened.stdout.strip()
    for args, by, when in (
        (("assign", tid, "--to", "wang.qiang"), "zhou.min", "09:01"),
        (("start", tid), "wang.qiang", "09:05"),
        (("resolve", tid, "--resolution", "重置认证服务"), "wang.qiang", "10:00"),
    ):
        result = cli("ticket", *args, "--records", repo, "--by", by, "--at", _at(when))
        assert result.code == 0, result
    return tid


def test_history_shows_commits_authors_and_events_added(cli: Cli, repo: Path) -> None:
    tid = _work(cli, repo)
    result = cli("history", tid, "--records", repo, "--format", "json")
    assert result.code == 0, result
    rows = json.loads(result.stdout)
    assert [r["subject"] for r in rows] == [
        f"{tid}: new by zhou.min",
        f"{tid}: assign by zhou.min",
        f"{tid}: start by wang.qiang",
        f"{tid}: resolve by wang.qiang",
    ]
    assert [(r["author"], r["email"]) for r in rows] == [ZHOU, ZHOU, WANG, WANG]
    assert [[e["type"] for e in r["added"]] for r in rows] == [
        ["opened"],
        ["assigned"],
        ["status"],
        ["resolved"],
    ]
    assert [r["fields"] for r in rows] == [[], ["assignee", "status"], ["status"], ["status"]]
    assert rows[0]["note"] == "created"
    assert rows[3]["added"][0]["resolution"] == "重置认证服务"
    log = git(repo, "log", "--format=%H", "--", f"tickets/2026/11/{tid}.yaml").split()
    assert [r["commit"] for r in rows] == log[::-1]
    text = cli("history", tid, "--records", repo).stdout
    assert f"周敏 <{ZHOU[1]}>  {tid}: assign by zhou.min\n" in text
    assert "wang.qiang   resolved     resolution=重置认证服务\n" in text


def test_commit_message_is_structured(cli: Cli, repo: Path) -> None:
    tid = _work(cli, repo)
    body = git(repo, "log", "-1", "--format=%B")
    assert body.startswith(f"{tid}: resolve by wang.qiang\n\nin_progress -> resolved\nE")
    assert f"\nItsm-Ticket: {tid}\nItsm-Action: resolve\nItsm-Actor: wang.qiang\nItsm-Events: E" in body
    assert git(repo, "log", "-1", "--format=%cn <%ce>").strip() == "Desk Robot <desk@hengyun.example>"


def test_history_reads_git_once(cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tid = _work(cli, repo)
    calls: list[tuple[str, ...]] = []
    execute = gitpython.cmd.Git.execute

    def counting(self: gitpython.cmd.Git, command: list[str], **kwargs: object) -> object:
        calls.append(tuple(command))
        return execute(self, command, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(gitpython.cmd.Git, "execute", counting)
    revisions = vcs.history(repo, f"tickets/2026/11/{tid}.yaml")
    assert len(revisions) == 4
    assert len(calls) == 1 and calls[0][1] == "log"


def test_removed_events_and_merges_are_reported(cli: Cli, repo: Path) -> None:
    tid = _work(cli, repo)
    rel = f"tickets/2026/11/{tid}.yaml"
    path = repo / rel
    head, _, log = path.read_text(encoding="utf-8").partition("events:\n")
    items = ["  - " + item for item in log.split("  - ") if item]
    kept = [item for item in items if "type: resolved" not in item]
    assert len(kept) == len(items) - 1
    text = head.replace("status: resolved", "status: in_progress") + "events:\n" + "".join(kept)
    path.write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "hand edit: drop the resolution")
    rows = vcs.history(repo, rel)
    assert len(rows[-1].removed) == 1 and rows[-1].added == [] and rows[-1].fields == ["status"]


def test_shallow_clone_is_refused(cli: Cli, repo: Path, tmp_path: Path) -> None:
    tid = _work(cli, repo)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    result = cli("history", tid, "--records", clone)
    assert result.code == 2, result
    assert "shallow clone" in result.stderr and "git fetch --unshallow" in result.stderr
    assert result.stdout == ""


def test_outside_git_commands_write_and_history_explains(cli: Cli, people_store: Path) -> None:
    result = cli(
        "ticket",
        "note",
        "INC-2610-7KQ3P",
        "已回访",
        "--records",
        people_store,
        "--by",
        "wang.qiang",
        "--at",
        "2026-10-10T09:00:00+08:00",
    )
    assert result.code == 0, result
    assert "not in a git repository" in result.stderr and "not committed" in result.stderr
    result = cli("history", "INC-2610-7KQ3P", "--records", people_store)
    assert result.code == 2
    assert "is not inside a git repository, so there is no history to show" in result.stderr


def test_by_defaults_to_the_person_with_gits_email(cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", WANG[1])
    result = cli("ticket", "note", "INC-2610-7KQ3P", "已回访", "--records", repo, "--at", "2026-10-10T09:00:00+08:00")
    assert result.code == 0, result
    assert (
        "by: wang.qiang" in (repo / "tickets/2026/10/INC-2610-7KQ3P.yaml").read_text(encoding="utf-8").splitlines()[-1]
    )
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "stranger@example.com")
    result = cli("ticket", "note", "INC-2610-7KQ3P", "x", "--records", repo, "--at", "2026-10-10T09:01:00+08:00")
    assert result.code == 2
    assert "git's user.email stranger@example.com is not the email of any person in the policy" in result.stderr


def test_no_commit_leaves_the_change_staged(cli: Cli, repo: Path) -> None:
    before = git(repo, "rev-parse", "HEAD")
    result = cli(
        "ticket",
        "note",
        "INC-2610-7KQ3P",
        "已回访",
        "--records",
        repo,
        "--by",
        "wang.qiang",
        "--at",
        "2026-10-10T09:00:00+08:00",
        "--no-commit",
    )
    assert result.code == 0, result
    assert git(repo, "rev-parse", "HEAD") == before
    assert git(repo, "diff", "--cached", "--name-only") == "tickets/2026/10/INC-2610-7KQ3P.yaml\n"


def test_policy_commit_false_is_the_default_and_commit_overrides(cli: Cli, repo: Path) -> None:
    policy = repo / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8") + "commit: false\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "policy: do not commit by default")
    before = git(repo, "rev-parse", "HEAD")
    args = ("ticket", "note", "INC-2610-7KQ3P", "x", "--records", repo, "--by", "wang.qiang")
    assert cli(*args, "--at", "2026-10-10T09:00:00+08:00").code == 0
    assert git(repo, "rev-parse", "HEAD") == before
    assert cli(*args, "--at", "2026-10-10T09:01:00+08:00", "--commit").code == 0
    assert git(repo, "log", "-1", "--format=%s").strip() == "INC-2610-7KQ3P: note by wang.qiang"


def test_history_ignores_a_textconv_diff_driver(cli: Cli, repo: Path) -> None:
    """A repository's textconv filter (e.g. one that shows YAML upper-cased) must not change what history reads."""
    (repo / ".gitattributes").write_text("*.yaml diff=shout\n", encoding="utf-8")
    git(repo, "config", "diff.shout.textconv", "tr a-z A-Z <")
    tid = _work(cli, repo)
    rows = json.loads(cli("history", tid, "--records", repo, "--format", "json").stdout)
    assert [[e["type"] for e in r["added"]] for r in rows] == [["opened"], ["assigned"], ["status"], ["resolved"]]


def test_an_event_edited_in_place_is_shown_as_tampering(cli: Cli, repo: Path) -> None:
    tid = _work(cli, repo)
    rel = f"tickets/2026/11/{tid}.yaml"
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    start = text.index("type: status")  # wang.qiang's start: make it look as if zhou.min did it, earlier
    block_start = text.rindex("  - ", 0, start)
    block = text[block_start:start]
    forged = block.replace("by: wang.qiang", "by: zhou.min").replace("T09:05:00", "T09:02:00")
    assert forged != block
    path.write_text(text[:block_start] + forged + text[start:], encoding="utf-8")
    git(repo, "commit", "-q", "-am", "tidy")
    sha = git(repo, "rev-parse", "HEAD").strip()
    event_id = next(line.split(": ")[1] for line in block.splitlines() if line.strip().startswith("- id:"))
    rows = json.loads(cli("history", tid, "--records", repo, "--format", "json").stdout)
    assert [r["edited"] for r in rows[:-1]] == [[], [], [], []]
    (edit,) = rows[-1]["edited"]
    assert edit["id"] == event_id
    assert edit["fields"]["by"] == {"before": "wang.qiang", "after": "zhou.min"}
    assert set(edit["fields"]) == {"by", "at"}
    assert rows[-1]["added"] == [] and rows[-1]["removed"] == []
    text_out = cli("history", tid, "--records", repo).stdout
    line = next(x for x in text_out.splitlines() if x.startswith("  ! "))
    assert f"{event_id} 事件被改写 event edited in place" in line
    assert f"in {sha[:10]} by Desk Robot <desk@hengyun.example>" in line
    assert "by: wang.qiang -> zhou.min" in line and "at: 2026-11-02T09:05:00+08:00 -> 2026-11-02T09:02:00+08:00" in line
