"""The ``escalate`` reporters on exact output: a hand-built run, no store, no servers."""

from __future__ import annotations

from datetime import datetime

from helpers_escalation import incident, policy, row, sla

from itsmctl.escalation import plan_escalations
from itsmctl.escalation.run import EscalationRun
from itsmctl.findings import Finding
from itsmctl.notify.delivery import DeliveryOutcome
from itsmctl.reporters.escalation import ESCALATION_REPORTERS

AT = datetime.fromisoformat("2026-11-10T11:30:00+08:00")
KEY = "INC-2611-AB3CD.L1.resolution"
FORGED = Finding("records/outbox/x.json", 1, 1, "ticket", "outbox", "no valid ticket 'INC-2611-ZZZZZ' in the store")


def full_run() -> EscalationRun:
    plan = plan_escalations([incident()], [sla()], policy(), [row(state="breached", percent=125.0)])
    run = EscalationRun(at=AT, dry_run=False, escalations=plan, commits=["0123456789abcdef"])
    run.outcomes = [
        DeliveryOutcome(KEY, "mail", "delivered"),
        DeliveryOutcome(KEY, "hook", "failed", "webhook http://x: connection refused"),
    ]
    run.refused = [FORGED, FORGED]  # two problems of one file: one line, one file counted
    return run


def test_the_registry_offers_text_json_and_github() -> None:
    assert list(ESCALATION_REPORTERS) == ["text", "json", "github"]


def test_text_lists_rungs_deliveries_and_refused_files_then_a_summary() -> None:
    assert ESCALATION_REPORTERS["text"](full_run()) == (
        "escalate at 2026-11-10T11:30:00+08:00\n"
        "  INC-2611-AB3CD  L1 预警  resolution breached 125%  deadline 2026-11-10T09:00:00+08:00"
        "  notify 王强(wang.qiang)\n"
        "  INC-2611-AB3CD  L2 报警  resolution breached 125%  deadline 2026-11-10T09:00:00+08:00"
        "  notify 王强(wang.qiang), 周敏(zhou.min), 孙丽(sun.li), 李娜(li.na)\n"
        "  INC-2611-AB3CD  L3 升级  resolution breached 125%  deadline 2026-11-10T09:00:00+08:00"
        "  priority P2 -> P1  notify 周敏(zhou.min), 陈刚(chen.gang)\n"
        "  delivered INC-2611-AB3CD.L1.resolution via mail\n"
        "  failed    INC-2611-AB3CD.L1.resolution via hook: webhook http://x: connection refused\n"
        "  refused   records/outbox/x.json\n"
        "3 rung(s) on 1 ticket(s); 1 delivered, 1 failed, 1 refused; commits 0123456789\n"
    )


def test_a_rung_on_an_estimated_deadline_is_marked() -> None:
    from dataclasses import replace

    late = replace(row(state="breached", percent=125.0), estimated_years=(2027,))
    plan = plan_escalations([incident()], [sla()], policy(), [late])
    run = EscalationRun(at=AT, dry_run=True, escalations=plan[:1])
    assert "deadline 2026-11-10T09:00:00+08:00  ≈ 估算 estimated (2027 holidays not official)" in (
        ESCALATION_REPORTERS["text"](run)
    )
    import json

    (rung,) = json.loads(ESCALATION_REPORTERS["json"](run))["escalations"]
    assert rung["estimated"] is True and rung["estimated_years"] == [2027]
    assert "(estimated: 2027 holidays not official)" in ESCALATION_REPORTERS["github"](run)


def test_text_of_a_dry_run_with_a_waiting_notice() -> None:
    run = EscalationRun(at=AT, dry_run=True, waiting=[KEY])
    assert ESCALATION_REPORTERS["text"](run) == (
        "escalate at 2026-11-10T11:30:00+08:00（演练，未写入也未发送 / dry run: nothing written or sent）\n"
        "  waiting   INC-2611-AB3CD.L1.resolution\n"
        "0 rung(s) on 0 ticket(s); 0 delivered, 0 failed\n"
    )


def test_json_of_one_rung_one_delivery_and_a_refused_file() -> None:
    plan = plan_escalations([incident()], [sla()], policy(), [row(state="warning", percent=80.0)])
    run = EscalationRun(at=AT, dry_run=False, escalations=plan, errors=["INC-2611-XYZ12: not escalated: gone"])
    run.event_ids[("INC-2611-AB3CD", 1, "resolution")] = "EA1B2C3"
    run.outcomes = [DeliveryOutcome(KEY, "mail", "delivered")]
    run.refused = [FORGED]
    assert (
        ESCALATION_REPORTERS["json"](run)
        == """{
  "at": "2026-11-10T11:30:00+08:00",
  "dry_run": false,
  "escalations": [
    {
      "ticket": "INC-2611-AB3CD",
      "level": 1,
      "name": "预警",
      "target": "resolution",
      "state": "warning",
      "percent": 80.0,
      "deadline": "2026-11-10T09:00:00+08:00",
      "estimated": false,
      "estimated_years": [],
      "actions": [
        "notify_assignee"
      ],
      "priority_before": "P2",
      "priority_after": "P2",
      "notified": [
        "wang.qiang"
      ],
      "event": "EA1B2C3"
    }
  ],
  "deliveries": [
    {
      "notice": "INC-2611-AB3CD.L1.resolution",
      "channel": "mail",
      "state": "delivered",
      "error": null
    }
  ],
  "waiting": [],
  "refused": [
    {
      "file": "records/outbox/x.json",
      "line": 1,
      "column": 1,
      "field": "ticket",
      "code": "outbox",
      "message": "no valid ticket 'INC-2611-ZZZZZ' in the store",
      "severity": "error"
    }
  ],
  "errors": [
    "INC-2611-XYZ12: not escalated: gone"
  ],
  "commits": []
}
"""
    )


def test_github_annotates_rungs_failures_and_refused_files() -> None:
    lines = ESCALATION_REPORTERS["github"](full_run()).splitlines()
    assert lines[0] == "::notice title=itsmctl escalate::INC-2611-AB3CD L1 预警: resolution breached"
    assert (
        "::error title=itsmctl escalate::INC-2611-AB3CD.L1.resolution not delivered via hook: "
        "webhook http://x: connection refused"
    ) in lines
    assert any(line.startswith("::error file=records/outbox/x.json,line=1,") for line in lines)
