"""The release model and its rules, on records built in memory: the stage each step gives, and
each rule's verdict (no files written; the changes named are read from the sample records)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from itsmctl.models import Release
from itsmctl.rules import RuleContext, violations
from itsmctl.rules.release import RELEASE
from itsmctl.store.loader import load_record
from tests.conftest import SAMPLE_RECORDS

APPROVED_CHANGE = "CHG-2610-YCSFF"
"""Approved by the customer on 2026-10-29 (records/)."""
ASSESSED_CHANGE = "CHG-2611-F6K4J"
"""Never approved (status assessed)."""
INCIDENT = "INC-2611-JZKMW"
PLANNED: dict[str, Any] = {
    "kind": "release",
    "id": "REL-2026-11-09",
    "title": "网银发布",
    "changes": [APPROVED_CHANGE],
    "plan": {
        "window_start": "2026-11-07T21:00:00+08:00",
        "window_end": "2026-11-08T00:00:00+08:00",
        "owner": "wang.qiang",
    },
    "rollback_plan": "切回旁路",
}
STEPS: dict[str, Any] = {
    "approved": {"by": "zhou.min", "at": "2026-10-29T14:00:00+08:00"},
    "deployed": {"by": "wang.qiang", "at": "2026-11-07T22:58:00+08:00"},
    "verification": {"by": "sun.wei", "at": "2026-11-08T09:30:00+08:00", "result": "pass"},
    "acceptance": {"by": "李娜（信息科技部）", "on": "2026-11-23"},
}


def _ticket(ticket_id: str) -> BaseModel | None:
    path = next(SAMPLE_RECORDS.joinpath("tickets").rglob(f"{ticket_id}.yaml"), None)
    if path is None:
        return None
    loaded = load_record(str(path.relative_to(SAMPLE_RECORDS)), str(path), path.read_bytes())
    assert not loaded.findings, loaded.findings
    return loaded.record


CONTEXT = RuleContext(record_for=_ticket)


def release(**changes: Any) -> Release:
    data = copy.deepcopy(PLANNED)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return Release.model_validate(data)


def found(r: Release) -> list[tuple[str, tuple[str | int, ...], str]]:
    return [(v.code, v.path, v.severity) for v in violations(r, CONTEXT)]


def test_each_step_moves_the_stage_and_a_clean_release_breaks_no_rule() -> None:
    filled: dict[str, Any] = {}
    stages = [release().stage]
    for key, value in STEPS.items():
        filled[key] = value
        r = release(**filled)
        assert found(r) == [], (key, found(r))
        stages.append(r.stage)
    assert stages == ["planned", "approved", "deployed", "verified", "accepted"]
    failed = release(**{**STEPS, "acceptance": None, "verification": {**STEPS["verification"], "result": "fail"}})
    assert failed.stage == "failed"
    back = release(
        **{k: STEPS[k] for k in ("approved", "deployed")},
        rolled_back={"by": "wang.qiang", "at": "2026-11-07T23:40:00+08:00", "reason": "交易失败"},
    )
    assert back.stage == "rolled_back" and found(back) == []


def test_the_table_allows_one_order() -> None:
    assert RELEASE.allowed_now("planned") == ["approve"]
    assert RELEASE.allowed_now("deployed") == ["verify", "rollback"]
    assert RELEASE.allowed_now("failed") == ["rollback"]
    assert RELEASE.allowed_now("accepted") == [] and RELEASE.allowed_now("rolled_back") == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (["CHG-2611-NNNNN"], "CHG-2611-NNNNN is no change ticket in the store"),
        ([INCIDENT], f"{INCIDENT} is an incident, not a change"),
        ([APPROVED_CHANGE, APPROVED_CHANGE], f"{APPROVED_CHANGE} is listed twice"),
    ],
)
def test_a_release_names_change_tickets_only(changes: list[str], message: str) -> None:
    broken = [v for v in violations(release(changes=changes), CONTEXT) if v.code == "release-change"]
    assert [v.message for v in broken if message in v.message], broken
    assert broken[0].path[0] == "changes" and broken[0].severity == "error"


def test_an_approved_release_names_changes_approved_before_it() -> None:
    assert found(release(changes=[ASSESSED_CHANGE])) == []  # planned: the change may still be assessed
    early = {"by": "zhou.min", "at": "2026-10-28T09:00:00+08:00"}
    cases = ((ASSESSED_CHANGE, "was never approved (assessed)"), (APPROVED_CHANGE, "was approved only on 2026-10-29"))
    for change, words in cases:
        (v,) = violations(release(changes=[change], approved=early), CONTEXT)
        assert v.code == "release-change" and v.path == ("changes", 0) and words in v.message, v


def test_known_errors_name_problems_recorded_as_known_errors() -> None:
    def codes(problem: str) -> list[tuple[str, str]]:
        known = [{"problem": problem, "description": "说明"}, {"description": "只有文字"}]
        return [(v.severity, v.message) for v in violations(release(known_errors=known), CONTEXT)]

    assert codes("PRB-2610-51PV1") == []
    assert codes(INCIDENT) == [("error", f"{INCIDENT} is an incident, not a problem")]
    ((severity, message),) = codes("PRB-2611-J81AX")
    assert severity == "warning" and "is not recorded as a known error" in message


def test_rollback_plan_before_approval() -> None:
    assert found(release(rollback_plan=None)) == []
    assert found(release(rollback_plan=" ", approved=STEPS["approved"])) == [
        ("release-rollback", ("rollback_plan",), "error")
    ]


@pytest.mark.parametrize(
    ("steps", "path"),
    [
        ({"deployed": STEPS["deployed"]}, ("deployed",)),
        ({"approved": STEPS["approved"], "verification": STEPS["verification"]}, ("verification",)),
        ({k: STEPS[k] for k in ("approved", "deployed", "acceptance")}, ("acceptance",)),
        (
            {"approved": STEPS["approved"], "deployed": {"by": "wang.qiang", "at": "2026-10-28T00:00:00+08:00"}},
            ("deployed", "at"),
        ),
        ({**STEPS, "acceptance": {"by": "李娜", "on": "2026-11-01"}}, ("acceptance", "on")),
        (
            {**STEPS, "rolled_back": {"by": "wang.qiang", "at": "2026-11-24T00:00:00+08:00", "reason": "x"}},
            ("rolled_back",),
        ),
        ({"plan": {**PLANNED["plan"], "window_end": PLANNED["plan"]["window_start"]}}, ("plan", "window_end")),
    ],
)
def test_steps_out_of_order(steps: dict[str, Any], path: tuple[str, ...]) -> None:
    assert ("release-steps", path, "error") in found(release(**steps))


@pytest.mark.parametrize(
    "broken",
    [
        {"changes": []},
        {"changes": ["chg-1"]},
        {"verification": {"by": "sun.wei", "at": "2026-11-08T09:30:00+08:00", "result": "ok"}},
        {"plan": {"window_start": "2026-11-07T21:00:00", "window_end": "2026-11-08T00:00:00+08:00", "owner": "x"}},
        {"acceptance": {"on": "2026-11-23"}},
        {"stage": "planned"},
    ],
)
def test_the_schema_refuses(broken: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Release.model_validate({**PLANNED, **broken})
