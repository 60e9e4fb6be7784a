"""The management review by command: held, its seven inputs, decisions, actions followed to done."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from itsmctl.models import ManagementReview
from itsmctl.store.loader import load_record
from tests.conftest import SAMPLE_RECORDS, Cli

AT = "2026-11-30T15:00:00+08:00"
INPUTS = {
    "capability_plan": "扩容按计划", "kpi": "响应及时率 98%", "满意度": "4.5 分", "department": "各组汇报",
    "审核": "2 项不符合", "complaints": "投诉 2 起", "improvements": "知识库新增 30 条",
}  # fmt: skip


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, target)
    return target


def _run(cli: Cli, store: Path, *args: str, by: str = "wu.gang") -> str:
    result = cli("review", *args, "--records", str(store), "--by", by, "--at", AT, "--no-commit")
    assert result.code == 0, result
    return result.stdout


def _review(path: Path) -> ManagementReview:
    loaded = load_record(f"reviews/{path.name}", str(path), path.read_bytes())
    assert not loaded.findings and isinstance(loaded.record, ManagementReview), loaded.findings
    return loaded.record


def test_a_review_from_hold_to_its_actions_done(cli: Cli, sample: Path) -> None:
    out = _run(cli, sample, "hold", "MR-2026-Q4", "--title", "2026 年四季度管理评审", "--chair", "wu.gang",
               "--attendee", "zhou.min", "--attendee", "he.jing", "--on", "2026-11-25")  # fmt: skip
    assert "MR-2026-Q4: held on 2026-11-25, 3 attendee(s)" in out
    path = sample / "reviews" / "MR-2026-Q4.yaml"
    warned = cli("validate", "--records", str(sample), "--at", AT)
    assert "MR-2026-Q4" in warned.stdout and "[review-inputs]" in warned.stdout, warned
    for topic, summary in INPUTS.items():
        out = _run(cli, sample, "input", "MR-2026-Q4", topic, "--summary", summary)
    assert "still missing: none" in out
    _run(cli, sample, "decide", "MR-2026-Q4", "2028 年起支行驻点")
    assert "action a1 for zhou.min" in _run(
        cli, sample, "action", "MR-2026-Q4", "--action", "驻点排班", "--owner", "zhou.min", "--due", "2026-11-28"
    )
    late = cli("validate", "--records", str(sample), "--at", "2026-12-05T10:00:00+08:00")
    assert "the review's action a1 (zhou.min) was due 2026-11-28" in late.stdout, late
    _run(cli, sample, "done", "MR-2026-Q4", "a1", "--on", "2026-11-27", by="zhou.min")
    review = _review(path)
    assert [i.topic for i in review.inputs][2] == "satisfaction" and review.actions[0].status == "done"
    assert str(review.actions[0].done_on) == "2026-11-27" and review.decisions == ["2028 年起支行驻点"]
    again = cli("review", "done", "MR-2026-Q4", "a1", "--records", str(sample), "--by", "zhou.min", "--no-commit")
    assert again.code == 2 and "already done" in again.stderr, again
    listed = json.loads(cli("review", "list", "--records", str(sample), "--format", "json", "--at", AT).stdout)
    mine = next(r for r in listed["reviews"] if r["id"] == "MR-2026-Q4")
    assert mine["missing_inputs"] == [] and mine["actions_not_done"] == []
    quiet = cli("validate", "--records", str(sample), "--at", "2026-12-05T10:00:00+08:00", "--format", "json")
    assert not [f for f in json.loads(quiet.stdout) if "MR-2026-Q4" in f["file"]], quiet


def test_refusals_write_nothing(cli: Cli, sample: Path) -> None:
    path = sample / "reviews" / "MR-2026.yaml"
    before = path.read_bytes()
    for args, code, said in (
        (("input", "MR-2026", "gossip", "--summary", "x"), 2, "is not an input"),
        (("action", "MR-2026", "--action", "x", "--owner", "nobody", "--due", "2026-12-01"), 2, "nobody"),
        (("done", "MR-2026", "a9"), 1 + 1, "no actions item 'a9'"),
        (("hold", "MR-2026", "--title", "x", "--chair", "wu.gang"), 2, "already exists"),
    ):
        result = cli("review", *args, "--records", str(sample), "--by", "wu.gang", "--at", AT, "--no-commit")
        assert result.code == code and said in result.stderr, (args, result)
    assert path.read_bytes() == before


def test_today_is_the_store_zones_day_whatever_offset_at_is_written_in(cli: Cli, sample: Path) -> None:
    """23:30+08:00 on the 28th, typed as 15:30 UTC, is still the 28th in Asia/Shanghai; 16:30 UTC is the 29th."""
    _run(cli, sample, "hold", "MR-2026-Q4", "--title", "四季度管理评审", "--chair", "wu.gang", "--on", "2026-11-25")
    _run(cli, sample, "action", "MR-2026-Q4", "--action", "驻点排班", "--owner", "zhou.min", "--due", "2026-11-28")

    def overdue(at: str) -> bool:
        listed = json.loads(cli("review", "list", "--records", str(sample), "--format", "json", "--at", at).stdout)
        [action] = next(r for r in listed["reviews"] if r["id"] == "MR-2026-Q4")["actions_not_done"]
        return bool(action["overdue"])

    assert not overdue("2026-11-28T15:30:00Z")
    assert overdue("2026-11-28T16:30:00Z")
    done = cli("review", "done", "MR-2026-Q4", "a1", "--records", str(sample), "--by", "zhou.min",
               "--at", "2026-11-28T16:30:00Z", "--no-commit")  # fmt: skip
    assert done.code == 0, done
    assert str(_review(sample / "reviews" / "MR-2026-Q4.yaml").actions[0].done_on) == "2026-11-29"
