"""Problems, changes and complaints: the tickets whose story is written by people.

Each builder takes a start time and lays the whole story out from it, so the sample
store places them on chosen dates and the synthetic store anywhere in its range.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from storegen.history import Context
from storegen.static import priority_of
from storegen.ticket import Ticket

H = timedelta(hours=1)
D = timedelta(days=1)


@dataclass(frozen=True)
class ProblemSpec:
    title: str
    description: str
    cis: tuple[str, ...]
    dims: tuple[str, str, str]
    root_cause: str
    workaround: str | None
    known_error: bool
    resolution: str | None
    """None: still open (``known_error`` or ``investigating`` as the flags say)."""


@dataclass(frozen=True)
class ChangeSpec:
    title: str
    description: str
    cis: tuple[str, ...]
    dims: tuple[str, str, str]
    change_type: str
    risk: str
    goal: str
    content: str
    steps: tuple[str, ...]
    people: tuple[str, ...]
    budget: str
    risk_plan: str
    rollback_plan: str
    window: timedelta = 4 * H
    trial_days: int = 7
    outcome: str = "closed"
    """closed, rolled_back, trial_run, scheduled, assessed."""
    rollback_reason: str = ""
    evaluation: str = "试运行期间运行平稳，未发现异常，客户确认通过。"


@dataclass(frozen=True)
class ComplaintSpec:
    title: str
    description: str
    about: tuple[str, ...]
    handler: str
    requester: str
    resolution: str | None
    findings: str
    extra: dict[str, Any] = field(default_factory=dict)


def problem(
    ctx: Context,
    spec: ProblemSpec,
    opened: datetime,
    incidents: list[str],
    related: list[str],
    resolve_after: datetime | None = None,
) -> Ticket:
    """A problem from the expert group: investigation, known error, fix."""
    rng = ctx.rng
    t = Ticket(
        "problem",
        ctx.mint.record("PRB", opened),
        {
            "title": spec.title,
            "description": spec.description,
            "service": "SVC-ONSITE",
            "cis": list(spec.cis),
            "requester": "li.na",
            "group": "expert",
            "channel": "mail",
            "category": "problem",
            "dimensions": dict(zip(("urgency", "impact", "importance"), spec.dims, strict=True)),
            "priority": priority_of(*spec.dims),
            "related": related,
            "root_cause": spec.root_cause if (spec.known_error or spec.resolution) else None,
            "workaround": spec.workaround,
            "known_error": spec.known_error,
            "incidents": incidents,
        },
        mint=ctx.mint,
    )
    t.add("opened", opened, "zhou.min", note="同类事件近期重复发生，按问题管理流程立项分析")
    at = ctx.cal.add(opened, rng.uniform(20, 90))
    t.add("assigned", at, "zhou.min", to="sun.wei", group="expert")
    at = ctx.cal.add(at, rng.uniform(30, 240))
    t.add("status", at, "sun.wei", to="investigating")
    for inc in incidents:
        t.add("linked", at, "sun.wei", ref=inc)
    if spec.known_error or spec.resolution:
        at = ctx.cal.add(at, rng.uniform(450, 2250))
        t.add("note", at, "sun.wei", note="根因分析：" + spec.root_cause)
    if spec.known_error:
        t.add("status", at, "sun.wei", to="known_error", reason="根因已确认，临时解决方案已录入知识库")
    if spec.resolution:
        at = ctx.cal.add(max(at, resolve_after or at), rng.uniform(900, 4500))
        t.add("resolved", at, "sun.wei", resolution=spec.resolution)
        at = ctx.cal.add(at, rng.uniform(450, 2250))
        t.add("closed", at, "zhou.min", note="观察期内未再发生同类事件，问题关闭")
    t.truncate(ctx.now)
    return t


def change(ctx: Context, spec: ChangeSpec, opened: datetime, start: datetime, related: list[str]) -> Ticket:
    """A change with plan, reviews, the customer's formal approval, window, trial and review."""
    rng, cal = ctx.rng, ctx.cal
    owner = spec.people[0]
    emergency = spec.change_type == "emergency"
    end = start + spec.window
    t = Ticket(
        "change",
        ctx.mint.record("CHG", opened),
        {
            "title": spec.title,
            "description": spec.description,
            "service": "SVC-MGT-CHANGE",
            "cis": list(spec.cis),
            "requester": "li.na",
            "assignee": owner,
            "group": "expert" if owner == "sun.wei" else "onsite",
            "channel": "mail",
            "category": "change",
            "dimensions": dict(zip(("urgency", "impact", "importance"), spec.dims, strict=True)),
            "priority": priority_of(*spec.dims),
            "related": related,
            "change_type": spec.change_type,
            "risk": spec.risk,
            "plan": {
                "goal": spec.goal,
                "content": spec.content,
                "steps": list(spec.steps),
                "people": list(spec.people),
                "budget": spec.budget,
                "start": start,
                "end": end,
                "risk_plan": spec.risk_plan,
                "rollback_plan": spec.rollback_plan,
            },
        },
        mint=ctx.mint,
    )
    t.add("opened", opened, owner)
    reviewed_at = opened + timedelta(minutes=30) if emergency else cal.add(opened, rng.uniform(450, 1350))
    # the CAB's internal review, by a member who does not implement it (segregation of duties)
    internal = {
        "stage": "internal",
        "by": "wu.gang" if "sun.wei" in spec.people else "sun.wei",
        "at": reviewed_at,
        "verdict": "pass",
        "notes": "方案步骤完整，回退方案可行"
        if spec.risk != "high"
        else "高风险变更，须在变更窗口前完成全量备份并演练回退",
    }
    t.add("assessed", reviewed_at, "wu.gang", risk=spec.risk, note="变更咨询委员会评审通过")
    if spec.outcome == "assessed":
        t.fields["reviews"] = [internal]
        t.truncate(ctx.now)
        return t
    external_at = reviewed_at + timedelta(minutes=15) if emergency else cal.add(reviewed_at, rng.uniform(120, 900))
    external = {
        "stage": "external",
        "by": "li.na",
        "at": external_at,
        "verdict": "pass" if spec.risk == "low" else "pass_with_conditions",
        "notes": None if spec.risk == "low" else "要求变更期间信息科技部人员在场，并提前通知业务部门",
    }
    approver = "ma.jun"  # the customer's approver, never the requester (li.na): segregation of duties
    approved_at = external_at + timedelta(minutes=rng.randint(5, 15) if emergency else rng.randint(20, 240))
    method = "phone" if emergency else "mail"
    reference = f"华信银行信息科技部{'电话审批记录' if emergency else '邮件'} {approved_at:%Y-%m-%d}"
    t.fields["reviews"] = [internal, external]
    t.fields["approval"] = {"by": approver, "at": approved_at, "method": method, "reference": reference}
    t.add(
        "approved",
        approved_at,
        approver,
        approver=approver,
        method=method,
        reference=reference,
        note="紧急变更，电话审批，书面审批单次日补签" if emergency else None,
    )
    t.add("scheduled", approved_at + timedelta(minutes=rng.randint(10, 60)), owner, start=start, end=end)
    t.add("status", start, owner, to="implementing")
    if spec.outcome == "rolled_back":
        t.add("rolled_back", start + spec.window * 0.7, owner, reason=spec.rollback_reason)
        t.add("note", start + spec.window * 0.95, owner, note="已按回退方案恢复原版本，业务验证正常")
        t.truncate(ctx.now)
        return t
    done = start + spec.window * rng.uniform(0.5, 0.9)
    t.add("note", done, owner, note="实施完成，功能验证通过")
    trial_start = done.date() if done.hour < 12 else done.date() + D
    trial_end = trial_start + timedelta(days=spec.trial_days)
    t.add("trial", done + timedelta(minutes=5), owner, period=f"{spec.trial_days}d")
    trial: dict[str, Any] = {"start": trial_start, "end": trial_end}
    closing = datetime.combine(trial_end, datetime.min.time(), start.tzinfo) + timedelta(hours=10)
    closing = cal.next_working(closing)
    if closing <= ctx.now and spec.outcome == "closed":
        trial.update(evaluation=spec.evaluation, result="pass", confirmed_by="li.na")
        t.add("reviewed", closing, "sun.wei", result="successful", note="变更后评审：目标达成，配置库已更新")
        t.add("closed", closing + timedelta(minutes=rng.randint(20, 120)), "zhou.min")
    t.fields["trial"] = trial
    t.truncate(ctx.now)
    return t


def complaint(ctx: Context, spec: ComplaintSpec, opened: datetime, related: list[str]) -> Ticket:
    """A complaint handled by someone other than the people it is about."""
    rng, cal = ctx.rng, ctx.cal
    assert spec.handler not in spec.about
    dims = ("urgent", "individual", "important")
    t = Ticket(
        "complaint",
        ctx.mint.record("CMP", opened),
        {
            "title": spec.title,
            "description": spec.description,
            "service": "SVC-ONSITE",
            "requester": spec.requester,
            "group": "quality" if spec.handler == "he.jing" else "pmo",
            "channel": "phone",
            "category": "complaint",
            "dimensions": dict(zip(("urgency", "impact", "importance"), dims, strict=True)),
            "priority": priority_of(*dims),
            "related": related,
            "about": list(spec.about),
        },
        mint=ctx.mint,
    )
    t.add("opened", opened, "he.jing", note="投诉电话由质量管理岗受理，独立于被投诉人处理")
    at = opened + timedelta(minutes=rng.randint(5, 20))
    t.add("assigned", at, "he.jing", to=spec.handler, group=t.fields["group"])
    at = cal.add(at, rng.uniform(20, 120))
    t.add("status", at, spec.handler, to="investigating")
    at = cal.add(at, rng.uniform(240, 900))
    t.add("note", at, spec.handler, note=spec.findings)
    if spec.resolution:
        at = cal.add(at, rng.uniform(120, 900))
        t.add("resolved", at, spec.handler, resolution=spec.resolution)
        at = cal.add(at, rng.uniform(60, 480))
        t.add(
            "confirmed", at, spec.handler, contact=spec.requester, method="phone", note="回访投诉人，对处理结果表示认可"
        )
        t.add("closed", at + timedelta(minutes=rng.randint(2, 20)), "he.jing")
    t.truncate(ctx.now)
    return t
