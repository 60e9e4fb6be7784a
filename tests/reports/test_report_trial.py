"""Findings of the new-user trial of the reports, each pinned on exact text.

CMDB lists only CIs in use; problem counts are of one set; English counts agree in
number; no ``label: value`` line is left blank; trends start when the service did."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from itsmctl.reports.render import _plural
from tests.reports.helpers_reports import AT, LEFT_OUT_EXIT, REPORT_STORE

PROBLEM = Path("tickets/2026/10/PRB-2610-A0005.yaml")


@pytest.fixture
def report_store(tmp_path: Path) -> Path:
    target = tmp_path / "report_store"
    shutil.copytree(REPORT_STORE, target)
    return target


def _report(cli, store: Path, *args: str, lang: str = "zh") -> str:
    result = cli("report", *args, "--lang", lang, "--records", store, "--at", AT)
    assert result.code == LEFT_OUT_EXIT, result
    return result.stdout


def _ci(store: Path, ci_id: str, status: str) -> None:
    (store / "cmdb" / f"{ci_id}.yaml").write_text(
        f"kind: ci\nid: {ci_id}\nname: 新服务器{ci_id[-2:]}\nclass: server\nstatus: {status}\nowner: zhao.lei\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("status", ["ordered", "received", "testing", "retired", "disposed"])
def test_cmdb_isolated_and_overdue_leave_out_cis_not_in_use(cli, report_store: Path, status: str) -> None:
    _ci(report_store, "CI-NEW-01", status)
    for lang in ("zh", "en"):
        report = _report(cli, report_store, "cmdb", lang=lang)
        assert "CI-NEW-01" not in report.split("## ")[2:][0]  # not in the relations section
        overdue = report.split("逾期未核查" if lang == "zh" else "overdue for verification")[1]
        assert "CI-NEW-01" not in overdue


@pytest.mark.parametrize("status", ["in_use", "changed"])
def test_cmdb_isolated_and_overdue_list_cis_in_use(cli, report_store: Path, status: str) -> None:
    _ci(report_store, "CI-NEW-01", status)
    zh = _report(cli, report_store, "cmdb")
    assert "无任何关系的在用配置项：CI-LIC-01（数据库许可）、CI-NEW-01（新服务器01）。" in zh
    assert "| CI-NEW-01 | 新服务器01 | 服务器 | 从未 | — |" in zh
    en = _report(cli, report_store, "cmdb", lang="en")
    assert "CIs in use without any relation: CI-LIC-01 (数据库许可), CI-NEW-01 (新服务器01)." in en


def test_quality_known_errors_are_counted_among_the_open_problems(cli, report_store: Path) -> None:
    """The store's one problem (a known error) resolved on 28 October: 0 open, so 0 known errors among them."""
    path = report_store / PROBLEM
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: known_error\n", "status: resolved\n", 1)
        + "  - {id: EA0005D, at: 2026-10-28T10:00:00+08:00, by: zhao.lei, type: resolved, resolution: 更换批次}\n",
        encoding="utf-8",
    )
    zh = _report(cli, report_store, "quality", "--month", "2026-10")
    assert "- 月末未关闭问题 0 个，其中已知错误 0 个。" in zh
    en = _report(cli, report_store, "quality", "--month", "2026-10", lang="en")
    assert "- 0 problems open at month end (0 known errors)." in en
    monthly = _report(cli, report_store, "monthly", "--month", "2026-10")
    assert "月末未关闭问题 0 个，其中已知错误 0 个。下表列出本月涉及的 1 个问题（其中已知错误 1 个）。" in monthly


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "major incident", "0 major incidents"),
        (1, "major incident", "1 major incident"),
        (2, "complaint", "2 complaints"),
        (1, "emergency change", "1 emergency change"),
        (3, "nonconformity", "3 nonconformities"),
        (2, "day", "2 days"),
        (2, "box", "2 boxes"),
        (1, "CI", "1 CI"),
        (2, "CI", "2 CIs"),
    ],
)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert _plural(count, noun) == expected


def test_plural_irregular() -> None:
    assert _plural(2, "person", "people") == "2 people"
    assert _plural(1, "person", "people") == "1 person"


def test_english_counts_agree_in_number(cli) -> None:
    report = _report(cli, REPORT_STORE, "quality", "--month", "2026-10", lang="en")
    assert "- 1 major incident, 1 complaint." in report
    monthly = _report(cli, REPORT_STORE, "monthly", "--month", "2026-10", lang="en")
    assert "ended this month: 1 successful," in monthly and "1 emergency change." in monthly
    assert "1 problem opened" in monthly


def test_missing_sla_says_not_defined(cli, report_store: Path) -> None:
    (report_store / "slas" / "SLA-RPT.yaml").unlink()
    zh = _report(cli, report_store, "monthly", "--month", "2026-10")
    assert "- 客户：未定义（无有效 SLA）\n" in zh
    assert "承诺达成率：未定义（无有效 SLA）。" in zh
    en = _report(cli, report_store, "monthly", "--month", "2026-10", lang="en")
    assert "- Customer: not defined (no valid SLA)\n" in en
    assert "Committed achievement: not defined (no valid SLA)." in en
    quality = _report(cli, report_store, "quality", "--month", "2026-10")
    assert "全部 SLA 目标：未定义（无有效 SLA）。" in quality
    quality_en = _report(cli, report_store, "quality", "--month", "2026-10", lang="en")
    assert "All SLA targets: not defined (no valid SLA)." in quality_en


def test_broken_sla_says_not_defined(cli, report_store: Path) -> None:
    sla = report_store / "slas" / "SLA-RPT.yaml"
    sla.write_text(sla.read_text(encoding="utf-8").replace("effective_from:", "effective_form:"), encoding="utf-8")
    zh = _report(cli, report_store, "quality", "--month", "2026-10")
    assert "客户：\n" not in zh and "客户：）" not in zh
    en = _report(cli, report_store, "monthly", "--month", "2026-10", lang="en")
    assert "Committed achievement: not defined (no valid SLA)." in en


def test_missing_policy_says_not_defined(cli, report_store: Path) -> None:
    (report_store / "policy.yaml").unlink()
    result = cli("report", "cmdb", "--lang", "zh", "--records", report_store, "--at", AT)
    if result.code == LEFT_OUT_EXIT:  # reports that need the policy refuse instead; cmdb does not
        assert "- 服务方：未定义（无有效 policy.yaml）" in result.stdout


@pytest.mark.parametrize(("name", "args"), [("monthly", ["--month", "2026-10"]), ("review", ["2026"])])
def test_no_label_line_is_left_blank(cli, report_store: Path, name: str, args: list[str]) -> None:
    (report_store / "slas" / "SLA-RPT.yaml").unlink()
    for lang in ("zh", "en"):
        report = _report(cli, report_store, name, *args, lang=lang)
        assert "：。" not in report and ": ." not in report and "：）" not in report and ": )" not in report
        lines = report.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("- ") and line.rstrip().endswith(("：", ":")):  # only a list or table may follow
                following = next(x for x in lines[i + 1 :] if x.strip())
                assert following.startswith(("  - ", "|")), line


def test_trends_start_with_the_first_ticket(cli) -> None:
    """The SLA is in force from 2026-01-01 but the first ticket is from September: trends start there."""
    zh = _report(cli, REPORT_STORE, "monthly", "--month", "2026-10")
    assert "趋势自 2026-09 起统计（首张工单所在月份），此前月份不列出。" in zh
    assert '    x-axis ["2026-09", "2026-10"]' in zh
    assert "| 2026-08 |" not in zh
    en = _report(cli, REPORT_STORE, "review", "2026", lang="en")
    assert "Trends start in 2026-09 (the month of the first recorded ticket); earlier months are not shown." in en
    assert "| 2026-08 |" not in en and "| 2026-09 |" in en


def test_trends_start_with_the_sla_when_it_is_later(cli, report_store: Path) -> None:
    sla = report_store / "slas" / "SLA-RPT.yaml"
    sla.write_text(sla.read_text(encoding="utf-8").replace("effective_from: 2026-01-01", "effective_from: 2026-10-01"))
    zh = _report(cli, report_store, "monthly", "--month", "2026-10")
    assert "趋势自 2026-10 起统计（SLA 生效月份），此前月份不列出。" in zh
    assert "| 2026-09 |" not in zh.split("近六个月趋势")[1]


def test_zh_categories_are_translated(cli) -> None:
    zh = _report(cli, REPORT_STORE, "monthly", "--month", "2026-10")
    categories = zh.split("### 按类别")[1].split("###")[0]
    assert "| 应用 |" in categories and "application" not in categories


def test_names_in_running_text_use_the_languages_separator(cli, report_store: Path) -> None:
    audit = report_store / "audits" / "AUD-2026-H2.yaml"
    audit.write_text(
        audit.read_text(encoding="utf-8").replace("auditors: [chen.jie]", "auditors: [chen.jie, zhou.min]"),
        encoding="utf-8",
    )
    assert "- 审核员：陈洁、周敏\n" in _report(cli, report_store, "audit", "AUD-2026-H2")
    assert "- Auditors: Chen Jie, Zhou Min\n" in _report(cli, report_store, "audit", "AUD-2026-H2", lang="en")


def test_english_problem_sentence_reads_in_the_singular(cli) -> None:
    monthly = _report(cli, REPORT_STORE, "monthly", "--month", "2026-10", lang="en")
    assert (
        "1 problem opened and 0 resolved this month; 1 open at month end (1 known error)."
        " Problems active this month, listed below: 1 (1 known error)."
    ) in monthly
