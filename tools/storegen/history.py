"""Believable histories for incidents and service requests.

A :class:`Plan` says what kind of story a ticket has (pending on the customer, waiting
for a spare part, reopened, breached and escalated, raised in priority…);
:func:`reactive_ticket` turns it into an event log on the 5x8 calendar: the service desk
dispatches within minutes, the engineer responds within the hour in working time,
goes on site, fixes it, the customer confirms and the desk closes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storegen.catalog import DEPARTMENTS, PEND_CUSTOMER, PEND_VENDOR_NOTE, SITES, Template
from storegen.ids import IdMint
from storegen.people import ENGINEERS, REQUESTER_WEIGHTS, REQUESTERS, RESIDENT
from storegen.static import priority_of
from storegen.ticket import Ticket
from storegen.worktime import WorkCalendar

SLA_ID = "SLA-HXB-2026"
RESOLUTION_MINUTES = {"P1": 480, "P2": 900, "P3": 1350, "P4": 2250}
"""Resolution targets in business minutes (8h, 2bd, 3bd, 5bd on a 7.5-hour day)."""
PRIORITY_ORDER = ("P1", "P2", "P3", "P4")


@dataclass
class Context:
    """Everything a generator shares: the seeded random source, ids, calendar, 'now'."""

    rng: random.Random
    mint: IdMint
    cal: WorkCalendar
    now: datetime


@dataclass
class Plan:
    """The shape of one ticket's story; every flag defaults to the plain path."""

    pend: str | None = None
    """'customer' or 'vendor'."""
    reopen: bool = False
    breach: bool = False
    late_response: bool = False
    escalate: bool = False
    raise_priority: bool = False
    first_line: bool = False
    engineer: str | None = None
    requester: str | None = None
    dims: tuple[str, str, str] | None = None
    channel: str | None = None
    share: float | None = None
    """Resolution work as a share of the target (over 1 = breached)."""


def _fill(text: str, rng: random.Random) -> str:
    return text.format(w=rng.randint(1, 12), d=rng.choice(DEPARTMENTS), s=rng.choice(SITES))


def random_plan(rng: random.Random, template: Template) -> Plan:
    """A typical mix: most tickets run plainly, a few pend, breach, reopen or escalate."""
    roll = rng.random()
    plan = Plan()
    if template.part and roll < 0.8:
        plan.pend = "vendor"
    elif roll < 0.08:
        plan.pend = "customer"
    plan.breach = rng.random() < 0.07
    plan.escalate = plan.breach and rng.random() < 0.6
    plan.late_response = rng.random() < 0.04
    plan.reopen = rng.random() < 0.04
    plan.raise_priority = rng.random() < 0.03
    desk_can_fix = template.delivery == "remote" and template.category in ("account", "desktop", "software", "backup")
    plan.first_line = desk_can_fix and not plan.pend and rng.random() < 0.6
    return plan


def reactive_ticket(ctx: Context, kind: str, template: Template, opened: datetime, plan: Plan) -> Ticket:
    """An incident or request with its whole story from ``opened`` on (cut later at 'now')."""
    rng, cal = ctx.rng, ctx.cal
    dims = plan.dims or (rng.choice((template.dims, *template.alt_dims)) if template.alt_dims else template.dims)
    priority = priority_of(*dims)
    requester = plan.requester or rng.choices(REQUESTERS, REQUESTER_WEIGHTS)[0]
    if template.branch:
        requester = "gao.yan"
    crew = RESIDENT if rng.random() < 0.8 else ENGINEERS
    engineer = plan.engineer or ("chen.hao" if template.branch else rng.choice(crew))
    channel = plan.channel or rng.choices(("phone", "wechat", "mail", "monitoring", "walk_in"), (6, 2, 1, 2, 1))[0]
    if template.category in ("hardware", "backup", "database") and rng.random() < 0.6:
        channel = "monitoring"
    prefix = "INC" if kind == "incident" else "REQ"
    ticket = Ticket(
        kind,
        ctx.mint.record(prefix, opened),
        {
            "title": _fill(template.title, rng),
            "description": _fill(template.description, rng),
            "service": template.service,
            "sla": SLA_ID,
            "cis": list(template.cis),
            "requester": requester,
            "group": "onsite",
            "channel": channel,
            "delivery": "remote" if plan.first_line else template.delivery,
            "category": template.category,
            "dimensions": dict(zip(("urgency", "impact", "importance"), dims, strict=True)),
            "priority": priority,
            "major": priority == "P1" and kind == "incident" and dims[1] == "all",
        },
        mint=ctx.mint,
    )
    desk = "zhao.li"
    ticket.add("opened", opened, desk if channel != "walk_in" else engineer)
    if plan.first_line:
        _first_line(ctx, ticket, template, opened)
        return ticket
    dispatched = opened + timedelta(minutes=rng.randint(2, 9))
    ticket.add("assigned", dispatched, desk, to=engineer, group="onsite")
    working = cal.is_working(opened)
    if not working and priority in ("P1", "P2"):
        responded = dispatched + timedelta(minutes=rng.randint(5, 25))
        ticket.add("responded", responded, engineer, note="非工作时间电话响应，远程指导先行处置")
    else:
        budget = rng.uniform(65, 150) if plan.late_response else rng.uniform(3, 25 if priority == "P1" else 40)
        responded = max(cal.add(opened, budget), dispatched + timedelta(minutes=1))
        ticket.add("responded", responded, engineer)
    ticket.add("status", responded, engineer, to="in_progress")
    here = responded
    if plan.raise_priority and priority != "P1":
        raised = PRIORITY_ORDER[PRIORITY_ORDER.index(priority) - 1]
        here = cal.add(here, rng.uniform(10, 60))
        ticket.add("priority", here, desk, to=raised, reason="客户反馈影响范围扩大，经项目经理同意上调优先级")
        priority = raised
    if template.delivery == "onsite":
        travel = rng.uniform(60, 150) if template.branch else rng.uniform(5, 45)
        here = cal.add(here, travel) if working or priority not in ("P1", "P2") else here + timedelta(minutes=travel)
        ticket.add("onsite", here, engineer)
    target = RESOLUTION_MINUTES[priority]
    share = plan.share or (rng.uniform(1.15, 2.4) if plan.breach else rng.betavariate(1.4, 4.0) * 0.9)
    work = max(share * target, 20.0)
    pause: tuple[datetime, datetime] | None = None
    if plan.pend == "customer":
        stop = cal.add(here, rng.uniform(15, 90))
        ticket.add("status", stop, engineer, to="pending_customer", reason=rng.choice(PEND_CUSTOMER))
        resume = cal.next_working(stop + timedelta(hours=rng.uniform(2, 50)))
        ticket.add("status", resume, engineer, to="in_progress", reason="客户已具备处理条件，继续处理")
        pause = (stop, resume)
        here = resume
    elif plan.pend == "vendor" and template.part:
        stop = cal.add(here, rng.uniform(15, 60))
        ticket.add(
            "status", stop, engineer, to="pending_vendor", reason=f"等待备件：{template.part}", note=PEND_VENDOR_NOTE
        )
        arrival = cal.next_working(stop + timedelta(hours=rng.uniform(4, 60)))
        ticket.add("part_arrived", arrival, engineer, part=template.part)
        resume = arrival + timedelta(minutes=rng.randint(3, 20))
        ticket.add("status", resume, engineer, to="in_progress")
        pause = (stop, resume)
        here = resume

    def after(business_minutes: float) -> datetime:
        """The moment ``business_minutes`` of running clock have passed since opening."""
        if pause is None or business_minutes <= cal.elapsed(opened, pause[0]):
            return cal.add(opened, business_minutes)
        return cal.add(pause[1], business_minutes - cal.elapsed(opened, pause[0]))

    remaining = max(cal.elapsed(here, after(work)), rng.uniform(15, 60))
    night_work = not working and priority in ("P1", "P2") and not plan.breach
    if priority == "P1":
        if night_work:
            recovered = here + timedelta(minutes=rng.uniform(30, 120))
        else:
            recovered = cal.add(here, min(remaining * 0.5, rng.uniform(30, 150)))
        ticket.add("recovered", recovered, engineer, note="业务已恢复，继续排查根本原因")
        remaining = max(remaining - cal.elapsed(here, recovered), 20)
        here = recovered
    # out of hours, urgent work goes on through the night (the clock only starts next morning)
    resolved = here + timedelta(minutes=rng.uniform(40, 180)) if night_work else cal.add(here, remaining)
    ticket.add("resolved", resolved, engineer, resolution=template.resolution)
    if plan.escalate:
        for level, pct, actions, notified in (
            (1, 0.75, ["notify_assignee", "notify_group"], [engineer]),
            (2, 1.0, ["notify_manager", "notify_customer"], ["zhou.min", requester]),
        ):
            at = after(target * pct)
            if responded < at < resolved:
                ticket.insert(
                    "escalated", at, desk, level=level, target="resolution", actions=actions, notified=notified
                )
    if plan.reopen:
        again = cal.add(resolved, rng.uniform(60, 600))
        ticket.add("reopened", again, desk, reason="用户反馈同一问题再次出现", to="in_progress")
        fixed = cal.add(again, rng.uniform(30, 240))
        ticket.add("resolved", fixed, engineer, resolution=template.resolution + "复测一天无复发。")
        resolved = fixed
    _close(ctx, ticket, resolved, engineer, requester, template.delivery)
    return ticket


def _first_line(ctx: Context, ticket: Ticket, template: Template, opened: datetime) -> None:
    """Solved by the service desk on the phone, without dispatch (一线解决)."""
    rng, cal = ctx.rng, ctx.cal
    taken = opened + timedelta(minutes=rng.randint(1, 3))
    ticket.add("assigned", taken, "zhao.li", to="zhao.li", group="service_desk", note="服务台一线受理")
    responded = max(cal.add(opened, rng.uniform(1, 5)), taken)
    ticket.add("responded", responded, "zhao.li")
    ticket.add("status", responded, "zhao.li", to="in_progress")
    resolved = cal.add(responded, rng.uniform(5, 40))
    advice = "服务台一线处理：" + template.resolution
    ticket.add("resolved", resolved, "zhao.li", resolution=advice, first_line=True)
    _close(ctx, ticket, resolved, "zhao.li", ticket.fields["requester"], "remote")


def _close(ctx: Context, ticket: Ticket, resolved: datetime, engineer: str, requester: str, delivery: str) -> None:
    rng = ctx.rng
    method = "onsite_sign" if delivery == "onsite" else rng.choice(("phone", "phone", "wechat"))
    confirmed = resolved + timedelta(minutes=rng.choice((rng.uniform(3, 40), rng.uniform(40, 300))))
    ticket.add("confirmed", confirmed, engineer, contact=requester, method=method)
    ticket.add("closed", confirmed + timedelta(minutes=rng.randint(1, 30)), "zhao.li")


def finish(ctx: Context, ticket: Ticket) -> Ticket:
    """Cut the story at 'now' and bring the current fields in line with the log."""
    ticket.truncate(ctx.now)
    return ticket


def weighted(rng: random.Random, templates: list[Template]) -> Template:
    return rng.choices(templates, [t.weight for t in templates])[0]


def random_opening(ctx: Context, start: datetime, end: datetime) -> datetime:
    """Mostly working hours on working days; about one in eight at night, weekends or holidays."""
    rng, cal = ctx.rng, ctx.cal
    span = (end - start).total_seconds()
    while True:
        moment = start + timedelta(seconds=rng.uniform(0, span))
        moment = moment.replace(second=0, microsecond=0)
        if cal.is_working(moment) or rng.random() < 0.12:
            return moment


def describe(ticket: Ticket) -> dict[str, Any]:
    """Facts about a generated ticket the sample's surveys and problems need."""
    resolved = ticket.last("resolved")
    return {
        "id": ticket.id,
        "resolved": resolved["at"] if resolved else None,
        "requester": ticket.fields.get("requester"),
    }


def desk_steps(ticket: Ticket, mint: IdMint) -> None:
    """The service desk's own steps of a story (domain §3): remote guidance a few minutes after
    a remote ticket is opened, the engineer confirming the task a few minutes after dispatch.

    Added once the story is told, with their own ``mint``, so every other id stays as it was.
    """
    if ticket.kind not in ("incident", "request"):
        return
    opened = ticket.events[0]["at"]
    resolved = ticket.first("resolved")
    end = resolved["at"] if resolved else None
    if ticket.fields.get("delivery") == "remote" and not ticket.first("guided"):
        guided = opened + timedelta(minutes=3)
        if end is None or guided < end:
            ticket.insert("guided", guided, "zhao.li", mint=mint, note="电话远程指导用户先行处置")
    assigned = ticket.first("assigned")
    if assigned is not None and not ticket.first("execution_confirmed"):
        confirmed = assigned["at"] + timedelta(minutes=4)
        if end is not None and confirmed >= end:
            confirmed = assigned["at"]
        ticket.insert("execution_confirmed", confirmed, assigned["to"], mint=mint)
