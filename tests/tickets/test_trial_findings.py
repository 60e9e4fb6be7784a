"""What a new-user trial found: implementing before the window, the plan's missing parts,
assigning a customer.  Each is refused by the command and reported by ``validate``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import helpers_tickets as yh
from test_lifecycles_cli import at, new, ok, refused, valid

from tests.conftest import ROOT, Cli

WINDOW = ("--start", "2026-11-17T20:00+08:00", "--end", "2026-11-17T23:00+08:00")
FULL_PLAN = (
    "--goal", "升级到19c", "--content", "数据库升级", "--step", "备份", "--person", "wang.qiang",
    "--budget", "0", *WINDOW, "--risk-plan", "DBA待命", "--rollback-plan", "从备份恢复",
)  # fmt: skip


INCIDENT = (
    "incident",
    "--title",
    "打印机卡纸",
    "--service",
    "SVC-ONSITE",
    "--dim",
    "urgency=low",
    "--dim",
    "impact=one",
)


def _scheduled_change(cli: Cli, store: Path, change_type: str | None = None) -> str:
    tid = new(cli, store, "change", "--title", "数据库版本升级", "--service", "SVC-ONSITE", "--priority", "P3")
    if change_type:
        path = store / yh.ticket_path(tid)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("kind: change\n", f"kind: change\nchange_type: {change_type}\n"), "utf-8")
    ok(cli, store, "plan", tid, *FULL_PLAN, when=at("09:10"))
    ok(cli, store, "assess", tid, "--risk", "medium", when=at("09:20"), by="zhou.min")
    ok(cli, store, "approve", tid, "--approver", "li.na", "--method", "mail", when=at("10:00"))
    ok(cli, store, "schedule", tid, *WINDOW, when=at("10:05"))
    return tid


def _findings(cli: Cli, store: Path) -> list[dict[str, str]]:
    result = cli("validate", "--records", store, "--format", "json")
    assert result.code == 1, result
    data = json.loads(result.stdout)
    return data if isinstance(data, list) else data["findings"]


def test_implement_before_the_window_is_refused_with_the_window_and_how_to_reschedule(cli: Cli, store: Path) -> None:
    tid = _scheduled_change(cli, store)
    events = yh.load_ticket(store, tid)["events"]
    scheduled, index = events[-1]["id"], len(events)
    err = refused(cli, store, "implement", tid, when=at("10:00", "2026-11-10"))
    assert err == (
        f"itsmctl: cannot implement {tid}: implementing started 2026-11-10T10:00:00+08:00, before the scheduled "
        f"window 2026-11-17T20:00:00+08:00 – 2026-11-17T23:00:00+08:00 ({scheduled}) (events[{index}].at) "
        "[change-window]. Allowed now: assign, schedule, note, link\n"
        f"  hint: to implement earlier, reschedule first: itsmctl ticket schedule {tid} --start … --end …\n"
    )
    assert yh.load_ticket(store, tid)["status"] == "scheduled"
    refused(cli, store, "implement", tid, when=at("19:59", "2026-11-17"))  # one minute early
    ok(cli, store, "implement", tid, when=at("20:00", "2026-11-17"))  # the window's first moment
    valid(cli, store)


def test_rescheduling_earlier_lets_it_be_implemented_and_the_last_window_counts(cli: Cli, store: Path) -> None:
    tid = _scheduled_change(cli, store)
    ok(cli, store, "schedule", tid, "--start", "2026-11-10T09:00+08:00", "--end", "2026-11-10T12:00+08:00",
       when=at("08:00", "2026-11-10"))  # fmt: skip
    ok(cli, store, "implement", tid, when=at("10:00", "2026-11-10"))
    valid(cli, store)


def test_an_emergency_change_is_no_exception(cli: Cli, store: Path) -> None:
    tid = _scheduled_change(cli, store, "emergency")
    assert "before the scheduled window" in refused(cli, store, "implement", tid, when=at("10:00", "2026-11-10"))
    ok(cli, store, "schedule", tid, "--start", "2026-11-10T10:00+08:00", "--end", "2026-11-10T12:00+08:00",
       when=at("10:00", "2026-11-10"))  # fmt: skip
    ok(cli, store, "implement", tid, when=at("10:01", "2026-11-10"))


def test_validate_reports_implementing_before_the_scheduled_start(cli: Cli, store: Path) -> None:
    tid = _scheduled_change(cli, store)
    path = store / yh.ticket_path(tid)
    record = yh.load_ticket(store, tid)
    scheduled_id = record["events"][-1]["id"]
    text = path.read_text(encoding="utf-8").replace("status: scheduled", "status: implementing")
    text += "  - {id: EAAAAA1, at: 2026-11-10T10:00:00+08:00, by: wang.qiang, type: status, to: implementing}\n"
    path.write_text(text, encoding="utf-8")
    findings = [f for f in _findings(cli, store) if f["code"] == "change-window"]
    assert len(findings) == 1, findings
    assert findings[0]["message"] == (
        "implementing started 2026-11-10T10:00:00+08:00, before the scheduled window "
        f"2026-11-17T20:00:00+08:00 – 2026-11-17T23:00:00+08:00 ({scheduled_id})"
    )
    assert "events[5].at" in json.dumps(findings[0])


def test_plan_says_on_stderr_what_is_still_missing_then_that_it_is_complete(cli: Cli, store: Path) -> None:
    tid = new(cli, store, "change", "--title", "防火墙策略调整", "--service", "SVC-ONSITE", "--priority", "P3")
    result = cli("ticket", "plan", tid, "--goal", "g", "--records", store, "--at", at("09:02"), "--by", "wang.qiang")
    assert result.code == 0, result
    assert re.fullmatch(rf"{tid}: plan: draft \(E\w+ note\)\n", result.stdout)
    assert result.stderr.splitlines()[0] == (
        "变更方案仍缺 / plan still missing (needed before approval): content (--content), steps (--step), "
        "people (--person), budget (--budget), start (--start), end (--end), risk_plan (--risk-plan), "
        "rollback_plan (--rollback-plan)"
    )
    result = cli("ticket", "plan", tid, *FULL_PLAN, "--records", store, "--at", at("09:03"), "--by", "wang.qiang")
    assert result.code == 0, result
    assert result.stderr.startswith("变更方案完整 / plan complete")
    assert "still missing" not in result.stderr


def test_a_customer_is_never_assigned(cli: Cli, store: Path) -> None:
    tid = new(cli, store, *INCIDENT)
    result = cli(
        "ticket", "assign", tid, "--to", "li.na", "--records", store, "--at", at("09:05"), "--by", "wang.qiang"
    )
    assert result.code == 1 and result.stderr == (
        f"itsmctl: cannot assign {tid}: li.na is on the customer's side (roles: customer, customer_approver) and "
        "cannot be assigned a ticket; assign someone with an engineer/service_desk/expert/project_manager/manager "
        "role or a member of the ticket's group: wang.qiang, zhou.min (assignee) [assignee-role]. Allowed now: "
        "start, respond, onsite, part-arrived, recovered, guide, confirm-execution, report-exception, inform-manager, "
        "repair-send, repair-progress, repair-return, "
        "loaner-issue, loaner-return, resolve, note, link, explain\n"
        "  hint: assign one of the provider's people (--to)\n"
    )
    assert yh.load_ticket(store, tid).get("assignee") is None
    result = cli("ticket", "new", "incident", *INCIDENT[1:],
                 "--assignee", "li.na", "--records", store, "--at", at("09:06"), "--by", "wang.qiang")  # fmt: skip
    assert result.code == 1 and "li.na is on the customer's side" in result.stderr, result
    ok(cli, store, "assign", tid, "--to", "zhou.min", when=at("09:07"))
    valid(cli, store)


def test_a_customer_is_not_assigned_even_as_a_group_member(cli: Cli, store: Path) -> None:
    policy = store / "policy.yaml"
    text = policy.read_text("utf-8").replace("members: [wang.qiang]}", "members: [wang.qiang, li.na]}")
    text = text.replace(
        "  - {id: li.na,", "  - {id: he.jing, name: 何静, org: 恒运信息, roles: [quality]}\n  - {id: li.na,"
    )
    text = text.replace("groups:\n", "groups:\n  - {id: cab, name: 变更咨询委员会, members: [he.jing, li.na]}\n")
    policy.write_text(text, "utf-8")
    tid = new(cli, store, *INCIDENT)
    result = cli("ticket", "assign", tid, "--to", "li.na", "--group", "cab", "--records", store, "--by", "wang.qiang",
                 "--at", at("09:05"))  # fmt: skip
    assert result.code == 1, result
    # he.jing (quality, no handling role) is listed as a member of the group; li.na never
    assert "or a member of the group cab: he.jing, wang.qiang, zhou.min (assignee) [assignee-role]" in result.stderr
    ok(cli, store, "assign", tid, "--to", "he.jing", "--group", "cab", when=at("09:06"))
    valid(cli, store)


def test_validate_reports_a_customer_assignee(cli: Cli, store: Path) -> None:
    tid = new(cli, store, *INCIDENT)
    path = store / yh.ticket_path(tid)
    path.write_text(path.read_text("utf-8").replace("status: new\n", "status: new\nassignee: li.na\n"), "utf-8")
    findings = [f for f in _findings(cli, store) if f["code"] == "assignee-role"]
    assert len(findings) == 1, findings
    assert findings[0]["message"].startswith("li.na is on the customer's side")


def test_the_docs_refusal_example_is_what_implement_prints(cli: Cli, store: Path) -> None:
    """docs/lifecycles.md shows the early-implement refusal; keep it the real message."""
    doc = (ROOT / "docs" / "lifecycles.md").read_text(encoding="utf-8")
    shown = re.search(r"\$ itsmctl ticket implement CHG-2611-9TQ2B --at (\S+)\n(itsmctl: .*\n  hint: .*)\n", doc)
    assert shown is not None
    tid = new(cli, store, "change", "--title", "数据库版本升级", "--service", "SVC-ONSITE", "--priority", "P3")
    window = ("--start", "2026-11-07T20:00+08:00", "--end", "2026-11-07T23:00+08:00")
    plan = [w if w not in WINDOW[1::2] else window[WINDOW.index(w)] for w in FULL_PLAN]
    ok(cli, store, "plan", tid, *plan, when=at("09:10"))
    ok(cli, store, "assess", tid, "--risk", "medium", when=at("09:20"), by="zhou.min")
    ok(cli, store, "approve", tid, "--approver", "li.na", "--method", "mail", when=at("10:00"))
    ok(cli, store, "schedule", tid, *window, when=at("10:05"))
    err = refused(cli, store, "implement", tid, when=shown.group(1))
    scheduled = yh.load_ticket(store, tid)["events"][-1]["id"]
    assert err == re.sub(r"\(E[0-9A-Z]+\)", f"({scheduled})", shown.group(2).replace("CHG-2611-9TQ2B", tid)) + "\n"
