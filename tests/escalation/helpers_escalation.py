"""Hand-built clock rows, SLAs and tickets for the escalation tests (no store, no clock)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from itsmctl.models import Incident, Policy, ServiceLevelAgreement
from itsmctl.sla import ClockStatus

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 11, 9, 9, 0, tzinfo=CST)
TICKET = "INC-2611-AB3CD"

LADDER: list[dict[str, Any]] = [
    {"level": 1, "name": "预警", "at_percent": 75, "targets": ["resolution"], "actions": ["notify_assignee"]},
    {
        "level": 2,
        "name": "报警",
        "at_percent": 100,
        "actions": ["notify_assignee", "notify_manager", "notify_customer"],
    },
    {
        "level": 3,
        "name": "升级",
        "at_percent": 120,
        "actions": ["raise_priority", "notify_manager", "notify_expert"],
        "manager": "zhou.min",
        "expert": "chen.gang",
    },
]


def row(
    target: str = "resolution",
    state: str = "warning",
    percent: float = 80.0,
    *,
    ticket: str = TICKET,
    sla: str = "SLA-MAIN",
    goal: int = 8 * 3600,
) -> ClockStatus:
    elapsed = int(goal * percent / 100)
    return ClockStatus(
        ticket_id=ticket,
        kind="incident",
        target=target,
        state=state,  # type: ignore[arg-type]
        priority="P2",
        sla_id=sla,
        started_at=T0,
        deadline=T0 + timedelta(hours=24),
        stopped_at=None,
        goal_seconds=goal,
        elapsed_seconds=elapsed,
        remaining_seconds=goal - elapsed,
        percent=percent,
        basis="business",
    )


def sla(steps: list[dict[str, Any]] | None = None, sla_id: str = "SLA-MAIN") -> ServiceLevelAgreement:
    return ServiceLevelAgreement.model_validate(
        {
            "kind": "sla",
            "id": sla_id,
            "name": "运维服务级别协议",
            "customer": "华信银行",
            "services": ["SVC-ONSITE"],
            "calendar": "CAL-CN",
            "effective_from": "2026-01-01",
            "targets": {"P1": {"resolution": "4h"}, "P2": {"resolution": "8h"}, "P3": {"resolution": "3bd"}},
            "escalation": LADDER if steps is None else steps,
        }
    )


PEOPLE: list[dict[str, Any]] = [
    {"id": "wang.qiang", "name": "王强", "org": "恒运信息", "roles": ["engineer"], "email": "wang.qiang@example.com"},
    {"id": "zhao.lei", "name": "赵磊", "org": "恒运信息", "roles": ["engineer"], "active": False},
    {"id": "zhou.min", "name": "周敏", "org": "恒运信息", "roles": ["manager"], "email": "zhou.min@example.com"},
    {"id": "sun.li", "name": "孙丽", "org": "恒运信息", "roles": ["manager"], "email": "sun.li@example.com"},
    {"id": "chen.gang", "name": "陈刚", "org": "恒运信息", "roles": ["expert"], "email": "chen.gang@example.com"},
    {"id": "li.na", "name": "李娜", "org": "华信银行", "roles": ["customer"], "email": "li.na@example.com"},
    {"id": "itsmctl", "name": "自动升级", "org": "恒运信息", "roles": ["service_desk"]},
]


def policy(levels: tuple[str, ...] = ("P1", "P2", "P3")) -> Policy:
    return Policy.model_validate(
        {
            "kind": "policy",
            "id": "policy",
            "name": "策略",
            "organisation": "恒运信息",
            "people": PEOPLE,
            "groups": [{"id": "onsite", "name": "驻场组", "members": ["wang.qiang", "zhao.lei"]}],
            "priority": {
                "dimensions": [
                    {
                        "id": "urgency",
                        "name": "紧急程度",
                        "levels": [{"id": "low", "name": "低"}, {"id": "high", "name": "高"}],
                    }
                ],
                "levels": [{"id": p, "name": p} for p in levels],
                "matrix": {"high": levels[0], "low": levels[-1]},
            },
        }
    )


def incident(
    status: str = "in_progress", priority: str = "P2", events: list[dict[str, Any]] | None = None, **fields: Any
) -> Incident:
    log = [
        {"id": "E7KQ3P", "at": "2026-11-09T09:00:00+08:00", "by": "wang.qiang", "type": "opened"},
        {"id": "E8AB2C", "at": "2026-11-09T09:05:00+08:00", "by": "zhou.min", "type": "status", "to": "in_progress"},
    ]
    if status == "closed":
        log.append({"id": "E9AB2C", "at": "2026-11-09T10:00:00+08:00", "by": "wang.qiang", "type": "closed"})
    return Incident.model_validate(
        {
            "kind": "incident",
            "id": TICKET,
            "title": "财务系统数据库连接超时",
            "service": "SVC-ONSITE",
            "sla": "SLA-MAIN",
            "requester": "li.na",
            "assignee": "wang.qiang",
            "group": "onsite",
            "priority": priority,
            "status": status,
            "events": log + (events or []),
            **fields,
        }
    )
