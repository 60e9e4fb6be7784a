"""The monthly summary's figures are true per commitment, and every rate shows what it counts."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from helpers_reports import REPORT_STORE

from itsmctl.reports.monthly import commitment_headline
from tests.conftest import SAMPLE_RECORDS

AT = "2026-11-05T09:00:00+08:00"


def _target(target: str, met: int, total: int, commitment: float | None = 95.0) -> dict[str, Any]:
    percent = round(100 * met / total, 1) if total else None
    ok = None if percent is None or commitment is None else percent >= commitment
    return {"sla": "SLA-1", "target": target, "met": met, "missed": total - met, "total": total,
            "percent": percent, "commitment": commitment, "ok": ok}  # fmt: skip


def test_a_busy_target_above_its_commitment_does_not_hide_one_below() -> None:
    # pooled: 197/210 = 93.8 %, under 95 %; yet response is above its commitment and resolution below
    targets = [_target("response", 190, 195), _target("resolution", 7, 15), _target("onsite", 0, 0)]
    headline = commitment_headline(targets)
    assert (headline["targets_ok"], headline["targets_judged"]) == (1, 2)
    assert headline["weakest"]["target"] == "resolution"
    targets = [_target("response", 99, 100), _target("resolution", 49, 50), _target("onsite", 98, 100)]
    assert commitment_headline(targets)["weakest"]["target"] == "onsite"  # 98.0 % on 100 before 98.0 % on 50
    assert commitment_headline([_target("response", 3, 3, commitment=None)])["targets_judged"] == 0


def _monthly(cli: Any, store: Path, lang: str = "zh") -> str:
    result = cli("report", "monthly", "--month", "2026-10", "--lang", lang, "--records", store, "--at", AT)
    assert result.code in (0, 1), result
    return str(result.stdout)


def test_the_summary_names_the_weakest_target_and_labels_the_pooled_rate(cli: Any) -> None:
    text = _monthly(cli, REPORT_STORE)
    assert "| SLA 目标达标（按各目标承诺） | 0/3 项目标达到承诺；最低：恢复 0.0%（0/1，承诺 95.0%） |" in text
    assert "| 全部考核项合计达成率（各目标合并，仅供参考） | 55.6%（5/9） |" in text
    assert "| 回访覆盖率 | 66.7%（已回访 2/应回访 3） |" in text
    assert "| 回访及时率 | 66.7%（按时回访 2/应回访 3） |" in text
    assert "违约" not in text and "服务单位" not in text and "临时方案" not in text


def test_a_change_closed_without_its_review_is_not_a_success(cli: Any, tmp_path: Path) -> None:
    store = tmp_path / "records"
    shutil.copytree(REPORT_STORE, store)
    assert "| 变更成功率（仅计已评价） | 50.0%（1/2） |" in _monthly(cli, store)
    change = store / "tickets" / "2026" / "10" / "CHG-2610-A0006.yaml"
    text = change.read_text(encoding="utf-8")
    review = "  - {id: EA0006F, at: 2026-10-27T10:00:00+08:00, by: zhou.min, type: reviewed, result: successful}\n"
    assert review in text
    change.write_text(text.replace(review, ""), encoding="utf-8")
    assert "| 变更成功率（仅计已评价） | 0.0%（0/1；另有 1 项未评价） |" in _monthly(cli, store)
    assert "| Change success (reviewed changes only) | 0.0% (0/1; 1 not reviewed) |" in _monthly(cli, store, "en")


def test_a_missed_service_desk_timing_names_its_ticket(cli: Any) -> None:
    text = cli("report", "monthly", "--month", "2026-10", "--records", SAMPLE_RECORDS).stdout
    assert "| SLA-HXB-2026 | 升级至项目经理 | 20m | 0 | 1 | 0.0% | INC-2610-894G1 |" in text
    assert "| SLA-HXB-2026 | 派单 | 10m | 39 | 0 | 100.0% | — |" in text
