"""Routine operations (例行操作): four plans and their performed records, August to November.

The monthly inspection (巡检, within the first 10 working days), the weekly backup check
(on the week's first working day), the quarterly inspection and cleaning (within 15
working days) and the half-yearly emergency drill (by the half year's last working day,
still to come at the reference moment).  Some were done late, some found a failed item:
one opened an incident, the others say in a note how it was handled.  Nothing is overdue
at 2026-11-20 15:00.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from storegen.ids import IdMint
from storegen.worktime import CST, WorkCalendar
from storegen.yamltext import document

INSPECT = ["cpu", "memory", "disk", "hardware_alarm", "error_log", "ha_status"]
BACKUP = ["job_status", "restore_sample", "tape_rotation"]
CLEAN = ["dust", "cabling", "fans", "labels", "ups_battery"]
DRILL = ["scenario", "switchover", "recovery_time", "report"]

PLANS: list[dict[str, Any]] = [
    {
        "kind": "operation_plan",
        "id": "OP-INSPECT-MONTHLY",
        "title": "核心系统月度巡检 Monthly inspection of the core systems",
        "operation_type": "inspection",
        "service": "SVC-PRO-INSPECT",
        "cis": ["CI-SRV-CORE-01", "CI-SRV-CORE-02", "CI-SRV-DB-01", "CI-SRV-DB-02", "CI-DB-CORE", "CI-STO-SAN-01"],
        "frequency": "monthly",
        "window_working_days": 10,
        "calendar": "CAL-CN-5X8",
        "owner_group": "onsite",
        "checklist": [
            {"id": "cpu", "check": "CPU 使用率（峰值）", "expected": "低于 80%"},
            {"id": "memory", "check": "内存使用率", "expected": "低于 85%"},
            {"id": "disk", "check": "文件系统与表空间使用率", "expected": "低于 85%"},
            {"id": "hardware_alarm", "check": "硬件告警灯与管理口告警", "expected": "无告警"},
            {"id": "error_log", "check": "系统与数据库错误日志", "expected": "无新增严重错误"},
            {"id": "ha_status", "check": "双机与存储多路径状态", "expected": "主备正常、路径全部在线"},
        ],
        "deliverable": "月度巡检记录 Monthly inspection record",
        "effective_from": date(2026, 8, 1),
    },
    {
        "kind": "operation_plan",
        "id": "OP-BACKUP-WEEKLY",
        "title": "每周备份检查 Weekly backup check",
        "operation_type": "backup_check",
        "service": "SVC-PRO-INSPECT",
        "cis": ["CI-SRV-BAK-01", "CI-LIC-BACKUP", "CI-STO-NAS-01"],
        "frequency": "weekly",
        "window_working_days": 1,
        "calendar": "CAL-CN-5X8",
        "owner_group": "onsite",
        "checklist": [
            {"id": "job_status", "check": "上周全部备份作业状态", "expected": "全部成功"},
            {"id": "restore_sample", "check": "抽样恢复一个文件或表", "expected": "恢复成功且内容一致"},
            {"id": "tape_rotation", "check": "磁带轮换与离场保存", "expected": "按计划轮换"},
        ],
        "effective_from": date(2026, 8, 1),
    },
    {
        "kind": "operation_plan",
        "id": "OP-CLEAN-QUARTERLY",
        "title": "季度巡检及清洁 Quarterly inspection and cleaning",
        "operation_type": "cleaning",
        "service": "SVC-PRO-INSPECT",
        "cis": ["CI-SRV-VH-01", "CI-SRV-VH-02", "CI-SRV-VH-03", "CI-NET-CORE-01", "CI-NET-CORE-02", "CI-UPS-DC-01"],
        "frequency": "quarterly",
        "window_working_days": 15,
        "calendar": "CAL-CN-5X8",
        "owner_group": "onsite",
        "checklist": [
            {"id": "dust", "check": "设备除尘", "expected": "滤网与机箱无积尘"},
            {"id": "cabling", "check": "线缆整理与标识", "expected": "无松动、无缠绕"},
            {"id": "fans", "check": "风扇运行", "expected": "全部正常转动"},
            {"id": "labels", "check": "资产标签核对", "expected": "与台账一致"},
            {"id": "ups_battery", "check": "UPS 电池自检", "expected": "自检通过"},
        ],
        "deliverable": "季度巡检及清洁记录 Quarterly inspection and cleaning record",
        "effective_from": date(2026, 8, 1),
    },
    {
        "kind": "operation_plan",
        "id": "OP-DRILL-HALFYEAR",
        "title": "核心系统应急演练 Emergency drill of the core system",
        "operation_type": "drill",
        "service": "SVC-PRO-INSPECT",
        "cis": ["CI-BS-CORE", "CI-DB-CORE", "CI-SRV-DB-02"],
        "frequency": "half_yearly",
        "calendar": "CAL-CN-5X8",
        "owner_group": "expert",
        "checklist": [
            {"id": "scenario", "check": "演练方案经客户确认"},
            {"id": "switchover", "check": "数据库主备切换", "expected": "切换成功"},
            {"id": "recovery_time", "check": "业务恢复时间", "expected": "不超过 30 分钟"},
            {"id": "report", "check": "演练报告提交客户"},
        ],
        "effective_from": date(2026, 8, 1),
    },
]

ONSITE = ("wang.qiang", "liu.yang", "chen.hao")


def _working(cal: WorkCalendar, start: date, end: date) -> list[date]:
    out, day = [], start
    while day <= end:
        if cal.is_working_day(day):
            out.append(day)
        day += timedelta(days=1)
    return out


def _at(rng: random.Random, day: date) -> datetime:
    return datetime(day.year, day.month, day.day, rng.randint(9, 15), rng.choice((0, 10, 20, 30, 40, 50)), tzinfo=CST)


def _op(mint: IdMint, plan: str, period: str, by: str, at: datetime, results: list[dict[str, Any]], **extra: Any):
    record: dict[str, Any] = {
        "kind": "operation",
        "id": mint.record("OPR", at),
        "plan": plan,
        "period": period,
        "by": by,
        "at": at,
        "results": results,
    }
    record.update(extra)
    oid = record["id"]
    return f"operations/20{oid[4:6]}/{oid[6:8]}/{oid}.yaml", document(record)


def operation_texts(cal: WorkCalendar, now: datetime, backup_incident: tuple[str, datetime] | None) -> dict[str, str]:
    """The plan files and every performed operation up to ``now``."""
    rng = random.Random(20261120 + 14)
    mint = IdMint(random.Random(20261120 + 15))
    files = {f"operation_plans/{p['id']}.yaml": document(p) for p in PLANS}
    # monthly inspection: October's late (after the National Day holiday), August found a full disk
    values = {"cpu": "62%", "memory": "71%", "disk": "78%"}
    for month, late_by in ((8, 0), (9, 0), (10, 2), (11, 0)):
        days = _working(cal, date(2026, month, 1), date(2026, month, 28))
        due = days[9]
        day = days[9 + late_by] if late_by else days[rng.randint(3, 8)]
        results: list[dict[str, Any]] = []
        for item in INSPECT:
            row: dict[str, Any] = {"item": item, "result": "pass"}
            if item in values:
                row["value"] = values[item]
            if month == 8 and item == "disk":
                row.update(result="fail", value="91%", note="/u01 归档日志目录写满前清理并扩容 20G，复查 74%")
            results.append(row)
        extra: dict[str, Any] = {}
        if month == 8:
            extra["findings"] = ["核心库归档日志增长快于预期，建议调整 RMAN 删除策略"]
        if late_by:
            extra["findings"] = [f"国庆假期后积压工单较多，巡检较计划（{due:%m-%d}）推迟完成"]
        path, text = _op(
            mint, "OP-INSPECT-MONTHLY", f"2026-{month:02d}", ONSITE[month % 3], _at(rng, day), results, **extra
        )
        files[path] = text
    # weekly backup check: weeks 32 to 47; a few a day or two late, one opened an incident
    linked_week = None
    if backup_incident is not None:
        linked_week = backup_incident[1].isocalendar()[1]
    for week in range(32, 48):
        monday = date.fromisocalendar(2026, week, 1)
        days = _working(cal, monday, monday + timedelta(days=6))
        if not days:
            continue
        period = f"2026-W{week:02d}"
        by = ONSITE[week % 3]
        if week == linked_week and backup_incident is not None:
            at = backup_incident[1] - timedelta(minutes=10)
            results = [
                {"item": "job_status", "result": "fail", "value": "2/14 失败", "incident": backup_incident[0]},
                {"item": "restore_sample", "result": "pass"},
                {"item": "tape_rotation", "result": "pass"},
            ]
            path, text = _op(mint, "OP-BACKUP-WEEKLY", period, by, at, results, findings=["备份作业失败已报事件处理"])
            files[path] = text
            continue
        late = week in (36, 43) and len(days) > 2
        day = days[2] if late else days[0]
        results = [
            {"item": "job_status", "result": "pass", "value": "14/14 成功"},
            {"item": "restore_sample", "result": "pass"},
        ]
        if week == 39:
            results[1] = {
                "item": "restore_sample",
                "result": "fail",
                "note": "抽样恢复校验不一致，重新恢复后一致，原因为介质缓存，已记录观察",
            }
        results.append({"item": "tape_rotation", "result": "pass"})
        at = _at(rng, day)
        if at <= now:
            path, text = _op(mint, "OP-BACKUP-WEEKLY", period, by, at, results)
            files[path] = text
    # quarterly inspection and cleaning: Q4, on time, one fan replaced
    q4 = _working(cal, date(2026, 10, 1), date(2026, 12, 31))
    results = [{"item": i, "result": "pass"} for i in CLEAN]
    results[2] = {"item": "fans", "result": "fail", "note": "CI-SRV-VH-02 2 号风扇异响，已更换备件（维保内）"}
    path, text = _op(mint, "OP-CLEAN-QUARTERLY", "2026-Q4", "chen.hao", _at(rng, q4[12]), results)
    files[path] = text
    return files
