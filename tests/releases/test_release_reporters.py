"""``release list`` and ``release show`` output, exact, on a release built in memory."""

from __future__ import annotations

import json

from itsmctl.models import Release
from itsmctl.reporters.releases import RELEASE_LIST_REPORTERS, RELEASE_SHOW_REPORTERS

RELEASE = Release.model_validate(
    {
        "kind": "release",
        "id": "REL-2026-11-03",
        "title": "核心交换机升级发布",
        "changes": ["CHG-2611-3FBXB"],
        "known_errors": [{"problem": "PRB-2610-51PV1", "description": "连接池耗尽"}, {"description": "告警中断"}],
        "plan": {
            "window_start": "2026-11-21T22:00:00+08:00",
            "window_end": "2026-11-22T03:00:00+08:00",
            "owner": "wang.qiang",
            "steps": ["备份配置", "升级"],
        },
        "rollback_plan": "回退至旧版本",
        "approved": {"by": "zhou.min", "at": "2026-11-12T10:00:00+08:00"},
        "deployed": {"by": "wang.qiang", "at": "2026-11-21T23:50:00+08:00", "notes": "按计划"},
        "verification": {"by": "sun.wei", "at": "2026-11-22T01:00:00+08:00", "result": "fail"},
        "rolled_back": {"by": "wang.qiang", "at": "2026-11-22T01:30:00+08:00", "reason": "M-LAG 异常"},
    }
)


def test_list_text_and_json() -> None:
    assert RELEASE_LIST_REPORTERS["text"]([RELEASE]) == (
        "REL-2026-11-03  2026-11-21 22:00–2026-11-22 03:00  已回退 rolled_back  1 change(s)  核心交换机升级发布\n"
    )
    assert RELEASE_LIST_REPORTERS["text"]([]) == "no release in the store\n"
    (row,) = json.loads(RELEASE_LIST_REPORTERS["json"]([RELEASE]))["releases"]
    assert row["stage"] == "rolled_back" and row["window_end"] == "2026-11-22T03:00:00+08:00"


def test_show_text() -> None:
    assert RELEASE_SHOW_REPORTERS["text"](RELEASE) == (
        "REL-2026-11-03  核心交换机升级发布\n"
        "阶段 stage: 已回退 rolled_back\n"
        "窗口 window: 2026-11-21T22:00:00+08:00 – 2026-11-22T03:00:00+08:00\n"
        "负责人 owner: wang.qiang\n"
        "变更 changes: CHG-2611-3FBXB\n"
        "  步骤 1. 备份配置\n"
        "  步骤 2. 升级\n"
        "已知错误 known error: PRB-2610-51PV1 连接池耗尽\n"
        "已知错误 known error: 告警中断\n"
        "回退方案 rollback plan: 回退至旧版本\n"
        "批准 approved: zhou.min 2026-11-12T10:00:00+08:00\n"
        "部署 deployed: wang.qiang 2026-11-21T23:50:00+08:00  按计划\n"
        "验证 verification: 未通过 fail, sun.wei 2026-11-22T01:00:00+08:00\n"
        "回退 rolled back: wang.qiang 2026-11-22T01:30:00+08:00  M-LAG 异常\n"
    )


def test_show_json_is_the_record_with_its_stage() -> None:
    data = json.loads(RELEASE_SHOW_REPORTERS["json"](RELEASE))
    assert list(data)[:4] == ["id", "title", "stage", "kind"]
    assert data["rolled_back"]["reason"] == "M-LAG 异常" and "acceptance" not in data
    assert Release.model_validate({k: v for k, v in data.items() if k != "stage"}) == RELEASE
