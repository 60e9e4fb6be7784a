"""The exact words of a notice: Chinese first, English second."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from itsmctl.notify import Recipient
from itsmctl.notify.message import compose

CST = timezone(timedelta(hours=8))


def test_escalation_with_priority_raise() -> None:
    subject, body = compose(
        ticket="INC-2611-AB3CD",
        title="财务系统数据库连接超时",
        level=3,
        name="升级",
        target="resolution",
        state="breached",
        deadline=datetime(2026, 11, 10, 9, 30, tzinfo=CST),
        percent=125.4,
        priority_before="P2",
        priority_after="P1",
        recipients=[Recipient("zhou.min", "周敏"), Recipient("chen.gang", "陈刚")],
    )
    assert subject == (
        "【升级 L3 升级】INC-2611-AB3CD 财务系统数据库连接超时 / "
        "[Escalation L3] INC-2611-AB3CD resolution alarm: breached"
    )
    assert body == (
        "工单 INC-2611-AB3CD「财务系统数据库连接超时」解决时限报警：已超时"
        "（已用 125%，截止 2026-11-10 09:30 +0800）。\n"
        "升级级别：L3 升级。\n"
        "优先级已由 P2 提升为 P1。\n"
        "通知：周敏、陈刚。请尽快处理。\n"
        "\n"
        "Ticket INC-2611-AB3CD (财务系统数据库连接超时): resolution target alarm: breached "
        "(125% used, deadline 2026-11-10 09:30 +0800).\n"
        "Escalation level 3: 升级.\n"
        "Priority raised from P2 to P1.\n"
        "Notified: zhou.min, chen.gang. Please act now.\n"
    )


def test_pre_warning_keeps_the_priority() -> None:
    subject, body = compose(
        ticket="INC-2611-AB3CD",
        title="T",
        level=1,
        name="预警",
        target="response",
        state="warning",
        deadline=None,
        percent=80.0,
        priority_before="P2",
        priority_after="P2",
        recipients=[],
    )
    assert subject.startswith("【升级 L1 预警】INC-2611-AB3CD T / [Escalation L1] INC-2611-AB3CD response pre-warning")
    assert "响应时限预警：即将超时（已用 80%，截止 -）" in body
    assert "当前优先级：P2。" in body and "通知：（无）" in body


def test_a_deadline_on_estimated_holidays_says_it_may_move() -> None:
    args = dict(ticket="INC-2701-AB3CD", title="T", level=2, name="报警", target="resolution", state="warning")
    _, body = compose(
        **args,
        deadline=datetime(2027, 2, 3, 9, 30, tzinfo=CST),
        percent=80.0,
        priority_before="P2",
        priority_after="P2",
        recipients=[],
        estimated_years=(2027,),
    )
    zh, en = body.split("\n\n")
    assert zh.splitlines()[1] == "注意：截止时间按 2027 年的估计节假日计算，官方安排公布后可能变动。"
    assert en.splitlines()[1] == "Note: the deadline counts 2027 holidays that are only estimated; it may move."
    _, plain = compose(**args, deadline=None, percent=80.0, priority_before="P2", priority_after="P2", recipients=[])
    assert "估计" not in plain and "estimated" not in plain
