"""Availability of business services against the SLA's targets, from unplanned outages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLE_RECORDS

SLA = Path("slas/SLA-HXB-2026.yaml")
TARGETS = "availability: {CI-BS-CORE: 99.9, CI-BS-EBANK: 99.9}\n"


@pytest.fixture
def store(sample_store: Path) -> Path:
    return sample_store


def _section(text: str) -> str:
    return text.split("### 服务可用性", 1)[1].split("### 超时明细", 1)[0]


def test_october_worked_out_by_hand(cli: Any) -> None:
    """Three incidents with a recovery took the core system down in October: 21:35–22:26 on the
    2nd (51 min), 15:51–17:40 on the 15th (109), 09:36–10:41 on the 20th (65): 225 of 44,640
    minutes, 99.496 %.  The CMDB carries the core application's failure to online banking too."""
    section = _section(cli("report", "monthly", "--month", "2026-10", "--records", SAMPLE_RECORDS).stdout)
    core = "| CI-BS-CORE | 核心业务服务（存贷款、柜面交易） |"
    assert core + " 7×24 | 99.90% | 31d 0h | 3h 45m | 99.496% | ❌ 未达标 |" in section
    first = "| INC-2610-T7W3T | 核心业务系统批量作业失败 | CI-BS-CORE, CI-BS-EBANK |"
    assert first + " 2026-10-02 21:35 | 2026-10-02 22:26 | 51m |" in section
    assert section.count("\n| INC-") == 3


def test_a_service_with_redundancy_left_is_not_down(cli: Any, store: Path) -> None:
    """Give online banking a second core application to run on: the core's outages degrade it only."""
    ebank = store / "cmdb" / "CI-APP-EBANK.yaml"
    text = ebank.read_text(encoding="utf-8")
    link = next(line for line in text.splitlines() if "target: CI-APP-CORE" in line)
    assert "depends_on" in link, link
    spare = link.replace("CI-APP-CORE", "CI-APP-CREDIT")
    assert "redundancy: {runs_on: 1}\n" in text
    text = text.replace(link + "\n", f"{link}\n{spare}\n", 1)
    text = text.replace("redundancy: {runs_on: 1}", "redundancy: {runs_on: 1, depends_on: 1}")
    ebank.write_text(text, encoding="utf-8")
    checked = json.loads(cli("validate", "--records", store, "--format", "json").stdout)
    assert not [f for f in checked if f["severity"] == "error"], checked
    section = _section(cli("report", "monthly", "--month", "2026-10", "--records", store).stdout)
    assert "| CI-BS-EBANK | 网上银行服务 | 7×24 | 99.90% | 31d 0h | 0m | 100.000% | ✅ 达标 |" in section, section


def test_a_target_on_something_that_is_not_a_ci_is_named(cli: Any, store: Path) -> None:
    path = store / SLA
    path.write_text(path.read_text(encoding="utf-8").replace(TARGETS, "availability: {CI-BS-NOPE: 99.9}\n"),
                    encoding="utf-8")  # fmt: skip
    found = json.loads(cli("validate", "--records", store, "--format", "json").stdout)
    assert [(f["field"], f["code"]) for f in found if f["file"].endswith("SLA-HXB-2026.yaml")] == [
        ("availability.CI-BS-NOPE", "ref")
    ], found


def test_without_targets_there_is_no_section(cli: Any, store: Path) -> None:
    path = store / SLA
    path.write_text(path.read_text(encoding="utf-8").replace(TARGETS, ""), encoding="utf-8")
    assert "### 服务可用性" not in cli("report", "monthly", "--month", "2026-10", "--records", store).stdout


def test_over_the_sla_s_service_hours_worked_out_by_hand(cli: Any, store: Path) -> None:
    """Measured over CAL-CN-5X8 (9:00–12:00, 13:30–18:00 on working days): October 2026 has 18
    working days (23 weekdays less 1, 2, 5, 6 and 7 October, plus Saturday the 10th) of 7.5 h,
    8,100 minutes.  The outage on the 2nd (a holiday night) costs nothing; 15:51–17:40 on
    Thursday the 15th costs 109 minutes and 09:36–10:41 on the 20th 65: 174 minutes,
    1 − 174/8100 = 97.852 %."""
    path = store / SLA
    path.write_text(
        path.read_text(encoding="utf-8").replace(TARGETS, TARGETS + "availability_hours: CAL-CN-5X8\n"),
        encoding="utf-8",
    )
    checked = json.loads(cli("validate", "--records", store, "--format", "json").stdout)
    assert not [f for f in checked if f["severity"] == "error"], checked
    section = _section(cli("report", "monthly", "--month", "2026-10", "--records", store).stdout)
    row = "| CI-BS-CORE | 核心业务服务（存贷款、柜面交易） | 华信银行 5x8 工作日历 |"
    row += " 99.90% | 5d 15h | 2h 54m | 97.852% |"
    assert row in section, section
    # the outages keep their clock time: the night of the 2nd is still listed, 51 minutes long
    assert "| 2026-10-02 21:35 | 2026-10-02 22:26 | 51m |" in section


def test_service_hours_on_an_unknown_calendar_are_named(cli: Any, store: Path) -> None:
    path = store / SLA
    path.write_text(
        path.read_text(encoding="utf-8").replace(TARGETS, TARGETS + "availability_hours: CAL-NOPE\n"),
        encoding="utf-8",
    )
    found = json.loads(cli("validate", "--records", store, "--format", "json").stdout)
    assert [(f["field"], f["code"]) for f in found if f["file"].endswith("SLA-HXB-2026.yaml")] == [
        ("availability_hours", "ref")
    ], found
