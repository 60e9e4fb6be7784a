"""The quarterly and yearly operations reports: the period's figures add up from its months."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from tests.conftest import SAMPLE_RECORDS

ROW = re.compile(r"^\| (SLA-HXB-2026[^|]*) \| ([^|]+) \| (\d+) \| (\d+) \| [^|]+ \| [^|]+ \| [^|]+ \|$", re.M)


def _targets(text: str, heading: str) -> Counter[tuple[str, str, str]]:
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    counts: Counter[tuple[str, str, str]] = Counter()
    for sla, target, met, missed in ROW.findall(section):
        counts[(sla.strip(), target.strip(), "met")] += int(met)
        counts[(sla.strip(), target.strip(), "missed")] += int(missed)
    return counts


def test_a_quarters_achievement_per_target_is_the_sum_of_its_months(cli: Any) -> None:
    quarter = cli("report", "quarterly", "2026-Q3", "--records", SAMPLE_RECORDS)
    assert quarter.code == 0, quarter
    total = _targets(quarter.stdout, "## 二、SLA 达成情况（按目标）")
    months: Counter[tuple[str, str, str]] = Counter()
    for month in ("2026-07", "2026-08", "2026-09"):
        monthly = cli("report", "monthly", "--month", month, "--records", SAMPLE_RECORDS).stdout
        months += _targets(monthly, "### 按目标")
    assert total and total == months
    met = sum(n for (_, _, k), n in total.items() if k == "met")
    measured = sum(total.values())
    pooled = f"| 全部考核项合计达成率（各目标合并，仅供参考） | {100 * met / measured:.1f}%（{met}/{measured}） |"
    assert pooled in quarter.stdout
    assert "2/6 项目标达到承诺；最低：备件到场 75.0%（6/8，承诺 95.0%）" in quarter.stdout


def test_the_supplier_evaluations_made_in_the_quarter_are_in_its_internal_edition_only(cli: Any) -> None:
    args = ("report", "quarterly", "2026-Q4", "--records", SAMPLE_RECORDS, "--at", "2026-11-20T15:00:00+08:00")
    internal = cli(*args, "--audience", "internal").stdout
    dingxin = "| SE-2026Q3-DINGXIN | 杭州鼎信电子设备维修有限公司（打印设备维修） | 2026-Q3 | 68 | 有条件合格 |"
    assert dingxin in internal
    assert "SE-2026Q3" not in cli(*args).stdout


@pytest.mark.parametrize("bad", ["2026-Q5", "2026Q1", "Q1-2026"])
def test_a_quarter_not_written_as_one_is_refused(cli: Any, bad: str) -> None:
    refused = cli("report", "quarterly", bad, "--records", SAMPLE_RECORDS)
    assert refused.code == 2 and "YYYY-Qn" in refused.stderr, refused


def test_the_yearly_report_covers_every_month_the_service_ran(cli: Any) -> None:
    text = cli("report", "yearly", "2026", "--records", SAMPLE_RECORDS, "--lang", "en",
               "--at", "2026-11-20T15:00:00+08:00").stdout  # fmt: skip
    assert text.startswith("# Yearly operations report 2026")
    months = re.findall(r"^\| (2026-\d\d) \|", text.split("## 3. Month by month", 1)[1].split("\n## ", 1)[0], re.M)
    assert months == ["2026-08", "2026-09", "2026-10", "2026-11"]
