"""``ops due``, ``ops record`` and the ``validate`` warnings, on a copy of the small example store."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli

PLAN = """\
kind: operation_plan
id: OP-INSPECT-MONTHLY
title: 月度巡检
operation_type: inspection
service: SVC-ONSITE
cis: [CI-SRV-01]
frequency: {frequency}
window_working_days: {window}
calendar: CAL-CN
owner_group: onsite
checklist:
  - {{id: disk, check: 磁盘使用率, expected: 低于 85%}}
  - {{id: alarm, check: 硬件告警}}
effective_from: 2026-09-01
"""

OPERATION = """\
kind: operation
id: {id}
plan: OP-INSPECT-MONTHLY
period: {period}
by: wang.qiang
at: {at}
results:
  - {{item: disk, result: {result}, value: 91%}}
  - {{item: alarm, result: pass}}
"""


def _plan(store: Path, frequency: str = "monthly", window: int = 10) -> None:
    folder = store / "operation_plans"
    folder.mkdir()
    (folder / "OP-INSPECT-MONTHLY.yaml").write_text(PLAN.format(frequency=frequency, window=window), encoding="utf-8")


def _operation(store: Path, op_id: str, period: str, at: str, result: str = "pass") -> Path:
    folder = store / "operations" / f"20{op_id[4:6]}" / op_id[6:8]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{op_id}.yaml"
    path.write_text(OPERATION.format(id=op_id, period=period, at=at, result=result), encoding="utf-8")
    return path


def test_ops_due_across_national_day_and_its_make_up_saturday(cli: Cli, store: Path) -> None:
    # October 2026: 1-7 holidays, Saturday 10 a make-up working day. The 10th working day is
    # Oct 8, 9, 10, 12, 13, 14, 15, 16, 19, 20 -> the 20th (the 22nd without the make-up day).
    _plan(store)
    _operation(store, "OPR-2609-AAAAA", "2026-09", "2026-09-11T10:00:00+08:00")  # Sep due the 14th
    _operation(store, "OPR-2610-BBBBB", "2026-10", "2026-10-21T10:00:00+08:00")  # a day late
    for month, now, expected in (
        ("2026-09", "2026-10-21T12:00:00+08:00", [("2026-09", "2026-09-14", "on_time", 0)]),
        ("2026-10", "2026-10-21T12:00:00+08:00", [("2026-10", "2026-10-20", "late", 1)]),
        ("2026-11", "2026-11-13T12:00:00+08:00", [("2026-11", "2026-11-13", "pending", 0)]),
        ("2026-11", "2026-11-16T12:00:00+08:00", [("2026-11", "2026-11-13", "overdue", 3)]),
    ):
        result = cli("ops", "due", "--month", month, "--at", now, "--format", "json", "--records", store)
        assert result.code == 0, result
        rows = json.loads(result.stdout)["occurrences"]
        assert [(r["period"], r["due"], r["status"], r["days_late"]) for r in rows] == expected, month
    text = cli("ops", "due", "--month", "2026-10", "--at", "2026-10-21T12:00:00+08:00", "--records", store)
    assert "OP-INSPECT-MONTHLY  2026-10  逾期完成 late (1d)  OPR-2610-BBBBB" in text.stdout, text


def test_a_weekly_check_after_the_holiday_week(cli: Cli, store: Path) -> None:
    _plan(store, "weekly", 1)
    result = cli("ops", "due", "--month", "2026-10", "--at", "2026-10-01T09:00:00+08:00", "--format", "json",
                 "--records", store)  # fmt: skip
    rows = json.loads(result.stdout)["occurrences"]
    # W40 (Sep 28-Oct 4) is due Sep 28, not in October; W41's Monday to Wednesday are holidays
    assert [(r["period"], r["due"]) for r in rows][:2] == [("2026-W41", "2026-10-08"), ("2026-W42", "2026-10-12")]


def test_validate_warns_of_overdue_occurrences_and_unhandled_failures(cli: Cli, store: Path) -> None:
    _plan(store)
    _operation(store, "OPR-2609-AAAAA", "2026-09", "2026-09-11T10:00:00+08:00", result="fail")
    result = cli("validate", "--records", store, "--at", "2026-10-23T09:00:00+08:00", "--format", "json")
    assert result.code == 0, result  # warnings
    codes = [(f["code"], f["severity"]) for f in json.loads(result.stdout)]
    assert ("ops-overdue", "warning") in codes and ("ops-unhandled", "warning") in codes, result
    overdue = [f for f in json.loads(result.stdout) if f["code"] == "ops-overdue"]
    assert len(overdue) == 1 and "2026-10 was due on 2026-10-20" in overdue[0]["message"]
    before = cli("validate", "--records", store, "--at", "2026-10-20T17:00:00+08:00", "--format", "json")
    assert "ops-overdue" not in before.stdout, before  # the due day itself is not overdue yet


def test_ops_record_writes_a_file_that_validates(cli: Cli, store: Path) -> None:
    _plan(store)
    result = cli("ops", "record", "OP-INSPECT-MONTHLY", "--result", "disk=异常:91%", "--result", "alarm=pass",
                 "--note", "disk=清理归档日志后 74%", "--finding", "归档日志增长快", "--records", store,
                 "--by", "wang.qiang", "--at", "2026-10-21T10:00:00+08:00", "--no-commit")  # fmt: skip
    assert result.code == 0, result
    [path] = (store / "operations" / "2026" / "10").glob("OPR-2610-*.yaml")
    text = path.read_text(encoding="utf-8")
    assert "period: 2026-10" in text and "result: fail" in text and "value: 91%" in text, text
    assert "failed: disk" in result.stdout
    check = cli("validate", "--records", store, "--at", "2026-10-21T12:00:00+08:00", "--format", "json")
    assert check.code == 0, check
    # the only finding: September, which nobody recorded; nothing about the new file
    assert [
        (f["code"], f["file"].endswith(".yaml") and "operations/" in f["file"]) for f in json.loads(check.stdout)
    ] == [("ops-overdue", False)], check
    due = cli("ops", "due", "--month", "2026-10", "--at", "2026-10-21T12:00:00+08:00", "--records", store)
    assert "late (1d)" in due.stdout, due


def test_ops_record_refuses_what_the_checklist_does_not_have(cli: Cli, store: Path) -> None:
    _plan(store)
    for args, said in (
        (["--result", "cpu=pass"], "not on OP-INSPECT-MONTHLY's checklist"),
        (["--result", "disk=maybe"], "write ITEM=pass or ITEM=fail"),
        (["--result", "disk=pass", "--period", "2026-Q4"], "not a monthly period"),
        (["--result", "disk=pass", "--note", "alarm=x"], "without a --result"),
    ):
        result = cli("ops", "record", "OP-INSPECT-MONTHLY", *args, "--records", store, "--by", "wang.qiang",
                     "--at", "2026-10-21T10:00:00+08:00", "--no-commit")  # fmt: skip
        assert result.code == 2 and said in result.stderr, (args, result)
        assert "Traceback" not in result.stderr
    assert not (store / "operations").exists()


def test_ops_record_opens_the_incident_of_a_failed_check_and_links_it(cli: Cli, store: Path) -> None:
    _plan(store)
    tickets_before = set((store / "tickets").rglob("*.yaml"))
    result = cli("ops", "record", "OP-INSPECT-MONTHLY", "--result", "disk=异常:93%", "--result", "alarm=pass",
                 "--open-incident", "disk", "--dim", "urgency=high", "--dim", "impact=one", "--records", store,
                 "--by", "wang.qiang", "--at", "2026-10-21T10:00:00+08:00", "--no-commit")  # fmt: skip
    assert result.code == 0, result
    [op_path] = (store / "operations" / "2026" / "10").glob("OPR-2610-*.yaml")
    [inc_path] = set((store / "tickets").rglob("*.yaml")) - tickets_before
    incident_id = inc_path.stem
    assert f"{incident_id}: incident opened for disk" in result.stdout, result
    op_text, inc_text = op_path.read_text(encoding="utf-8"), inc_path.read_text(encoding="utf-8")
    assert f"incident: {incident_id}" in op_text, op_text
    for said in ("title: 月度巡检异常：磁盘使用率（93%）", "service: SVC-ONSITE", "channel: inspection",
                 "group: onsite", "requester: wang.qiang", op_path.stem, "低于 85%"):  # fmt: skip
        assert said in inc_text, (said, inc_text)
    check = cli("validate", "--records", store, "--at", "2026-10-21T12:00:00+08:00", "--format", "json")
    # the new files add no finding: no ops-unhandled for the failed check, no ref error for the incident
    assert [f["code"] for f in json.loads(check.stdout)] == ["ops-overdue"], check


def test_ops_record_open_incident_refusals_write_nothing(cli: Cli, store: Path) -> None:
    _plan(store)
    before = sorted(p.relative_to(store) for p in store.rglob("*") if p.is_file())
    for args, said in (
        (["--result", "disk=pass", "--open-incident", "disk", "--dim", "urgency=high", "--dim", "impact=one"],
         "disk passed: only a failed check opens an incident"),
        (["--result", "disk=fail", "--open-incident", "alarm"], "alarm: an --open-incident for an item without"),
        (["--result", "disk=fail", "--open-incident", "disk"], "graded on every dimension"),
        (["--result", "disk=fail", "--open-incident", "disk", "--dim", "urgency=high", "--dim", "impact=one",
          "--service", "SVC-NONE"], "'SVC-NONE' is not a service"),
        (["--result", "disk=fail", "--dim", "urgency=high"], "grade the incidents of --open-incident"),
    ):  # fmt: skip
        result = cli("ops", "record", "OP-INSPECT-MONTHLY", *args, "--records", store, "--by", "wang.qiang",
                     "--at", "2026-10-21T10:00:00+08:00", "--no-commit")  # fmt: skip
        assert result.code == 2 and said in result.stderr, (args, result)
        assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(store) for p in store.rglob("*") if p.is_file()) == before


def test_a_cron_plan_in_validate_ops_due_and_ops_record(cli: Cli, store: Path) -> None:
    _plan(store)
    path = store / "operation_plans" / "OP-INSPECT-MONTHLY.yaml"
    text = path.read_text(encoding="utf-8").replace("frequency: monthly\nwindow_working_days: 10\n", "")
    path.write_text(text.replace("calendar: CAL-CN", "frequency: cron\ncron: 0 9 * * mon\ncalendar: CAL-CN"))
    due = cli("ops", "due", "--month", "2026-10", "--at", "2026-10-13T09:00:00+08:00", "--format", "json",
              "--records", store)  # fmt: skip
    rows = [(r["period"], r["due"], r["status"]) for r in json.loads(due.stdout)["occurrences"]]
    # Monday 5 October is in the National Day holiday: due on the 8th, the first working day after it
    assert rows[:2] == [("2026-10-05", "2026-10-08", "overdue"), ("2026-10-12", "2026-10-12", "overdue")], due
    wrote = cli("ops", "record", "OP-INSPECT-MONTHLY", "--result", "disk=pass", "--records", store, "--by",
                "wang.qiang", "--at", "2026-10-14T10:00:00+08:00", "--no-commit")  # fmt: skip
    assert wrote.code == 0 and "OP-INSPECT-MONTHLY 2026-10-12" in wrote.stdout, wrote
    refused = cli(
        "ops", "record", "OP-INSPECT-MONTHLY", "--result", "disk=pass", "--period", "2026-10-13",
        "--records", store, "--by", "wang.qiang", "--at", "2026-10-14T10:00:00+08:00", "--no-commit",
    )  # fmt: skip
    assert refused.code == 2 and "is not a day its cron '0 9 * * mon' names" in refused.stderr, refused
    path.write_text(text.replace("calendar: CAL-CN", "frequency: cron\ncron: 0 9 * * someday\ncalendar: CAL-CN"))
    broken = cli("validate", "--records", store, "--format", "json", "--at", "2026-10-14T10:00:00+08:00")
    [finding] = [f for f in json.loads(broken.stdout) if f["severity"] == "error"]
    assert broken.code == 1 and finding["field"] == "cron" and "day of week" in finding["message"], broken


def test_report_inspection_lists_the_month_failures_and_what_is_still_overdue(cli: Cli, store: Path) -> None:
    _plan(store)
    _operation(store, "OPR-2610-BBBBB", "2026-10", "2026-10-21T10:00:00+08:00", result="fail")  # September never done
    for lang, heading, late, earlier in (
        (
            "zh",
            "# 巡检报告 2026-10",
            "逾期完成（1 天）",
            "| OP-INSPECT-MONTHLY | 月度巡检 | 2026-09 | 2026-09-14 | 47 |",
        ),
        (
            "en",
            "# Inspection report 2026-10",
            "Done late (1d)",
            "| OP-INSPECT-MONTHLY | 月度巡检 | 2026-09 | 2026-09-14 | 47 |",
        ),
    ):
        result = cli("report", "inspection", "--month", "2026-10", "--lang", lang, "--records", store,
                     "--at", "2026-10-31T12:00:00+08:00")  # fmt: skip
        assert result.code == 0, result
        assert heading in result.stdout and late in result.stdout and earlier in result.stdout, result
        assert "| OP-INSPECT-MONTHLY | 2026-10 | 磁盘使用率 | 91% |" in result.stdout, result


def test_the_monthly_report_has_a_routine_operations_section_naming_what_is_overdue(cli: Cli, store: Path) -> None:
    _plan(store)
    _operation(store, "OPR-2610-BBBBB", "2026-10", "2026-10-21T10:00:00+08:00")
    result = cli("report", "monthly", "--month", "2026-10", "--records", store, "--at", "2026-10-31T12:00:00+08:00")
    assert result.code == 0, result
    section = result.stdout.split("## 十一、例行操作", 1)[1]
    assert "本月到期例行操作 1 项：按时完成 0 项，逾期完成 1 项" in section, result
    assert "| OP-INSPECT-MONTHLY | 月度巡检 | 2026-09 | 2026-09-14 | 47 |" in section, result
