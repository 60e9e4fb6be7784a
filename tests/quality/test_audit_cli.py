"""An audit through its whole life by command, on a copy of the sample store (seed 003 §5.3.1)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from itsmctl.models import Audit
from itsmctl.store.loader import load_record
from tests.conftest import SAMPLE_RECORDS, Cli

AT = "2026-11-20T15:00:00+08:00"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, target)
    return target


def _audit(path: Path) -> Audit:
    loaded = load_record(f"audits/{path.name}", str(path), path.read_bytes())
    assert not loaded.findings, loaded.findings
    assert isinstance(loaded.record, Audit)
    return loaded.record


def _run(cli: Cli, store: Path, *args: str, by: str = "he.jing") -> str:
    result = cli("audit", *args, "--records", str(store), "--by", by, "--at", AT, "--no-commit")
    assert result.code == 0, result
    return result.stdout


def test_the_sample_audit_is_worked_to_closure(cli: Cli, sample: Path) -> None:
    path = sample / "audits" / "AUD-2026-H2.yaml"
    before = path.read_text(encoding="utf-8")
    assert _audit(path).stage == "reported"
    refused = cli("audit", "close", "AUD-2026-H2", "--records", str(sample), "--by", "he.jing", "--at", AT)
    assert refused.code == 1 and "audit-closed" in refused.stderr and "nc1's action(s) 2" in refused.stderr, refused
    assert path.read_text(encoding="utf-8") == before
    _run(cli, sample, "done", "AUD-2026-H2", "nc1", "2", "--on", "2026-11-18", by="zhou.min")
    owner = cli("audit", "verify", "AUD-2026-H2", "nc1", "2", "--records", str(sample), "--by", "zhou.min", "--at", AT)
    assert owner.code == 1 and "cannot verify it" in owner.stderr, owner
    early = cli("audit", "verify", "AUD-2026-H2", "nc2", "1", "--records", str(sample), "--by", "he.jing", "--at", AT)
    assert early.code == 2 and "verified once done" in early.stderr, early
    _run(cli, sample, "verify", "AUD-2026-H2", "nc1", "2")
    _run(cli, sample, "done", "AUD-2026-H2", "nc2", "1", by="chen.hao")
    for nc, number in (("nc2", "1"), ("nc2", "2")):
        _run(cli, sample, "verify", "AUD-2026-H2", nc, number, "--on", "2026-11-20")
    assert "closed on 2026-11-20" in _run(cli, sample, "close", "AUD-2026-H2")
    audit = _audit(path)
    assert audit.stage == "closed" and audit.closed_by == "he.jing"
    assert all(a.status == "verified" for nc in audit.nonconformities for a in nc.corrective_actions)
    after = path.read_text(encoding="utf-8")
    assert (
        after.startswith("# 内部审核：每年两次") and "    evidence: 考勤记录、排班表 7-9 月\n" in after
    )  # comments, layout kept
    closed = cli(
        "audit", "check", "AUD-2026-H2", "p1", "--result", "conform", "--records", str(sample), "--by", "he.jing"
    )
    assert closed.code == 2 and "closed" in closed.stderr
    assert cli("validate", "--records", str(sample), "--at", AT).code == 0


def test_a_new_audit_from_plan_to_close(cli: Cli, sample: Path) -> None:
    out = _run(
        cli, sample, "plan", "AUD-2027-H1", "--title", "2027 年上半年内部审核", "--start", "2027-06-14",
        "--end", "2027-06-15", "--lead", "he.jing", "--auditor", "wu.gang", "--scope", "2027 年 1-5 月服务交付",
        "--checklist-from", "AUD-2026-H2", "--item", "过程:问题是否按月回顾",
    )  # fmt: skip
    assert "AUD-2027-H1: planned 2027-06-14–2027-06-15, 16 checklist item(s)" in out
    path = sample / "audits" / "AUD-2027-H1.yaml"
    audit = _audit(path)
    assert audit.stage == "planned" and audit.checklist[-1].id == "c7" and audit.checklist[-1].area == "process"
    for item in audit.checklist:
        if item.id != "c3":
            _run(cli, sample, "check", "AUD-2027-H1", item.id, "--result", "符合", "--evidence", "抽查记录")
    assert "nc1 raised (major, c3)" in _run(
        cli, sample, "nc", "AUD-2027-H1", "c3", "--severity", "严重", "--description", "回访超过 24 小时"
    )
    assert "nc1 action 1 for zhao.li" in _run(
        cli, sample, "action", "AUD-2027-H1", "nc1", "--action", "回访提醒", "--owner", "zhao.li", "--due", "2027-06-30"
    )
    early = cli("audit", "close", "AUD-2027-H1", "--records", str(sample), "--by", "he.jing", "--at", AT)
    assert early.code == 1 and "closed before it was reported" in early.stderr, early
    _run(
        cli,
        sample,
        "conclude",
        "AUD-2027-H1",
        "--finding",
        "回访仍有超时",
        "--conclusion",
        "总体符合",
        "--on",
        "2027-06-16",
    )
    _run(cli, sample, "done", "AUD-2027-H1", "nc1", "1", "--on", "2027-06-20", by="zhao.li")
    _run(cli, sample, "verify", "AUD-2027-H1", "nc1", "1", "--on", "2027-06-25")
    _run(cli, sample, "close", "AUD-2027-H1", "--on", "2027-06-26")
    audit = _audit(path)
    assert audit.stage == "closed" and audit.checklist[-5].result == "nonconform" and audit.findings == ["回访仍有超时"]
    listed = cli("audit", "list", "--records", str(sample), "--format", "json")
    assert listed.code == 0 and '"stage": "closed"' in listed.stdout
    found = cli("validate", "--records", str(sample), "--at", "2027-06-26T18:00:00+08:00", "--format", "json")
    files = {f["file"] for f in json.loads(found.stdout)}
    assert found.code in (0, 1) and not {f for f in files if "AUD-2027-H1" in f}, found


def test_hand_edits_break_the_same_rules(cli: Cli, sample: Path) -> None:
    path = sample / "audits" / "AUD-2026-H2.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("reported_on: 2026-10-16", "reported_on: 2026-10-16\nclosed_on: 2026-10-17\nclosed_by: he.jing")
    )
    found = cli("validate", "--records", str(sample), "--at", AT)
    assert found.code == 1 and "[audit-closed]" in found.stdout, found
    path.write_text(
        text.replace(
            "        verified_by: he.jing\n        verified_on: 2026-10-26",
            "        verified_by: zhao.li\n        verified_on: 2026-10-26",
        )
    )
    found = cli("validate", "--records", str(sample), "--at", AT)
    assert found.code == 1 and "zhao.li owns the action and cannot verify it" in found.stdout, found


def test_overdue_actions_warn(cli: Cli, sample: Path) -> None:
    found = cli("validate", "--records", str(sample), "--at", "2026-12-30T18:00:00+08:00")
    assert "nc2's corrective action 1 (chen.hao) was due 2026-11-27" in found.stdout, found
    assert "[corrective-action-overdue]" in found.stdout and "[review-action-overdue]" in found.stdout, found
    quiet = cli("validate", "--records", str(sample), "--at", AT)
    assert "overdue" not in quiet.stdout, quiet
