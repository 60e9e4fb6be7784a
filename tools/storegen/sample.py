"""The sample store ``records/``: 华信银行's 5x8 contract from August to 20 November 2026.

Background tickets come from the templates at random (fixed seed); the ones a demo
needs are placed by hand: tickets on the make-up working days and in the National Day
holiday, a P1 major incident on a holiday night, and the tickets still open at the
store's reference moment 2026-11-20 15:00 (just opened, near its response target,
breached and escalated, pending on the customer, waiting for a part, resolved but not
yet confirmed).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from storegen import cmdb, operations, quality, static
from storegen.catalog import INCIDENTS, REQUESTS, Template
from storegen.followups import FollowUps
from storegen.history import (
    Context,
    Plan,
    desk_steps,
    finish,
    random_opening,
    random_plan,
    reactive_ticket,
    weighted,
)
from storegen.ids import IdMint
from storegen.planned import change, complaint, problem
from storegen.priority_stories import priority_stories
from storegen.release import release_texts
from storegen.scenarios import CHANGES, COMPLAINTS, PROBLEMS
from storegen.ticket import Ticket
from storegen.worklog import record_spent
from storegen.worktime import CST, WorkCalendar

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=CST)
"""The reference moment of the sample store: a Friday afternoon."""
SEED = 20261120
START = datetime(2026, 8, 1, 0, 0, tzinfo=CST)
BACKGROUND_INCIDENTS = 100
BACKGROUND_REQUESTS = 26


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CST)


def _template(title_part: str, pool: list[Template] = INCIDENTS) -> Template:
    return next(t for t in pool if title_part in t.title)


def _cut_after(ticket: Ticket, match: Callable[[dict[str, Any]], bool]) -> Ticket:
    """Stop a story right after the first event that matches (an open ticket at 'now')."""
    index = next(i for i, e in enumerate(ticket.events) if match(e))
    ticket.keep_first(index + 1)
    return ticket


def _opened(ticket: Ticket) -> datetime:
    return ticket.events[0]["at"]


class SampleBuilder:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.ctx = Context(self.rng, IdMint(random.Random(SEED + 1)), WorkCalendar.china([2026]), NOW)
        self.desk = IdMint(random.Random(SEED + 3))
        """Ids of what was added to the stories later (desk steps, repairs): every earlier id stays."""
        self.desk.used = self.ctx.mint.used
        self.tickets: list[Ticket] = []
        self.added: list[Ticket] = []
        """The desk and repair stories: surveyed after the others, from their own random source."""

    def reactive(self, kind: str, template: Template, opened: datetime, plan: Plan | None = None) -> Ticket:
        ticket = reactive_ticket(self.ctx, kind, template, opened, plan or random_plan(self.rng, template))
        desk_steps(ticket, self.desk)
        finish(self.ctx, ticket)
        self.tickets.append(ticket)
        return ticket

    def background(self) -> None:
        end = at(11, 17, 0)
        for _ in range(BACKGROUND_INCIDENTS):
            template = weighted(self.rng, INCIDENTS)
            self.reactive("incident", template, random_opening(self.ctx, START, end))
        for _ in range(BACKGROUND_REQUESTS):
            template = weighted(self.rng, REQUESTS)
            plan = random_plan(self.rng, template)
            plan.first_line = template.delivery == "remote" and not plan.pend and self.rng.random() < 0.6
            self.reactive("request", template, random_opening(self.ctx, START, end), plan)

    def calendar_days(self) -> None:
        """Tickets on the make-up working days, in the holidays, at night and at weekends."""
        self.reactive("incident", _template("存折打印机卡纸"), at(9, 20, 9, 40))
        self.reactive("incident", _template("柜员终端开机蓝屏"), at(9, 20, 14, 25))
        self.reactive("request", _template("会议室视频会议保障", REQUESTS), at(9, 20, 10, 5))
        self.reactive("incident", _template("高拍仪"), at(10, 10, 9, 15))
        self.reactive("incident", _template("邮件无法外发"), at(10, 10, 16, 50), Plan(pend="customer"))
        self.reactive("incident", _template("备份作业失败"), at(9, 25, 7, 30), Plan(channel="monitoring"))
        self.reactive("incident", _template("备份作业失败"), at(10, 4, 3, 10), Plan(channel="monitoring"))
        self.reactive("incident", _template("UPS 电池"), at(10, 6, 11, 20), Plan(pend="vendor"))
        self.reactive(
            "incident", _template("服务器硬盘告警"), at(9, 12, 2, 40), Plan(pend="vendor", channel="monitoring")
        )
        self.reactive("incident", _template("网上银行登录"), at(8, 15, 20, 30), Plan(channel="monitoring"))

    def variety(self) -> None:
        """Stories the reports must show: breaches with escalations, reopenings, priority changes."""
        self.reactive(
            "incident", _template("财务系统月结"), at(8, 31, 16, 20), Plan(breach=True, escalate=True, share=1.9)
        )
        self.reactive("incident", _template("信贷系统无法生成"), at(9, 8, 10, 15), Plan(breach=True, escalate=True))
        self.reactive("incident", _template("OA 系统附件"), at(11, 3, 14, 0), Plan(breach=True))
        self.reactive("incident", _template("存折打印机打印错行"), at(8, 19, 10, 30), Plan(reopen=True))
        self.reactive("incident", _template("营业部接入交换机"), at(10, 27, 9, 50), Plan(reopen=True))
        self.reactive("incident", _template("防火墙 CPU"), at(10, 21, 14, 30), Plan(raise_priority=True))
        self.reactive("incident", _template("员工电脑无法上网"), at(9, 16, 11, 5), Plan(raise_priority=True))
        self.reactive("incident", _template("网络打印机无法打印"), at(11, 10, 9, 5), Plan(late_response=True))
        self.reactive("incident", _template("存折打印机卡纸"), at(11, 12, 10, 40), Plan(pend="customer"))
        self.reactive("request", _template("恢复误删", REQUESTS), at(10, 15, 10, 0), Plan(pend="customer"))
        vip = self.reactive(
            "incident",
            _template("员工电脑无法上网"),
            at(11, 4, 9, 35),
            Plan(dims=("urgent", "individual", "important"), requester="li.na"),
        )
        vip.fields["title"] = "行长办公室电脑无法访问内网"
        vip.fields["priority"] = "P2"
        vip.fields["priority_override"] = {
            "priority": "P2",
            "reason": "行领导终端，按合同附件“重要用户清单”提级处理",
            "by": "zhou.min",
            "at": vip.events[0]["at"] + timedelta(minutes=4),
        }

    def holiday_major(self) -> Ticket:
        """P1 on the night of 2 October: the batch fails in the National Day holiday."""
        t = self.reactive("incident", _template("核心业务系统批量"), at(10, 2, 21, 35), Plan(requester="li.na"))
        t.events[0]["by"] = "zhou.min"
        t.events[0]["note"] = "客户拨打服务热线无人接听，改拨项目经理手机报障"
        t.events[1]["by"] = "zhou.min"
        t.comment = "国庆假期夜间的重大事件（P1），见投诉单及内审不符合项 nc1"
        return t

    def open_now(self) -> None:
        """Tickets still open at 2026-11-20 15:00, one per situation a demo should show."""
        # just opened and dispatched, not yet responded: fine
        t = self.reactive("incident", _template("高拍仪"), at(11, 20, 14, 52), Plan(requester="xu.ting"))
        _cut_after(t, lambda e: e["type"] == "assigned")
        # dispatched at 14:14, no response yet: 50 minutes into the 1h response target (warning)
        t = self.reactive("incident", _template("营业部接入交换机"), at(11, 20, 14, 10), Plan(requester="xu.ting"))
        _cut_after(t, lambda e: e["type"] == "assigned")
        t.comment = "截至 11-20 15:00 已过 50 分钟仍未响应（响应目标 1 小时，已到预警线）"
        # P2 past its resolution target, escalated twice
        t = self.reactive(
            "incident",
            _template("网上银行登录"),
            at(11, 17, 10, 20),
            Plan(breach=True, escalate=True, share=2.6, dims=("very_urgent", "some", "important")),
        )
        t.truncate(at(11, 20, 11, 40))
        # pending on the customer since Thursday (paused)
        t = self.reactive("incident", _template("柜员终端开机蓝屏"), at(11, 19, 10, 5), Plan(pend="customer"))
        _cut_after(t, lambda e: e.get("to") == "pending_customer")
        # waiting for a spare part
        t = self.reactive("incident", _template("服务器硬盘告警"), at(11, 19, 9, 30), Plan(pend="vendor"))
        _cut_after(t, lambda e: e.get("to") == "pending_vendor")
        # resolved at lunch time, customer confirmation still to come
        t = self.reactive("incident", _template("网络打印机无法打印"), at(11, 20, 9, 20), Plan(share=0.05))
        _cut_after(t, lambda e: e["type"] == "resolved")
        # being worked on, well within target
        t = self.reactive("incident", _template("OA 系统登录"), at(11, 19, 14, 0))
        _cut_after(t, lambda e: e.get("to") == "in_progress")
        t = self.reactive("incident", _template("城东支行网络时断时续"), at(11, 20, 10, 30), Plan(share=0.4))
        _cut_after(t, lambda e: e["type"] == "onsite")
        t = self.reactive(
            "request", _template("申请数据库只读账号", REQUESTS), at(11, 18, 15, 10), Plan(pend="customer")
        )
        _cut_after(t, lambda e: e.get("to") == "pending_customer")
        t = self.reactive("request", _template("会议室视频会议保障", REQUESTS), at(11, 20, 11, 0))
        _cut_after(t, lambda e: e.get("to") == "in_progress")
        t = self.reactive("request", _template("新员工开通", REQUESTS), at(11, 20, 14, 53), Plan(first_line=False))
        _cut_after(t, lambda e: e["type"] == "opened")

    def desk_and_repairs(self) -> None:
        """A re-dispatch after a late arrival, an exception told to the project manager, and two
        vendor repairs (one back late after 13 silent days, one away now), from their own random
        source and ids so every other record stays as it was."""
        ctx = Context(random.Random(SEED + 4), self.desk, self.ctx.cal, NOW)

        def story(kind: str, title: str, opened: datetime, plan: Plan, upto: str) -> Ticket:
            ticket = reactive_ticket(ctx, kind, _template(title), opened, plan)
            _cut_after(ticket, lambda e: e["type"] == upto)
            desk_steps(ticket, self.desk)
            self.added.append(ticket)
            return ticket

        def close(ticket: Ticket, resolved: datetime, engineer: str, resolution: str) -> None:
            ticket.add("resolved", resolved, engineer, resolution=resolution)
            ticket.add("confirmed", resolved + timedelta(minutes=40), engineer, contact="xu.ting", method="phone")
            ticket.add("closed", resolved + timedelta(minutes=55), "zhao.li")
            ticket.sync()

        late = story(
            "incident", "营业部接入交换机", at(11, 9, 9, 10),
            Plan(dims=("very_urgent", "all", "important"), engineer="wang.qiang", requester="xu.ting"), "responded",
        )  # fmt: skip
        late.add("status", late.last_at, "wang.qiang", to="in_progress")
        late.add("assigned", at(11, 9, 11, 18), "zhao.li", to="liu.yang", group="onsite", redispatch=True,
                 note="原工程师途中车辆故障未能按时到场，改派驻场工程师")  # fmt: skip
        late.add("execution_confirmed", at(11, 9, 11, 21), "liu.yang")
        late.add("manager_informed", at(11, 9, 11, 25), "zhao.li", manager="zhou.min", method="phone",
                 note="到场超时，已改派并告知项目经理")  # fmt: skip
        late.add("onsite", at(11, 9, 11, 50), "liu.yang")
        late.add("recovered", at(11, 9, 13, 40), "liu.yang", note="更换交换机端口模块，业务恢复")
        close(late, at(11, 9, 14, 30), "liu.yang", "更换故障端口模块并恢复配置，复测正常。")
        late.comment = "到场超时（P1 到场 2 小时，11:10 到期），11:18 改派（改派时限 10 分钟）"

        trouble = story(
            "incident", "财务系统月结", at(11, 13, 10, 0), Plan(engineer="chen.hao", requester="xu.ting"), "responded"
        )
        trouble.add("status", trouble.last_at, "chen.hao", to="in_progress")
        trouble.add("onsite", at(11, 13, 10, 45), "chen.hao")
        trouble.add("exception", at(11, 13, 11, 0), "chen.hao",
                    reason="客户机房空调故障，财务服务器过热告警，需客户配合停机检查")  # fmt: skip
        trouble.add("manager_informed", at(11, 13, 11, 12), "chen.hao", manager="zhou.min", method="phone")
        close(trouble, at(11, 13, 16, 0), "chen.hao", "机房空调修复后重启财务服务器，月结凭证过账正常。")
        trouble.comment = "工程师 11:00 上报异常，11:12 告知项目经理（时限 20 分钟）"

        silent = story(
            "incident", "存折打印机打印错行", at(10, 26, 9, 30),
            Plan(engineer="wang.qiang", requester="xu.ting"), "responded",
        )  # fmt: skip
        silent.add("status", silent.last_at, "wang.qiang", to="in_progress")
        silent.add(
            "repair_sent", at(10, 26, 14, 0), "wang.qiang", vendor="南天信息", device="存折打印机 SN PR2019-0042"
        )
        silent.add("status", at(10, 26, 14, 0), "wang.qiang", to="pending_vendor", reason="存折打印机送厂商保修")
        silent.add("loaner_issued", at(10, 26, 15, 0), "wang.qiang", device="备用存折打印机 SN PR2018-0007")
        silent.add("repair_progress", at(10, 28, 16, 0), "wang.qiang", progress="厂商已检测：打印头驱动板故障，待更换")
        silent.add("repair_returned", at(11, 11, 10, 0), "wang.qiang", note="厂商更换驱动板后返回")
        silent.add("status", at(11, 11, 10, 5), "wang.qiang", to="in_progress", reason="送修设备已返回")
        silent.add("loaner_returned", at(11, 11, 11, 0), "wang.qiang")
        close(silent, at(11, 11, 11, 30), "wang.qiang", "送修返回的打印机装机调试，打印位置正常。")
        silent.comment = "厂商送修：10-28 之后 13 天无书面进展，第二个周末（11-07）前未返回"

        away = story(
            "incident", "高拍仪", at(11, 16, 10, 0), Plan(engineer="liu.yang", requester="xu.ting"), "responded"
        )
        away.add("status", away.last_at, "liu.yang", to="in_progress")
        away.add("repair_sent", at(11, 16, 15, 0), "liu.yang", vendor="良田科技", device="高拍仪 SN GP2020-1138")
        away.add("status", at(11, 16, 15, 0), "liu.yang", to="pending_vendor", reason="高拍仪送厂商保修")
        away.add("repair_progress", at(11, 18, 11, 0), "liu.yang", progress="厂商确认镜头模组故障，已安排更换")
        away.sync()
        away.comment = "送修中：11-18 有书面进展，下次进展 11-23 前到期；约定的备用机尚未提供"

    def problems_changes_complaints(self, major: Ticket) -> None:
        """The incidents problems grow from, then changes, problems and complaints that link them."""
        ctx = self.ctx

        def incidents_like(part: str) -> list[Ticket]:
            return [t for t in self.tickets if t.kind == "incident" and part in t.fields["title"]]

        # the incidents the problems grew from
        for day_, hour in ((5, 10), (20, 15)):
            self.reactive("incident", _template("存折打印机卡纸"), at(8, day_, hour, 35))
        for day_, hour in ((6, 9), (18, 14)):
            self.reactive("incident", _template("OA 系统登录"), at(8, day_, hour, 20), Plan())
        for day_, hour in ((9, 9), (22, 15), (29, 10)):
            self.reactive("incident", _template("柜面系统交易响应缓慢"), at(9, day_, hour, 10))
        for day_, hour in ((10, 10), (14, 15)):
            self.reactive("incident", _template("网上银行登录"), at(10, day_, hour, 25))
        self.reactive(
            "incident", _template("城东支行网络中断"), at(8, 26, 9, 45), Plan(late_response=True, engineer="chen.hao")
        )
        self.reactive("incident", _template("城东支行网络中断"), at(9, 3, 14, 5), Plan(engineer="chen.hao"))

        starts = {
            "oa-disk": (at(8, 11, 10, 0), at(8, 19, 18, 30)),
            "credit-db": (at(9, 1, 9, 30), at(9, 19, 20, 0)),
            "mq": (at(10, 12, 10, 0), at(10, 24, 21, 0)),
            "firewall": (at(10, 21, 16, 40), at(10, 21, 19, 30)),
            "core-switch": (at(10, 14, 15, 0), at(10, 31, 22, 0)),
            "core-switch-redo": (at(11, 9, 10, 30), at(11, 21, 22, 0)),
            "waf": (at(10, 26, 9, 45), at(11, 7, 21, 0)),
            "vh-expand": (at(11, 16, 14, 0), at(12, 5, 20, 0)),
        }
        changes: dict[str, Ticket] = {}
        for name, change_spec in CHANGES.items():
            opened, start = starts[name]
            related = [changes["core-switch"].id] if name == "core-switch-redo" else []
            c = change(ctx, change_spec, opened, start, related)
            changes[name] = c
            self.tickets.append(c)
        changes["credit-db"].comment = "高风险变更：周六夜间实施，周日（9 月 20 日调休上班）业务验证"
        changes["core-switch"].comment = "实施失败已回退；重新实施见后续变更单"

        made: dict[str, Ticket] = {}
        openings = {
            "printer": at(9, 2, 10, 0),
            "mq": at(10, 8, 9, 30),
            "ebank": at(10, 16, 14, 0),
            "backup": at(11, 11, 10, 0),
            "branch": at(9, 7, 9, 30),
            "oa": at(8, 24, 11, 0),
        }
        keys = {
            "printer": "存折打印机卡纸",
            "mq": "交易响应缓慢",
            "ebank": "网上银行登录",
            "backup": "备份作业失败",
            "branch": "城东支行网络",
            "oa": "OA 系统登录",
        }
        fixed_by = {"mq": changes["mq"].last("closed")["at"], "branch": at(10, 12, 9, 0)}  # type: ignore[index]
        for name, spec in PROBLEMS.items():
            opened = openings[name]
            earlier = sorted((t for t in incidents_like(keys[name]) if t.events[0]["at"] < opened), key=_opened)
            linked = earlier[-4:]
            p = problem(ctx, spec, opened, [t.id for t in linked], [], resolve_after=fixed_by.get(name))
            for t in linked:
                t.fields["related"] = [p.id]
            made[name] = p
            self.tickets.append(p)
        changes["mq"].fields["related"] = [made["mq"].id]
        made["mq"].fields["related"] = [changes["mq"].id]
        changes["credit-db"].comment = "高风险变更：周六夜间实施，周日（9 月 20 日调休上班）业务验证"
        changes["core-switch"].comment = "实施失败已回退；重新实施见后续变更单"
        self.changes = changes

        branch = incidents_like("城东支行网络中断")[0]
        when = {
            "late": (at(8, 27, 10, 30), [branch.id]),
            "attitude": (at(9, 9, 15, 20), []),
            "holiday": (at(10, 8, 9, 40), [major.id]),
            "repeat": (at(11, 18, 11, 0), [made["printer"].id]),
        }
        for name, complaint_spec in COMPLAINTS.items():
            opened, related = when[name]
            self.tickets.append(complaint(ctx, complaint_spec, opened, related))

    def cmdb_log(self) -> dict[str, list[dict[str, Any]]]:
        """The CIs' change-log entries: one per CI an implemented change names, on the day and by
        the person that started implementing it (approved before, so ``ci-change`` holds)."""
        logs: dict[str, list[dict[str, Any]]] = {}
        for name, done in cmdb.CHANGE_LOG.items():
            cmdb.add_log_entries(logs, self.changes[name], done)
        return logs

    def build(self) -> dict[str, str]:
        files: dict[str, str] = {
            "policy.yaml": static.policy_text(),
            "calendars/CAL-CN-5X8.yaml": static.calendar_text(),
            "calendars/CAL-7X24.yaml": static.phone_calendar_text(),
            "slas/SLA-HXB-2026.yaml": static.sla_text(),
            **static.service_texts(),
        }
        self.background()
        self.calendar_days()
        self.variety()
        major = self.holiday_major()
        self.problems_changes_complaints(major)
        self.open_now()
        # their own id source: the seeded stories above keep their ids
        self.tickets.extend(priority_stories(IdMint(random.Random(SEED + 3))))
        self.desk_and_repairs()
        survey_rng = random.Random(SEED + 2)
        follow_ups = FollowUps(Context(random.Random(SEED + 6), IdMint(random.Random(SEED + 7)), self.ctx.cal, NOW))
        for ticket in sorted(self.tickets, key=_opened):
            record_spent(ticket)
            files[ticket.path] = ticket.text()
            if ticket.kind in ("incident", "request"):
                made = quality.callback(survey_rng, self.ctx.mint, ticket, NOW, follow_ups)
                if made:
                    files[made[0]] = made[1]
        added_rng = random.Random(SEED + 5)
        for ticket in sorted(self.added, key=_opened):
            record_spent(ticket)
            files[ticket.path] = ticket.text()
            made = quality.callback(added_rng, self.desk, ticket, NOW, follow_ups)
            if made:
                files[made[0]] = made[1]
        for complaint_ticket in follow_ups.opened:
            files[complaint_ticket.path] = complaint_ticket.text()
        path, text = quality.periodic_survey(self.ctx.mint)
        files[path] = text
        files.update(cmdb.ci_texts(self.cmdb_log()))
        files["audits/AUD-2026-H1.yaml"] = quality.audit_h1_text()
        files["audits/AUD-2026-H2.yaml"] = quality.audit_text()
        files["reviews/MR-2026.yaml"] = quality.review_text()
        files.update(quality.supplier_texts())
        files.update(release_texts())
        files.update(operations.operation_texts(self.ctx.cal, NOW, self._backup_incident()))
        return files

    def _backup_incident(self) -> tuple[str, datetime] | None:
        """The first backup-failure incident opened on a working morning: a weekly check found it."""
        for ticket in sorted(self.tickets, key=_opened):
            opened = _opened(ticket)
            title = str(ticket.fields.get("title", ""))
            working = self.ctx.cal.is_working_day(opened.date()) and 9 <= opened.hour < 17
            if ticket.kind == "incident" and "备份" in title and working:
                return ticket.id, opened
        return None


def build_sample() -> dict[str, str]:
    """Every file of the sample store, path -> text."""
    return SampleBuilder().build()
