"""The reason a report shows for a breach is what a person recorded for it, never an automatic note."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from itsmctl.models import Incident
from itsmctl.reports.facts import recorded_reasons

CST = timezone(timedelta(hours=8))


def _ticket(*events: dict[str, Any]) -> Incident:
    base = [{"id": "E00000", "at": "2026-11-16T09:00:00+08:00", "by": "wang.qiang", "type": "opened"}]
    log = base + [{"id": f"E{i:05d}", "by": "wang.qiang", **e} for i, e in enumerate(events, start=1)]
    return Incident.model_validate(
        {
            "kind": "incident",
            "id": "INC-2611-00001",
            "title": "测试",
            "service": "SVC-T",
            "priority": "P1",
            "status": "new",
            "events": log,
        }
    )


NOTE = {"at": "2026-11-16T10:00:00+08:00", "type": "note", "note": "客户机房停电"}
RUNG = {
    "at": "2026-11-17T11:30:00+08:00",
    "by": "itsmctl",
    "type": "escalated",
    "level": 3,
    "target": "resolution",
    "actions": ["raise_priority"],
    "note": "升级：解决时限已超时 171% / resolution breached",
}
RAISE = {"at": "2026-11-17T11:30:00+08:00", "by": "itsmctl", "type": "priority", "to": "P1", "reason": "升级 L3"}
BREACH = datetime(2026, 11, 17, 9, 30, tzinfo=CST)


def test_the_escalations_own_note_is_never_the_reason() -> None:
    # the rung and its raise come after the breach, but they are the ladder's, not a person's
    late_note = {**NOTE, "at": "2026-11-17T10:00:00+08:00"}
    assert recorded_reasons(_ticket(late_note, RUNG, RAISE), BREACH, "resolution") == "客户机房停电"
    assert recorded_reasons(_ticket(RUNG, RAISE), BREACH, "resolution") == ""


def test_an_explanation_of_the_target_wins() -> None:
    explained = {
        "at": "2026-11-18T09:00:00+08:00",
        "type": "explained",
        "target": "resolution",
        "reason": "运营商专线中断",
    }
    later_note = {"at": "2026-11-18T10:00:00+08:00", "type": "note", "note": "已电话回访"}
    ticket = _ticket(NOTE, RUNG, RAISE, explained, later_note)
    assert recorded_reasons(ticket, BREACH, "resolution") == "运营商专线中断"
    # an explanation of another target is not this one's reason
    assert recorded_reasons(ticket, BREACH, "response") == "已电话回访"


def test_text_written_before_the_breach_is_never_the_reason() -> None:
    # the opening's guidance note, a downgrade's reason and a resolution are all before the breach
    guided = {"at": "2026-11-16T09:03:00+08:00", "type": "note", "note": "已远程指导重启"}
    downgrade = {"at": "2026-11-16T11:00:00+08:00", "type": "priority", "to": "P2", "reason": "影响范围缩小"}
    assert recorded_reasons(_ticket(guided, downgrade, RUNG, RAISE), BREACH, "resolution") == ""


def test_a_note_at_or_after_the_breach_is_the_reason() -> None:
    at_breach = {"at": "2026-11-17T09:30:00+08:00", "type": "note", "note": "备件缺货"}
    assert recorded_reasons(_ticket(NOTE, at_breach, RUNG, RAISE), BREACH, "resolution") == "备件缺货"


def test_without_a_breach_moment_only_an_explanation_counts() -> None:
    assert recorded_reasons(_ticket(NOTE), None, "resolution") == ""


def test_the_automations_explanation_is_not_a_reason() -> None:
    by_automation = {
        "at": "2026-11-18T09:00:00+08:00",
        "by": "itsmctl",
        "type": "explained",
        "target": "resolution",
        "reason": "自动说明",
    }
    assert recorded_reasons(_ticket(RUNG, RAISE, by_automation), BREACH, "resolution") == ""


def test_a_person_who_recorded_an_escalation_by_hand_still_gives_the_reason() -> None:
    by_hand = {**RUNG, "by": "zhao.li", "actions": ["notify_manager"], "note": "电话报告项目经理"}
    later = {"at": "2026-11-17T12:00:00+08:00", "by": "zhao.li", "type": "note", "note": "备件周三到货"}
    assert recorded_reasons(_ticket(by_hand, later), BREACH, "resolution") == "备件周三到货"


def test_the_policys_automation_accounts_write_no_reason() -> None:
    # a cron job running `escalate --by ops-bot` notes after the breach, without raising anything
    bot_note = {"at": "2026-11-17T11:40:00+08:00", "by": "ops-bot", "type": "note", "note": "已自动通知项目经理"}
    person = {"at": "2026-11-17T11:20:00+08:00", "type": "note", "note": "备件在途"}
    ticket = _ticket(person, bot_note)
    assert recorded_reasons(ticket, BREACH, "resolution", automation=["ops-bot"]) == "备件在途"
    assert "已自动通知项目经理" in recorded_reasons(ticket, BREACH, "resolution")  # not named: a person's words
