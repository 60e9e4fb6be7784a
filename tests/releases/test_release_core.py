"""The release verbs' core on a copy of the sample records: what each step writes, that the
file keeps its comments, and that a refused step (or a broken file) leaves the bytes alone."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from itsmctl.errors import FieldError, FindingsError, RuleViolation, TransitionError, UsageError
from itsmctl.models import Policy, Release
from itsmctl.releases import record as core
from itsmctl.store.loader import load_record
from itsmctl.tickets.edit import load_policy
from tests.conftest import SAMPLE_RECORDS

SAMPLE_ID = "REL-2026-11-01"
CHANGE = "CHG-2611-3FBXB"
"""The second core switch upgrade: approved 2026-11-10, window 2026-11-21 22:00."""


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, target)
    return target


@pytest.fixture
def policy(sample: Path) -> Policy:
    return load_policy(sample)


def plan(**given: object) -> core.ReleasePlanInput:
    fields: dict[str, object] = {
        "title": "核心交换机升级发布",
        "changes": [CHANGE],
        "window_start": at("2026-11-21T22:00:00+08:00"),
        "window_end": at("2026-11-22T03:00:00+08:00"),
        "owner": "wang.qiang",
        "rollback_plan": "回退至 V200R020C10 并恢复配置",
        **given,
    }
    return core.ReleasePlanInput(**fields)  # type: ignore[arg-type]


def loaded(path: Path) -> Release:
    result = load_record(f"releases/{path.name}", str(path), path.read_bytes())
    assert not result.findings and isinstance(result.record, Release), result.findings
    return result.record


def test_new_numbers_the_month_and_writes_the_known_errors(sample: Path, policy: Policy) -> None:
    known = ("PRB-2610-51PV1", "PRB-2609-1NQB1：存折打印机偶发卡纸", "升级期间网管告警短时中断")
    written = core.new_release(sample, plan(known_errors=known, steps=("备份配置", "升级")), policy=policy)
    assert written.record_id == "REL-2026-11-02" and written.found is None  # -01 is the sample's
    release = loaded(written.path)
    assert release.stage == "planned" and release.changes == [CHANGE] and release.plan.steps == ["备份配置", "升级"]
    first, second, third = release.known_errors
    assert first.problem == "PRB-2610-51PV1" and first.description.startswith(
        "网银应用连接池耗尽；临时解决办法：每日凌晨"
    )
    assert (second.problem, second.description) == ("PRB-2609-1NQB1", "存折打印机偶发卡纸")
    assert third.problem is None and third.description == "升级期间网管告警短时中断"
    assert "changes: [CHG-2611-3FBXB]\n" in written.path.read_text(encoding="utf-8")
    again = core.new_release(sample, plan(), policy=policy)
    assert again.record_id == "REL-2026-11-03"
    assert core.release_id(sample, date(2026, 12, 1)) == "REL-2026-12-01"


def test_new_refuses_an_existing_id_and_an_unknown_change(sample: Path, policy: Policy) -> None:
    with pytest.raises(UsageError, match="already exists"):
        core.new_release(sample, plan(record_id=SAMPLE_ID), policy=policy)
    with pytest.raises(RuleViolation, match="CHG-2611-NNNNN is no change ticket"):
        core.new_release(sample, plan(changes=["CHG-2611-NNNNN"]), policy=policy)
    with pytest.raises(FieldError, match="at least one change"):
        core.new_release(sample, plan(changes=[]), policy=policy)
    with pytest.raises(FieldError, match="give a problem id"):
        core.new_release(sample, plan(known_errors=(" ",)), policy=policy)
    assert sorted(p.name for p in (sample / "releases").iterdir()) == [f"{SAMPLE_ID}.yaml"]


def test_the_whole_life_keeps_the_files_comments(sample: Path, policy: Policy) -> None:
    written = core.new_release(sample, plan(), policy=policy)
    path = written.path
    path.write_text("# 发布记录，由项目经理维护\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    rid = written.record_id
    core.approve_release(sample, rid, "zhou.min", at("2026-11-12T10:00:00+08:00"), policy=policy)
    core.deploy_release(sample, rid, "wang.qiang", at("2026-11-21T23:50:00+08:00"), "按计划", policy=policy)
    core.verify_release(sample, rid, "sun.wei", at("2026-11-22T01:00:00+08:00"), "pass", None, policy=policy)
    last = core.accept_release(sample, rid, "李娜（信息科技部）", date(2026, 11, 30), "同意验收", policy=policy)
    release = loaded(path)
    assert release.stage == "accepted" and last.record.stage == "accepted"
    assert release.approved is not None and release.approved.by == "zhou.min"
    assert release.deployed is not None and release.deployed.notes == "按计划"
    assert release.verification is not None and release.verification.notes is None
    assert release.acceptance is not None and release.acceptance.conclusion == "同意验收"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 发布记录，由项目经理维护\nkind: release\n")
    assert text.index("rollback_plan:") < text.index("approved:") < text.index("acceptance:")


def test_a_failed_verification_is_rolled_back(sample: Path, policy: Policy) -> None:
    rid = core.new_release(sample, plan(), policy=policy).record_id
    core.approve_release(sample, rid, "zhou.min", at("2026-11-12T10:00:00+08:00"), policy=policy)
    core.deploy_release(sample, rid, "wang.qiang", at("2026-11-21T23:50:00+08:00"), None, policy=policy)
    core.verify_release(sample, rid, "sun.wei", at("2026-11-22T01:00:00+08:00"), "fail", "M-LAG 异常", policy=policy)
    with pytest.raises(TransitionError, match=r"is failed: 'accept' is not allowed now\. Allowed now: rollback"):
        core.accept_release(sample, rid, "李娜", date(2026, 11, 22), None, policy=policy)
    with pytest.raises(FieldError, match="say why"):
        core.rollback_release(sample, rid, "wang.qiang", at("2026-11-22T01:30:00+08:00"), " ", policy=policy)
    written = core.rollback_release(sample, rid, "wang.qiang", at("2026-11-22T01:30:00+08:00"), "回退", policy=policy)
    assert written.record.stage == "rolled_back"


def test_refused_steps_write_nothing(sample: Path, policy: Policy) -> None:
    path = sample / "releases" / f"{SAMPLE_ID}.yaml"
    before = path.read_bytes()
    with pytest.raises(TransitionError, match="is verified: 'deploy' is not allowed now"):
        core.deploy_release(sample, SAMPLE_ID, "wang.qiang", at("2026-11-20T10:00:00+08:00"), None, policy=policy)
    with pytest.raises(RuleViolation, match="accepted before the release was verified"):
        core.accept_release(sample, SAMPLE_ID, "李娜", date(2026, 11, 1), None, policy=policy)
    assert path.read_bytes() == before
    path.write_bytes(before.replace(b"result: pass", b"result: maybe"))
    broken = path.read_bytes()
    with pytest.raises(FindingsError, match="it was not changed"):
        core.accept_release(sample, SAMPLE_ID, "李娜", date(2026, 11, 23), None, policy=policy)
    assert path.read_bytes() == broken


def test_known_error_entries() -> None:
    root = SAMPLE_RECORDS
    policy = load_policy(root)
    assert core.known_error_entry("PRB-2610-51PV1: 连接池", root, policy) == {
        "problem": "PRB-2610-51PV1",
        "description": "连接池",
    }
    assert core.known_error_entry("PRB-2611-ZZZZZ", root, policy) == {
        "problem": "PRB-2611-ZZZZZ",
        "description": "PRB-2611-ZZZZZ",
    }
    assert core.known_error_entry("PRB-2610 说明", root, policy) == {"description": "PRB-2610 说明"}
