"""A command on a hand-formatted record changes only the lines it must: the exact git diff."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers_tickets import git

from tests.conftest import Cli

HAND_WRITTEN = """\
# 事件单：手工录入，保留注释和格式
kind: incident
id: INC-2611-7KQ3P
title: "核心交换机端口闪断"   # 客户原话
service: SVC-ONSITE
sla: SLA-MAIN
cis: [CI-SRV-01]
requester: li.na
assignee: wang.qiang
group: onsite
channel: 'phone'
dimensions: {urgency: high, impact: all}
priority: P1

# 当前状态
status: in_progress
events:
  # 开单
  - id: E7KQ3P
    at: 2026-11-02T09:00:00+08:00
    by: wang.qiang
    type: opened

  - id: E8AB2C
    at: 2026-11-02T09:02:00+08:00
    by: zhou.min
    type: assigned
    to: wang.qiang
    group: onsite
  - {id: E9XY3Z, at: 2026-11-02T09:05:00+08:00, by: wang.qiang, type: status, to: in_progress}
  - id: EA1B2C
    at: 2026-11-02T09:06:00+08:00
    by: wang.qiang
    type: note
    note: |
      已到现场，
      正在排查。
"""

EXPECTED_DIFF = """\
diff --git a/tickets/2026/11/INC-2611-7KQ3P.yaml b/tickets/2026/11/INC-2611-7KQ3P.yaml
--- a/tickets/2026/11/INC-2611-7KQ3P.yaml
+++ b/tickets/2026/11/INC-2611-7KQ3P.yaml
@@ -13,7 +13,7 @@ dimensions: {urgency: high, impact: all}
 priority: P1
<space>
 # 当前状态
-status: in_progress
+status: resolved
 events:
   # 开单
   - id: E7KQ3P
@@ -35,3 +35,8 @@ events:
     note: |
       已到现场，
       正在排查。
+  - id: E777777
+    at: 2026-11-02T11:00:00+08:00
+    by: wang.qiang
+    type: resolved
+    resolution: 更换光模块
""".replace("<space>", " ")  # a blank context line is one space

REL = "tickets/2026/11/INC-2611-7KQ3P.yaml"


@pytest.fixture
def hand_repo(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = repo / REL
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(HAND_WRITTEN, encoding="utf-8")
    git(repo, "add", REL)
    git(repo, "commit", "-q", "-m", "hand-written incident")
    monkeypatch.setattr("itsmctl.ids.random_base32", lambda n: "7" * n)
    return repo


def test_resolve_changes_only_the_status_line_and_appends_the_event(cli: Cli, hand_repo: Path) -> None:
    result = cli(
        "ticket",
        "resolve",
        "INC-2611-7KQ3P",
        "--resolution",
        "更换光模块",
        "--records",
        hand_repo,
        "--at",
        "2026-11-02T11:00:00+08:00",
        "--by",
        "wang.qiang",
        "--no-commit",
    )
    assert result.code == 0, result
    diff = git(hand_repo, "diff", "--cached", "--no-color", "--no-ext-diff", "--", REL)
    assert re.sub(r"^index [0-9a-f]+\.\.[0-9a-f]+ 100644\n", "", diff, flags=re.M) == EXPECTED_DIFF
    assert cli("validate", "--records", hand_repo).code == 0


def test_new_field_goes_in_model_order_and_keeps_the_comment_block_before_status(cli: Cli, hand_repo: Path) -> None:
    text = (hand_repo / REL).read_text(encoding="utf-8").replace("assignee: wang.qiang\ngroup: onsite\n", "")
    text = text.replace("  - id: E8AB2C", "  - id: E8AB2D")  # keep the log valid without the assignment fields
    (hand_repo / REL).write_text(text.replace("    to: wang.qiang\n    group: onsite\n", ""), encoding="utf-8")
    git(hand_repo, "commit", "-q", "-am", "drop assignment")
    result = cli(
        "ticket",
        "assign",
        "INC-2611-7KQ3P",
        "--to",
        "wang.qiang",
        "--records",
        hand_repo,
        "--at",
        "2026-11-02T11:00:00+08:00",
        "--by",
        "zhou.min",
        "--no-commit",
    )
    assert result.code == 0, result
    diff = git(hand_repo, "diff", "--cached", "-U1", "--no-color", "--", REL)
    hunks = diff.split("@@", 1)[1]
    assert hunks == (
        " -8,2 +8,3 @@ cis: [CI-SRV-01]\n"
        " requester: li.na\n"
        "+assignee: wang.qiang\n"
        " channel: 'phone'\n"
        "@@ -33 +34,6 @@ events:\n"
        "       正在排查。\n"
        "+  - id: E777777\n"
        "+    at: 2026-11-02T11:00:00+08:00\n"
        "+    by: zhou.min\n"
        "+    type: assigned\n"
        "+    to: wang.qiang\n"
    )


def test_a_file_that_does_not_parse_is_never_rewritten(cli: Cli, hand_repo: Path) -> None:
    broken = HAND_WRITTEN.replace("priority: P1\n", "priority: [P1\n")
    (hand_repo / REL).write_text(broken, encoding="utf-8")
    result = cli(
        "ticket",
        "note",
        "INC-2611-7KQ3P",
        "x",
        "--records",
        hand_repo,
        "--by",
        "wang.qiang",
        "--at",
        "2026-11-02T11:00:00+08:00",
    )
    assert result.code == 1, result
    assert f"{hand_repo}/{REL}:" in result.stderr and "it was not changed" in result.stderr
    assert (hand_repo / REL).read_text(encoding="utf-8") == broken


def test_a_record_with_a_schema_finding_is_never_rewritten(cli: Cli, hand_repo: Path) -> None:
    bad = HAND_WRITTEN.replace("channel: 'phone'", "channel: pigeon")
    (hand_repo / REL).write_text(bad, encoding="utf-8")
    result = cli(
        "ticket",
        "note",
        "INC-2611-7KQ3P",
        "x",
        "--records",
        hand_repo,
        "--by",
        "wang.qiang",
        "--at",
        "2026-11-02T11:00:00+08:00",
    )
    assert result.code == 1, result
    assert "INC-2611-7KQ3P.yaml:11:1: channel: unknown channel 'pigeon'; allowed: phone 电话" in result.stderr
    assert (hand_repo / REL).read_text(encoding="utf-8") == bad


def test_an_event_earlier_than_the_log_is_refused(cli: Cli, hand_repo: Path) -> None:
    result = cli(
        "ticket",
        "note",
        "INC-2611-7KQ3P",
        "x",
        "--records",
        hand_repo,
        "--by",
        "wang.qiang",
        "--at",
        "2026-11-02T08:00:00+08:00",
    )
    assert result.code == 1, result
    assert "event is earlier than the one before it (2026-11-02T09:06:00+08:00)" in result.stderr
    assert "[events]" in result.stderr and "hint: the event log is append-only: give a later --at" in result.stderr
    assert (hand_repo / REL).read_text(encoding="utf-8") == HAND_WRITTEN
