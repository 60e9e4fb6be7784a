"""A git-initialised copy of the example store with an escalation ladder and local channels."""

from __future__ import annotations

import subprocess
from pathlib import Path

TICKET = "INC-2611-AB3CD"
TICKET_FILE = Path("tickets/2026/11/INC-2611-AB3CD.yaml")

LADDER = """escalation:
  - {level: 1, name: 预警, at_percent: 75, targets: [resolution], actions: [notify_assignee]}
  - {level: 2, name: 报警, at_percent: 100, actions: [notify_assignee, notify_manager, notify_customer]}
  - level: 3
    name: 升级
    at_percent: 120
    actions: [raise_priority, notify_manager, notify_expert]
    manager: zhou.min
    expert: chen.gang
"""

PEOPLE = """people:
  - {id: wang.qiang, name: 王强, org: 恒运信息, roles: [engineer], email: wang.qiang@example.com}
  - {id: zhou.min, name: 周敏, org: 恒运信息, roles: [project_manager, manager], email: zhou.min@example.com}
  - {id: chen.gang, name: 陈刚, org: 恒运信息, roles: [expert], email: chen.gang@example.com}
  - {id: li.na, name: 李娜, org: 华信银行, roles: [customer, customer_approver]}
  - {id: itsmctl, name: 自动升级, org: 恒运信息, roles: [service_desk]}
"""

# Opened Monday 09:00; P2 resolution is 8 business hours on CAL-CN (09:00-12:00, 13:30-18:00):
# Mon 17:00 = 3h + 3h30m = 6h30m = 81.25 % (pre-warning); the deadline is Tue 09:30;
# Tue 11:30 = 7h30m + 2h30m = 10h = 125 % (every rung, the third raises P2 to P1).
OPEN_TICKET = """# 升级测试用的事件单
kind: incident
id: INC-2611-AB3CD
title: 财务系统数据库连接超时
service: SVC-ONSITE
sla: SLA-MAIN
requester: li.na
assignee: wang.qiang
group: onsite
dimensions: {urgency: high, impact: one}
priority: P2
status: in_progress
events:
  - {id: E0PEN1, at: 2026-11-09T09:00:00+08:00, by: wang.qiang, type: opened}
  - {id: E0ASG1, at: 2026-11-09T09:05:00+08:00, by: zhou.min, type: assigned, to: wang.qiang, group: onsite}
  - {id: E0RSP1, at: 2026-11-09T09:10:00+08:00, by: wang.qiang, type: responded}
  - {id: E0WRK1, at: 2026-11-09T09:10:00+08:00, by: wang.qiang, type: status, to: in_progress}
"""
PRE_WARNING = "2026-11-09T17:00:00+08:00"
PAST_EVERY_RUNG = "2026-11-10T11:30:00+08:00"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def configure(records: Path, *, smtp_port: int, webhook_url: str) -> None:
    """Add the ladder, people with addresses, the two local channels and an open ticket."""
    policy = records / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    start, end = text.index("people:\n"), text.index("groups:\n")
    text = text[:start] + PEOPLE + text[end:]
    text += (
        "notifications:\n"
        f"  - {{id: mail, type: smtp, host: 127.0.0.1, port: {smtp_port}, sender: itsm@example.com,"
        " timeout_seconds: 5}\n"
        f'  - {{id: hook, type: webhook, url: "{webhook_url}", timeout_seconds: 5}}\n'
    )
    policy.write_text(text, encoding="utf-8")
    sla = records / "slas" / "SLA-MAIN.yaml"
    sla.write_text(sla.read_text(encoding="utf-8") + LADDER, encoding="utf-8")
    (records / TICKET_FILE).parent.mkdir(parents=True, exist_ok=True)
    (records / TICKET_FILE).write_text(OPEN_TICKET, encoding="utf-8")


def init_repo(repo: Path) -> None:
    """A repository with a pinned identity and everything committed."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "测试 Tester")
    git(repo, "config", "user.email", "tester@example.com")
    git(repo, "config", "commit.gpgsign", "false")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial store")


def commits(repo: Path) -> list[str]:
    return git(repo, "log", "--format=%s").splitlines()
