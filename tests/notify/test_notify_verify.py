"""``verify_notice``: a notice is sent as the records say, never as its file says."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from helpers_notify import notice
from hypothesis import given, settings
from hypothesis import strategies as st

from itsmctl.models import Incident, Policy, ServiceLevelAgreement
from itsmctl.notify import Delivery, Notice, Recipient
from itsmctl.notify.verify import NoticeProblem, verify_notice

ESCALATED = {"at": "2026-11-10T09:30:00+08:00", "by": "itsmctl", "type": "escalated", "target": "resolution"}


def ticket(*events: dict[str, Any], priority: str = "P2") -> Incident:
    return Incident.model_validate(
        {
            "kind": "incident",
            "id": "INC-2611-AB3CD",
            "title": "财务系统数据库连接超时",
            "service": "SVC-ONSITE",
            "sla": "SLA-MAIN",
            "priority": priority,
            "status": "in_progress",
            "events": [
                {"id": "E7KQ3P", "at": "2026-11-09T09:00:00+08:00", "by": "wang.qiang", "type": "opened"},
                {
                    "id": "E8AB2C",
                    "at": "2026-11-09T09:05:00+08:00",
                    "by": "zhou.min",
                    "type": "status",
                    "to": "in_progress",
                },
                *events,
            ],
        }
    )


def policy() -> Policy:
    person = {"org": "恒运信息", "roles": ["engineer"]}
    return Policy.model_validate(
        {
            "kind": "policy",
            "id": "policy",
            "name": "策略",
            "organisation": "恒运信息",
            "people": [
                {"id": "wang.qiang", "name": "王强", "email": "wang.qiang@example.com", **person},
                {"id": "li.na", "name": "李娜", **person},
                {"id": "zhou.min", "name": "周敏", "email": "zhou.min@example.com", **person},
            ],
            "priority": {
                "dimensions": [
                    {
                        "id": "urgency",
                        "name": "紧急程度",
                        "levels": [{"id": "high", "name": "高"}, {"id": "low", "name": "低"}],
                    }
                ],
                "levels": [{"id": p, "name": p} for p in ("P1", "P2", "P3")],
                "matrix": {"high": "P1", "low": "P3"},
            },
        }
    )


def main_sla() -> ServiceLevelAgreement:
    return ServiceLevelAgreement.model_validate(
        {
            "kind": "sla",
            "id": "SLA-MAIN",
            "name": "运维服务级别协议",
            "customer": "华信银行",
            "services": ["SVC-ONSITE"],
            "calendar": "CAL-CN",
            "effective_from": "2026-01-01",
            "targets": {"P2": {"resolution": "8h"}},
            "escalation": [{"level": 2, "name": "报警", "at_percent": 100, "actions": ["notify_assignee"]}],
        }
    )


def test_the_sendable_notice_is_rebuilt_from_ticket_event_sla_and_policy() -> None:
    forged = dataclasses.replace(
        notice(("mail",), [Recipient("wang.qiang", "X", "cfo@victim.example", "assignee")]),
        title="Wire",
        name="Wire",
        subject="Urgent wire transfer",
        message="Wire money.",
        priority="P1",
    )
    event = {**ESCALATED, "id": "EA1B2C3", "level": 2, "actions": ["notify_assignee"], "notified": ["wang.qiang"]}
    verified = verify_notice(forged, ticket(event), policy(), main_sla())
    assert verified.problems == ()
    sent = verified.sendable
    assert sent is not None
    assert sent.recipients == [Recipient("wang.qiang", "王强", "wang.qiang@example.com", "assignee")]
    assert (sent.title, sent.name, sent.priority) == ("财务系统数据库连接超时", "报警", "P2")
    assert sent.subject == (
        "【升级 L2 报警】INC-2611-AB3CD 财务系统数据库连接超时 / "
        "[Escalation L2] INC-2611-AB3CD resolution alarm: breached"
    )
    assert sent.message == (
        "工单 INC-2611-AB3CD「财务系统数据库连接超时」解决时限报警：已超时"
        "（已用 100%，截止 2026-11-10 09:30 +0800）。\n"
        "升级级别：L2 报警。\n"
        "当前优先级：P2。\n"
        "通知：王强。请尽快处理。\n"
        "\n"
        "Ticket INC-2611-AB3CD (财务系统数据库连接超时): resolution target alarm: breached "
        "(100% used, deadline 2026-11-10 09:30 +0800).\n"
        "Escalation level 2: 报警.\n"
        "Priority: P2.\n"
        "Notified: wang.qiang. Please act now.\n"
    )
    assert sent.deliveries is forged.deliveries  # outcomes land in the file's delivery records


def test_a_raise_is_read_from_the_priority_event_the_rung_wrote() -> None:
    event = {
        **ESCALATED,
        "id": "EA1B2C3",
        "level": 2,
        "actions": ["raise_priority", "notify_assignee"],
        "notified": ["wang.qiang", "li.na"],
    }
    raise_ = {"id": "EP1R2S", "at": ESCALATED["at"], "by": "itsmctl", "type": "priority", "to": "P1", "reason": "升级"}
    verified = verify_notice(notice(("mail",)), ticket(event, raise_, priority="P1"), policy(), main_sla())
    assert verified.sendable is not None
    assert "优先级已由 P2 提升为 P1。" in verified.sendable.message
    assert [(r.id, r.email) for r in verified.sendable.recipients] == [
        ("wang.qiang", "wang.qiang@example.com"),
        ("li.na", None),  # in the policy without an address: no mail, the webhook still names her
    ]


def test_problems_are_listed_and_nothing_is_sendable() -> None:
    event = {**ESCALATED, "id": "EA1B2C3", "level": 2, "notified": ["wang.qiang"]}
    n = notice(("mail",))  # recipients wang.qiang and li.na; li.na was not notified by the event
    verified = verify_notice(dataclasses.replace(n, state="lost"), ticket(event), policy(), None)
    assert verified.sendable is None
    assert verified.problems == (
        NoticeProblem("state", "'lost' is not one of: ok, warning, breached"),
        NoticeProblem("recipients[1]", "'li.na' is not in the notified list of event EA1B2C3"),
    )
    assert verify_notice(n, None, policy(), None).problems == (
        NoticeProblem("ticket", "no valid ticket 'INC-2611-AB3CD' in the store"),
    )
    assert verify_notice(n, ticket(event), None, None).problems == (
        NoticeProblem("recipients", "no valid policy: recipients cannot be resolved"),
    )


def test_a_delivered_notice_to_someone_who_left_since_is_history_an_open_one_is_refused() -> None:
    event = {**ESCALATED, "id": "EA1B2C3", "level": 2, "notified": ["wang.qiang"]}
    left = policy().model_copy(deep=True)
    left.people[0].active = False
    sent = notice(("mail",), [Recipient("wang.qiang", "wang.qiang", None, "assignee")])
    assert verify_notice(sent, ticket(event), left, None).problems == (
        NoticeProblem("recipients[0]", "'wang.qiang' is not active in the policy"),
    )
    sent.deliveries["mail"] = Delivery("delivered", "2026-11-10T09:31:00+08:00")
    assert verify_notice(sent, ticket(event), left, None).problems == ()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(json.loads(notice().to_json()))), json_values, max_size=17))
def test_any_json_object_is_a_notice_or_a_value_error(changes: dict[str, Any]) -> None:
    data = {**json.loads(notice().to_json()), **changes}
    try:
        parsed = Notice.from_json(json.dumps(data))
    except ValueError as exc:
        assert str(exc).startswith("not a notice file: ")
        return
    event = {**ESCALATED, "id": "EA1B2C3", "level": 2, "notified": ["wang.qiang", "li.na"]}
    verified = verify_notice(parsed, ticket(event), policy(), main_sla())  # never raises
    assert (verified.sendable is None) == bool(verified.problems)
