from __future__ import annotations

from itsmctl.notify import Delivery, Notice, Recipient


def notice(channels: tuple[str, ...] = ("mail", "hook"), recipients: list[Recipient] | None = None) -> Notice:
    return Notice(
        ticket="INC-2611-AB3CD",
        title="财务系统数据库连接超时",
        event="EA1B2C3",
        level=2,
        name="报警",
        target="resolution",
        state="breached",
        deadline="2026-11-10T09:30:00+08:00",
        percent=100.0,
        priority="P2",
        created_at="2026-11-10T09:30:00+08:00",
        recipients=recipients
        if recipients is not None
        else [
            Recipient("wang.qiang", "王强", "wang.qiang@example.com", "assignee"),
            Recipient("li.na", "李娜", None, "customer"),
        ],
        message="工单 INC-2611-AB3CD 已超时。\n\nTicket INC-2611-AB3CD breached.\n",
        subject="【升级 L2 报警】INC-2611-AB3CD / [Escalation L2] INC-2611-AB3CD",
        actions=["notify_assignee", "notify_customer"],
        deliveries={c: Delivery() for c in channels},
    )
