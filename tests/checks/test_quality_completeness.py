"""Completeness of the quality system (``checks.quality``), judged at a moment, on small stores:
each warning appears once its period is over, and not before."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from itsmctl.checks.quality import check_quality
from itsmctl.models import Survey
from itsmctl.rules import RuleContext, violations
from itsmctl.store.snapshot import open_store
from tests.conftest import EXAMPLE_STORE, Cli

CST = timezone(timedelta(hours=8))

AUDIT = """kind: audit
id: {id}
title: 内部审核
plan: {{start: {start}, end: {start}, lead: zhou.min, scope: 全部}}
checklist:
  - {{id: p1, area: people, question: 人员, result: conform}}
  - {{id: r1, area: resources, question: 资源, result: conform}}
  - {{id: t1, area: technology, question: 技术, result: conform}}
  - {{id: c1, area: process, question: 过程, result: conform}}
"""
ALL_INPUTS = ("capability_plan", "kpi", "satisfaction", "department", "audit", "complaints", "improvements")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, target)  # its SLA takes effect on 2026-01-01
    return target


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _codes(root: Path, at: str) -> list[str]:
    _, snapshot = open_store(root)
    when = datetime.fromisoformat(at).replace(tzinfo=CST)
    return sorted(f.code for f in check_quality(snapshot, when))


def _complete(root: Path) -> None:
    """A year's worth of quality records that satisfies every rule up to 2026-11-20."""
    _write(root, "audits/AUD-2026-H1.yaml", AUDIT.format(id="AUD-2026-H1", start="2026-06-15"))
    _write(root, "audits/AUD-2026-H2.yaml", AUDIT.format(id="AUD-2026-H2", start="2026-10-12"))
    _review(root, ALL_INPUTS)
    for quarter in ("Q1", "Q2", "Q3"):
        _evaluation(root, quarter)
    ci = root / "cmdb" / "CI-SRV-01.yaml"
    ci.write_text(ci.read_text(encoding="utf-8") + "last_verified: 2026-10-01\n", encoding="utf-8")


def _review(root: Path, topics: tuple[str, ...]) -> None:
    inputs = "".join(f"  - {{topic: {t}, summary: 汇报}}\n" for t in topics)
    _write(
        root,
        "reviews/MR-2026.yaml",
        f"kind: review\nid: MR-2026\ntitle: 管理评审\nheld_on: 2026-11-13\nchair: zhou.min\ninputs:\n{inputs}",
    )


def _evaluation(root: Path, quarter: str) -> None:
    _write(
        root,
        f"suppliers/SE-2026{quarter}-A.yaml",
        f"kind: supplier_evaluation\nid: SE-2026{quarter}-A\nsupplier: 甲公司\nperiod: 2026-{quarter}\n"
        "evaluator: zhou.min\nevaluated_on: 2026-10-09\ncriteria: [{name: 及时性, weight: 100, score: 90}]\n"
        "conclusion: qualified\n",
    )


def test_a_complete_quality_system_has_no_warning(root: Path) -> None:
    _complete(root)
    assert _codes(root, "2026-11-20T15:00") == []


def test_a_store_that_keeps_no_quality_records_is_not_judged(root: Path) -> None:
    assert _codes(root, "2027-03-01T10:00") == []
    _write(root, "audits/AUD-2026-H2.yaml", AUDIT.format(id="AUD-2026-H2", start="2026-10-12"))
    assert "audit-missing" in _codes(root, "2027-03-01T10:00")


def test_the_mid_year_audit_is_missing_once_june_is_over(root: Path) -> None:
    _complete(root)
    (root / "audits" / "AUD-2026-H1.yaml").unlink()
    assert _codes(root, "2026-11-20T15:00") == ["audit-missing"]
    assert "audit-missing" not in _codes(root, "2026-06-20T15:00")  # the half-year is not over yet
    policy = root / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8") + "quality_goals: {audits_per_year: 1}\n", encoding="utf-8")
    assert "audit-missing" not in _codes(root, "2026-11-20T15:00")  # the policy's number: one a year


def test_the_year_end_audit_is_missing_only_after_the_year(root: Path) -> None:
    _complete(root)
    (root / "audits" / "AUD-2026-H2.yaml").unlink()
    assert "audit-missing" not in _codes(root, "2026-11-20T15:00")
    _, snapshot = open_store(root)
    found = [f for f in check_quality(snapshot, datetime(2027, 1, 4, 10, tzinfo=CST)) if f.code == "audit-missing"]
    assert len(found) == 1 and "2026-12-31" in found[0].message and "seed 003 §5.3.1" in found[0].message


def test_a_review_without_all_seven_inputs_is_warned_of(root: Path) -> None:
    _complete(root)
    _review(root, tuple(t for t in ALL_INPUTS if t != "department"))
    _, snapshot = open_store(root)
    [found] = check_quality(snapshot, datetime(2026, 11, 20, 15, tzinfo=CST))
    assert found.code == "review-inputs" and "department" in found.message and "seed 003 §5.3.2" in found.message


def test_a_year_without_a_review_is_missing_it_once_over(root: Path) -> None:
    _complete(root)
    (root / "reviews" / "MR-2026.yaml").unlink()
    assert "review-missing" not in _codes(root, "2026-11-20T15:00")
    assert "review-missing" in _codes(root, "2027-01-04T10:00")


def test_a_quarter_without_a_supplier_evaluation(root: Path) -> None:
    _complete(root)
    (root / "suppliers" / "SE-2026Q2-A.yaml").unlink()
    assert _codes(root, "2026-11-20T15:00") == ["supplier-evaluation-missing"]
    _evaluation(root, "Q2")
    assert "supplier-evaluation-missing" in _codes(root, "2027-01-04T10:00")  # Q4 is over by then


def test_the_asset_register_is_verified_twice_a_year(root: Path) -> None:
    _complete(root)
    ci = root / "cmdb" / "CI-SRV-01.yaml"
    ci.write_text(ci.read_text(encoding="utf-8").replace("2026-10-01", "2026-03-01"), encoding="utf-8")
    _, snapshot = open_store(root)
    [found] = check_quality(snapshot, datetime(2026, 11, 20, 15, tzinfo=CST))
    assert found.code == "asset-verification-missing" and "2026-03-01" in found.message
    assert _codes(root, "2026-05-01T10:00") == []


SURVEY = """kind: survey
id: SUR-2610-A0001
survey_type: callback
ticket: INC-2610-7KQ3P
at: 2026-10-10T09:00:00+08:00
by: zhou.min
score: 1
follow_up: CMP-2610-A0001
"""
COMPLAINT = """kind: complaint
id: CMP-2610-A0001
title: 回访低分跟进
service: SVC-ONSITE
priority: P2
status: {status}
events:
  - {{id: E00001, at: 2026-10-10T09:30:00+08:00, by: zhou.min, type: opened}}
"""


def test_a_follow_up_open_past_its_due_date(root: Path) -> None:
    _complete(root)
    _write(root, "surveys/2026/10/SUR-2610-A0001.yaml", SURVEY)
    _write(root, "tickets/2026/10/CMP-2610-A0001.yaml", COMPLAINT.format(status="new"))
    assert _codes(root, "2026-10-14T09:00") == []  # within the policy's 5 days
    assert _codes(root, "2026-10-16T09:00") == ["follow-up-overdue"]


def test_a_low_score_without_a_follow_up_breaks_the_rule(root: Path) -> None:
    _, snapshot = open_store(root)
    policy = snapshot.policy
    survey = Survey.model_validate(
        {"kind": "survey", "id": "SUR-2610-A0001", "survey_type": "callback", "ticket": "INC-2610-7KQ3P",
         "at": "2026-10-10T09:00:00+08:00", "by": "zhou.min", "score": 2}
    )  # fmt: skip
    [found] = violations(survey, RuleContext(policy))
    assert found.code == "low-score" and found.severity == "warning" and "seed 000 §4.4.1" in found.message
    assert violations(survey.model_copy(update={"score": 3}), RuleContext(policy)) == []
    assert violations(survey.model_copy(update={"follow_up": "CMP-2610-A0001"}), RuleContext(policy)) == []


def test_validate_reports_them_at_its_at_also_from_the_cache(root: Path, cli: Cli) -> None:
    _complete(root)
    (root / "audits" / "AUD-2026-H1.yaml").unlink()
    for _ in range(2):  # the second run answers from the cache; the clock-dependent checks still run
        result = cli("validate", "--records", root, "--at", "2026-11-20T15:00+08:00")
        assert result.code == 0 and "[audit-missing]" in result.stdout and "seed 003 §5.3.1" in result.stdout, result
    assert "audit-missing" not in cli("validate", "--records", root, "--at", "2026-06-01T15:00+08:00").stdout
