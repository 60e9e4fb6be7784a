"""问题及改进建议 and 下月工作计划: drawn from the records as they stood at the report's moment."""

from __future__ import annotations

from typing import Any

from helpers_reports import AT, REPORT_STORE

from tests.conftest import SAMPLE_RECORDS


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    rest = text[start + len(heading) :]
    return rest.split("\n## ", 1)[0]


def test_open_matters_are_read_at_the_months_end_and_targets_below_commitment_are_named(cli: Any) -> None:
    text = cli("report", "monthly", "--month", "2026-10", "--records", REPORT_STORE, "--at", AT).stdout
    matters = _section(text, "、问题及改进建议")
    assert "| SLA | SLA-RPT | 恢复达成率 0.0%（0/1），低于承诺 95.0% |" in matters
    assert "| 问题 | PRB-2610-A0005 | 交换机板卡批次缺陷 | 已知错误；临时解决方案：保持备件库存" in matters
    assert "| 投诉 | CMP-2610-A0008 |" in matters
    # PRB-2610-KWM23 was closed in November: at October's end it was a known error, and so it is shown
    sample = cli("report", "monthly", "--month", "2026-10", "--records", SAMPLE_RECORDS,
                 "--at", "2026-11-20T15:00:00+08:00").stdout  # fmt: skip
    row = next(line for line in _section(sample, "、问题及改进建议").splitlines() if "PRB-2610-KWM23" in line)
    assert "已知错误；" in row and "已关闭" not in row


def test_next_months_plan_lists_the_changes_scheduled_and_the_operations_due(cli: Any) -> None:
    late = cli("report", "monthly", "--month", "2026-10", "--records", SAMPLE_RECORDS, "--lang", "en",
               "--at", "2026-11-20T15:00:00+08:00").stdout  # fmt: skip
    plan = _section(late, "Plan for next month (2026-11)")
    assert "| CHG-2610-YCSFF | 网银 Web 应用防火墙上线 | 2026-11-07 21:00 | 2026-11-08 00:00 |" in plan
    assert "| OP-INSPECT-MONTHLY |" in plan and plan.count("| OP-BACKUP-WEEKLY |") == 5
    # as of October's end, the change recorded in November is not known yet
    at_end = cli("report", "monthly", "--month", "2026-10", "--records", SAMPLE_RECORDS, "--lang", "en").stdout
    assert "CHG-2611-3FBXB" in plan and "CHG-2611-3FBXB" not in _section(at_end, "Plan for next month (2026-11)")


def test_the_security_section_lists_every_security_ticket_of_the_month(cli: Any) -> None:
    text = cli("report", "monthly", "--month", "2026-10", "--records", SAMPLE_RECORDS).stdout
    section = text.split("### 信息安全", 1)[1].split("\n## ", 1)[0]
    assert "本月新建信息安全类工单 2 张，月末未解决 0 张" in section
    assert "| INC-2610-2R3KQ | 事件 | 终端病毒告警 | P3 |" in section and "| INC-2610-JNPDN |" in section
    # September's and November's security tickets are not October's
    assert "INC-2609-AVVZB" not in section and "INC-2611-7ZQ4S" not in section
