"""Tickets whose priority changed while a clock ran: the rules of docs/sla-rules.md §5.14.

Built by hand, each event at a chosen minute, with their own id source, so the seeded
stories of the rest of the sample keep their ids.  Both are still open at the reference
moment (no callback survey is drawn for them).
"""

from __future__ import annotations

from datetime import datetime

from storegen.catalog import INCIDENTS, Template
from storegen.ids import IdMint
from storegen.ticket import Ticket
from storegen.worktime import CST


def _at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CST)


def _template(title: str) -> Template:
    return next(t for t in INCIDENTS if t.title == title)


def _incident(mint: IdMint, template: Template, opened: datetime, **fields: object) -> Ticket:
    ticket = Ticket(
        "incident",
        mint.record("INC", opened),
        {
            "title": template.title,
            "description": template.description.format(w=3, d="营业部", s="城东支行"),
            "service": template.service,
            "sla": "SLA-HXB-2026",
            "cis": list(template.cis),
            "requester": "xu.ting",
            "group": "onsite",
            "channel": "phone",
            "delivery": template.delivery,
            "category": template.category,
            **fields,
        },
        mint=mint,
    )
    return ticket


def downgraded_after_breach(mint: IdMint) -> Ticket:
    """Opened P1, response breached at 09:30, lowered to P3 at 09:40, answered at 09:50.

    Under P3 alone 50 minutes would meet the 1-hour response; the 30 minutes of the P1 in
    force until 09:40 were passed at 09:30, so the response is missed and stays missed.
    The desk told the manager at 09:35; the engineer explains the breach (the report's
    recorded reason).
    """
    t = _incident(
        mint,
        _template("柜员终端开机蓝屏"),
        _at(11, 19, 9, 0),
        dimensions={"urgency": "urgent", "impact": "individual", "importance": "important"},
        priority="P1",
    )
    t.add("opened", _at(11, 19, 9, 0), "zhao.li", priority="P1", note="客户来电称全部柜员终端蓝屏，按 P1 登记")
    t.add("assigned", _at(11, 19, 9, 3), "zhao.li", to="wang.qiang", group="onsite")
    t.add(
        "escalated",
        _at(11, 19, 9, 35),
        "zhao.li",
        level=2,
        target="response",
        actions=["notify_manager"],
        notified=["zhou.min"],
        note="响应超时，电话报告项目经理",
    )
    t.add(
        "priority",
        _at(11, 19, 9, 40),
        "zhou.min",
        to="P3",
        reason="回电核实：仅 3 号窗口一台柜员终端蓝屏，按矩阵重新评估为 P3",
    )
    t.add("responded", _at(11, 19, 9, 50), "wang.qiang")
    t.add("status", _at(11, 19, 9, 50), "wang.qiang", to="in_progress")
    t.add("onsite", _at(11, 19, 10, 35), "wang.qiang")
    t.add(
        "explained",
        _at(11, 19, 11, 0),
        "wang.qiang",
        target="response",
        reason="报障电话转至值班手机未接通，09:50 才回电；P1 的 30 分钟响应已于 09:30 超时",
    )
    t.comment = "P1 响应 09:30 已超时，09:40 降为 P3：降级不改变已发生的超时（sla-rules §5.14）"
    t.sync()
    return t


def raised_past_its_goal(mint: IdMint) -> Ticket:
    """Opened P3 on Monday, raised to P1 on Wednesday 14:00, recovered at 16:30, resolved Friday.

    17.5 business hours had run by the raise, past P1's 8-hour resolution and 4-hour
    recovery: both breach at the raise (Wednesday 14:00), not on Monday or Tuesday under a
    goal nobody had set yet; the manager's clock starts at 14:00 too.
    """
    t = _incident(
        mint,
        _template("柜面系统交易响应缓慢"),
        _at(11, 16, 10, 0),
        dimensions={"urgency": "very_urgent", "impact": "all", "importance": "very_important"},
        priority="P3",
    )
    t.add("opened", _at(11, 16, 10, 0), "zhao.li", priority="P3", note="单个营业部反映交易偶发缓慢")
    t.add("assigned", _at(11, 16, 10, 4), "zhao.li", to="liu.yang", group="onsite")
    t.add("responded", _at(11, 16, 10, 25), "liu.yang")
    t.add("status", _at(11, 16, 10, 25), "liu.yang", to="in_progress")
    t.add("onsite", _at(11, 16, 11, 10), "liu.yang")
    t.add(
        "priority",
        _at(11, 18, 14, 0),
        "zhou.min",
        to="P1",
        reason="故障扩大：全行柜面交易缓慢，按矩阵重新评估为 P1",
    )
    t.add(
        "escalated",
        _at(11, 18, 14, 5),
        "zhao.li",
        level=2,
        target="resolution",
        actions=["notify_manager"],
        notified=["zhou.min"],
        note="提级后解决时限已超时，电话报告项目经理",
    )
    t.add("recovered", _at(11, 18, 16, 30), "liu.yang")
    t.add(
        "explained",
        _at(11, 18, 17, 0),
        "zhou.min",
        target="resolution",
        reason="周一至周三按单点问题（P3）排查；周三 14:00 扩大为全行故障后提级抢修，16:30 恢复",
    )
    t.add("resolved", _at(11, 20, 10, 0), "liu.yang", resolution=_template("柜面系统交易响应缓慢").resolution)
    t.comment = "周三 14:00 由 P3 提为 P1：超时记在提级时刻，而不是周一（sla-rules §5.14）"
    t.sync()
    return t


def priority_stories(mint: IdMint) -> list[Ticket]:
    return [downgraded_after_breach(mint), raised_past_its_goal(mint)]
