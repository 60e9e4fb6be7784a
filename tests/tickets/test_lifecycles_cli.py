"""Every lifecycle path of every kind, through the CLI, and one refused transition per kind.

Each flow ends with ``itsmctl validate`` passing: the records the commands wrote agree
with every cross-record check (status replay, confirmation, plan, complaint handler).
"""

from __future__ import annotations

from pathlib import Path

import helpers_tickets as yh

from tests.conftest import Cli

DAY = "2026-11-02"


def at(hhmm: str, day: str = DAY) -> str:
    return f"{day}T{hhmm}:00+08:00"


def ok(cli: Cli, store: Path, *args: str, when: str, by: str = "wang.qiang") -> str:
    result = cli("ticket", *args, "--records", store, "--at", when, "--by", by)
    assert result.code == 0, result
    return result.stdout


def refused(cli: Cli, store: Path, *args: str, when: str, by: str = "wang.qiang") -> str:
    result = cli("ticket", *args, "--records", store, "--at", when, "--by", by)
    assert result.code == 1, result
    return result.stderr


def new(cli: Cli, store: Path, *args: str, when: str = at("09:00")) -> str:
    return ok(cli, store, "new", *args, when=when).strip()


def status_of(store: Path, ticket_id: str) -> str:
    return yh.load_ticket(store, ticket_id)["status"]


def valid(cli: Cli, store: Path) -> None:
    result = cli("validate", "--records", store)
    assert result.code == 0, result


def test_incident_full_path_with_pending_reopen_and_second_resolution(cli: Cli, store: Path) -> None:
    tid = new(
        cli,
        store,
        "incident",
        "--title",
        "打印机卡纸",
        "--service",
        "SVC-ONSITE",
        "--dim",
        "urgency=high",
        "--dim",
        "impact=one",
        "--requester",
        "li.na",
    )
    assert status_of(store, tid) == "new"
    steps = [
        (("assign", tid, "--to", "wang.qiang", "--group", "onsite"), "09:02", "assigned"),
        (("start", tid), "09:05", "in_progress"),
        (("respond", tid), "09:06", "in_progress"),
        (("pend", tid, "--on", "customer", "--reason", "等客户开门"), "09:10", "pending_customer"),
        (("resume", tid), "09:30", "in_progress"),
        (("pend", tid, "--on", "vendor"), "09:31", "pending_vendor"),
        (("resume", tid), "09:40", "in_progress"),
        (("pend", tid, "--on", "change"), "09:41", "pending_change"),
        (("resume", tid), "09:42", "in_progress"),
        (("onsite", tid), "10:00", "in_progress"),
        (("part-arrived", tid, "--part", "定影器"), "10:30", "in_progress"),
        (("recovered", tid), "10:45", "in_progress"),
        (("note", tid, "已更换定影器"), "10:46", "in_progress"),
        (("link", tid, "--to", "CI-SRV-01"), "10:47", "in_progress"),
        (("resolve", tid, "--resolution", "更换定影器"), "11:00", "resolved"),
        (("reopen", tid, "--reason", "客户反馈仍卡纸"), "11:10", "in_progress"),
        (("resolve", tid, "--resolution", "清理进纸通道"), "11:30", "resolved"),
        (("confirm", tid, "--method", "phone"), "12:00", "resolved"),
        (("close", tid), "12:01", "closed"),
        (("reopen", tid, "--reason", "次日复发"), "09:00", "in_progress"),
    ]
    for i, (args, hhmm, expected) in enumerate(steps):
        day = "2026-11-03" if i == len(steps) - 1 else DAY
        ok(cli, store, *args, when=at(hhmm, day))
        assert status_of(store, tid) == expected, args
    record = yh.load_ticket(store, tid)
    assert record["assignee"] == "wang.qiang" and record["group"] == "onsite"
    assert record["cis"] == ["CI-SRV-01"]
    types = [e["type"] for e in record["events"]]
    assert types == [
        "opened",
        "assigned",
        "status",
        "responded",
        "status",
        "status",
        "status",
        "status",
        "status",
        "status",
        "onsite",
        "part_arrived",
        "recovered",
        "note",
        "linked",
        "resolved",
        "reopened",
        "resolved",
        "confirmed",
        "closed",
        "reopened",
    ]
    confirmed = next(e for e in record["events"] if e["type"] == "confirmed")
    assert confirmed["contact"] == "li.na"  # the requester, by default
    valid(cli, store)


def test_request_first_line_resolution_and_close(cli: Cli, store: Path) -> None:
    tid = new(
        cli,
        store,
        "request",
        "--title",
        "开通VPN账号",
        "--service",
        "SVC-ONSITE",
        "--dim",
        "urgency=low",
        "--dim",
        "impact=one",
    )
    assert tid.startswith("REQ-2611-")
    assert status_of(store, tid) == "new"
    # solved where it was taken, never dispatched to an engineer (the first line, 一线)
    ok(cli, store, "resolve", tid, "--resolution", "已开通", "--first-line", when=at("09:05"))
    ok(cli, store, "confirm", tid, "--contact", "li.na", "--method", "wechat", when=at("09:10"))
    out = ok(cli, store, "close", tid, when=at("09:11"))
    assert out.startswith(f"{tid}: close: resolved -> closed (E")
    assert yh.load_ticket(store, tid)["events"][1]["first_line"] is True
    valid(cli, store)


def test_incident_refusals_name_the_allowed_transitions(cli: Cli, store: Path) -> None:
    tid = new(
        cli,
        store,
        "incident",
        "--title",
        "网络中断",
        "--service",
        "SVC-ONSITE",
        "--dim",
        "urgency=high",
        "--dim",
        "impact=all",
    )
    err = refused(cli, store, "confirm", tid, "--method", "phone", "--contact", "li.na", when=at("09:01"))
    assert err == (
        f"itsmctl: {tid} is new: 'confirm' is not allowed now. Allowed now: assign, start, respond, onsite, "
        "part-arrived, recovered, guide, confirm-execution, report-exception, inform-manager, repair-send, "
        "repair-progress, repair-return, loaner-issue, loaner-return, resolve, note, link, explain\n"
    )
    ok(cli, store, "resolve", tid, "--resolution", "重启交换机", when=at("09:30"))
    err = refused(cli, store, "close", tid, when=at("09:31"))
    assert "closed without the customer's confirmation (客户同意结束)" in err and "[confirmation]" in err
    assert "Allowed now: inform-manager, loaner-return, confirm, reopen, note, link, explain" in err
    # a confirmation before a later resolve does not count
    ok(cli, store, "confirm", tid, "--method", "phone", "--contact", "li.na", when=at("09:40"))
    ok(cli, store, "reopen", tid, "--reason", "又断了", when=at("10:00"))
    ok(cli, store, "resolve", tid, "--resolution", "更换模块", when=at("11:00"))
    refused(cli, store, "close", tid, when=at("11:01"))
    ok(cli, store, "confirm", tid, "--method", "phone", "--contact", "li.na", when=at("11:05"))
    ok(cli, store, "close", tid, when=at("11:06"))
    # reopen_window is 7 days (policy default): 8 days later is refused
    err = refused(cli, store, "reopen", tid, "--reason", "x", when=at("11:07", "2026-11-10"))
    assert "reopened more than the reopen window (7d) after it was closed at 2026-11-02T11:06:00+08:00" in err
    assert err.endswith("[reopen-window]. Allowed now: note, link, explain\n")
    assert status_of(store, tid) == "closed"
    valid(cli, store)


def test_problem_path_known_error_linked_incidents(cli: Cli, store: Path) -> None:
    tid = new(cli, store, "problem", "--title", "数据库连接池耗尽", "--service", "SVC-ONSITE", "--priority", "P2")
    assert tid.startswith("PRB-2611-")
    err = refused(cli, store, "known-error", tid, "--workaround", "重启监听", when=at("09:01"))
    assert err == (f"itsmctl: {tid} is new: 'known-error' is not allowed now. Allowed now: assign, start, note, link\n")
    ok(cli, store, "assign", tid, "--to", "zhou.min", when=at("09:02"))
    assert status_of(store, tid) == "new"  # a problem has no 'assigned' status
    ok(cli, store, "start", tid, when=at("09:03"))
    assert status_of(store, tid) == "investigating"
    ok(
        cli,
        store,
        "known-error",
        tid,
        "--workaround",
        "重启数据库监听",
        "--incident",
        "INC-2610-7KQ3P",
        when=at("10:00"),
    )
    ok(cli, store, "link", "INC-2610-7KQ3P", "--to", tid, when=at("10:01"))
    ok(cli, store, "resolve", tid, "--resolution", "调整连接池上限", "--root-cause", "连接泄漏", when=at("15:00"))
    ok(cli, store, "close", tid, when=at("15:01"))
    ok(cli, store, "reopen", tid, "--reason", "复发", when=at("16:00"))
    record = yh.load_ticket(store, tid)
    assert record["status"] == "investigating"
    assert record["known_error"] is True and record["workaround"] == "重启数据库监听"
    assert record["incidents"] == ["INC-2610-7KQ3P"] and record["root_cause"] == "连接泄漏"
    assert yh.load_ticket(store, "INC-2610-7KQ3P")["related"] == [tid]
    valid(cli, store)


def _planned_change(cli: Cli, store: Path) -> str:
    tid = new(
        cli,
        store,
        "change",
        "--title",
        "数据库版本升级",
        "--service",
        "SVC-ONSITE",
        "--priority",
        "P3",
        "--ci",
        "CI-SRV-01",
    )
    ok(
        cli,
        store,
        "plan",
        tid,
        "--goal",
        "升级到19c",
        "--content",
        "数据库升级",
        "--step",
        "备份",
        "--step",
        "升级",
        "--person",
        "wang.qiang",
        "--budget",
        "0",
        "--start",
        "2026-11-07T20:00+08:00",
        "--end",
        "2026-11-07T23:00+08:00",
        "--risk-plan",
        "DBA待命",
        "--rollback-plan",
        "从备份恢复",
        when=at("09:10"),
    )
    ok(cli, store, "assess", tid, "--risk", "medium", when=at("09:20"), by="zhou.min")
    ok(
        cli,
        store,
        "approve",
        tid,
        "--approver",
        "li.na",
        "--method",
        "mail",
        "--reference",
        "邮件 2026-11-02",
        when=at("10:00"),
    )
    ok(
        cli,
        store,
        "schedule",
        tid,
        "--start",
        "2026-11-07T20:00+08:00",
        "--end",
        "2026-11-07T23:00+08:00",
        when=at("10:05"),
    )
    ok(cli, store, "implement", tid, when=at("20:00", "2026-11-07"))
    return tid


def test_change_path_to_closed(cli: Cli, store: Path) -> None:
    tid = _planned_change(cli, store)
    ok(cli, store, "trial", tid, "--period", "7d", when=at("23:00", "2026-11-07"))
    ok(
        cli,
        store,
        "review",
        tid,
        "--result",
        "successful",
        "--evaluation",
        "运行平稳",
        "--confirmed-by",
        "li.na",
        when=at("10:00", "2026-11-15"),
    )
    refused = cli("ticket", "close", tid, "--records", store, "--at", at("10:02", "2026-11-15"), "--by", "wang.qiang")
    assert refused.code == 1 and "[change-cmdb]" in refused.stderr, refused  # the CMDB not updated yet
    done = cli("ci", "set", "CI-SRV-01", "--change", tid, "--version", "19c", "--records", store,
               "--at", at("10:03", "2026-11-15"), "--by", "wang.qiang")  # fmt: skip
    assert done.code == 0, done
    ok(cli, store, "close", tid, when=at("10:05", "2026-11-15"))
    record = yh.load_ticket(store, tid)
    assert record["status"] == "closed"
    assert record["approval"] == {
        "by": "li.na",
        "at": "2026-11-02T10:00:00+08:00",
        "method": "mail",
        "reference": "邮件 2026-11-02",
    }
    assert record["trial"] == {
        "start": "2026-11-07",
        "end": "2026-11-14",
        "result": "pass",
        "evaluation": "运行平稳",
        "confirmed_by": "li.na",
    }
    assert record["risk"] == "medium" and record["reviews"][0]["stage"] == "internal"
    assert [e["type"] for e in record["events"]] == [
        "opened",
        "note",
        "assessed",
        "approved",
        "scheduled",
        "status",
        "trial",
        "reviewed",
        "closed",
    ]
    valid(cli, store)


def test_change_rolled_back(cli: Cli, store: Path) -> None:
    tid = _planned_change(cli, store)
    ok(cli, store, "rollback", tid, "--reason", "升级后性能下降", when=at("22:00", "2026-11-07"))
    assert status_of(store, tid) == "rolled_back"
    refused(cli, store, "close", tid, when=at("22:01", "2026-11-07"))
    valid(cli, store)


def test_change_refusals_plan_incomplete_and_illegal_step(cli: Cli, store: Path) -> None:
    tid = new(cli, store, "change", "--title", "防火墙策略调整", "--service", "SVC-ONSITE", "--priority", "P3")
    err = refused(cli, store, "implement", tid, when=at("09:01"))
    assert (
        err
        == f"itsmctl: {tid} is draft: 'implement' is not allowed now. Allowed now: plan, assign, assess, note, link\n"
    )
    ok(cli, store, "plan", tid, "--goal", "收紧策略", "--budget", "0", when=at("09:02"))
    ok(cli, store, "assess", tid, "--risk", "low", when=at("09:03"), by="zhou.min")
    err = refused(cli, store, "approve", tid, "--approver", "li.na", "--method", "mail", when=at("09:04"))
    assert (
        "approved without a complete plan; missing: content, steps, people, start, end, risk_plan, rollback_plan" in err
    )
    assert status_of(store, tid) == "assessed"
    valid(cli, store)


def test_complaint_is_not_handled_by_the_person_it_is_about(cli: Cli, store: Path) -> None:
    tid = new(
        cli,
        store,
        "complaint",
        "--title",
        "工程师迟到",
        "--service",
        "SVC-ONSITE",
        "--priority",
        "P3",
        "--about",
        "wang.qiang",
        "--requester",
        "li.na",
    )
    assert tid.startswith("CMP-2611-")
    err = refused(cli, store, "assign", tid, "--to", "wang.qiang", when=at("09:01"), by="zhou.min")
    assert "wang.qiang is named in the complaint and cannot handle it (assignee) [complaint]" in err
    err = refused(cli, store, "resolve", tid, "--resolution", "x", when=at("09:01"), by="zhou.min")
    assert (
        err == f"itsmctl: {tid} is new: 'resolve' is not allowed now. Allowed now: assign, start, respond, note, link\n"
    )
    ok(cli, store, "assign", tid, "--to", "zhou.min", when=at("09:02"), by="zhou.min")
    ok(cli, store, "start", tid, when=at("09:03"), by="zhou.min")
    ok(cli, store, "respond", tid, when=at("09:04"), by="zhou.min")
    ok(cli, store, "resolve", tid, "--resolution", "已致歉并调整排班", when=at("15:00"), by="zhou.min")
    ok(cli, store, "confirm", tid, "--method", "phone", when=at("15:30"), by="zhou.min")
    ok(cli, store, "close", tid, when=at("15:31"), by="zhou.min")
    ok(cli, store, "reopen", tid, "--reason", "客户不满意", when=at("16:00"), by="zhou.min")
    assert status_of(store, tid) == "investigating"
    valid(cli, store)


def _complaint_about_wang(cli: Cli, store: Path) -> str:
    return new(
        cli,
        store,
        "complaint",
        "--title",
        "工程师迟到",
        "--service",
        "SVC-ONSITE",
        "--priority",
        "P3",
        "--about",
        "wang.qiang",
        "--requester",
        "li.na",
    )


def test_complaint_refuses_every_action_by_the_person_it_is_about(cli: Cli, store: Path) -> None:
    tid = _complaint_about_wang(cli, store)  # opened by wang.qiang: recording the call is allowed
    ok(cli, store, "assign", tid, "--to", "zhou.min", when=at("09:01"), by="zhou.min")
    for args in (("start",), ("respond",), ("note", "我没有迟到"), ("link", "--to", "CI-SRV-01")):
        err = (
            refused(cli, store, *args, tid, when=at("09:02"))
            if args[0] != "note"
            else refused(cli, store, "note", tid, args[1], when=at("09:02"))
        )
        assert "wang.qiang acted on a complaint about them" in err and "[complaint]" in err
    ok(cli, store, "start", tid, when=at("09:03"), by="zhou.min")
    err = refused(cli, store, "resolve", tid, "--resolution", "x", when=at("09:04"))
    assert "a complaint is handled independently by someone it is not about" in err
    ok(cli, store, "resolve", tid, "--resolution", "已致歉", when=at("09:05"), by="zhou.min")
    refused(cli, store, "confirm", tid, "--method", "phone", when=at("09:06"))
    ok(cli, store, "confirm", tid, "--method", "phone", when=at("09:06"), by="zhou.min")
    refused(cli, store, "close", tid, when=at("09:07"))
    assert status_of(store, tid) == "resolved"
    valid(cli, store)


def test_complaint_opened_by_the_person_it_is_about_cannot_assign_it(cli: Cli, store: Path) -> None:
    result = cli(
        "ticket",
        "new",
        "complaint",
        "--title",
        "t",
        "--service",
        "SVC-ONSITE",
        "--priority",
        "P3",
        "--about",
        "wang.qiang",
        "--assignee",
        "zhou.min",
        "--records",
        store,
        "--at",
        at("09:00"),
        "--by",
        "wang.qiang",
    )
    assert result.code == 1, result
    assert "wang.qiang acted on a complaint about them (assigned)" in result.stderr
    assert not list((store / "tickets").rglob("CMP-*.yaml")), "nothing is written"


def test_validate_reports_events_on_a_complaint_by_the_person_it_is_about(cli: Cli, store: Path) -> None:
    tid = _complaint_about_wang(cli, store)
    path = store / yh.ticket_path(tid)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "  - {id: EAAAAA1, at: 2026-11-02T09:30:00+08:00, by: wang.qiang, type: note, note: 我没错}\n",
        encoding="utf-8",
    )
    result = cli("validate", "--records", store, "--format", "json")
    assert result.code == 1, result
    assert "wang.qiang acted on a complaint about them (note)" in result.stdout
    assert "events[0]" not in result.stdout  # the opened event by wang.qiang is fine
