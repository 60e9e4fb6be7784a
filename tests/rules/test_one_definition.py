"""Every rule has one definition: what a verb refuses is what ``validate`` reports on the same record.

For each rule a verb can break, the verb is first refused (exit 1, the rule's code, field
and reason on stderr).  Then the same command runs with the rule book's refusal switched
off — the file written as a hand edit would write it, without the verb's guard — and
``validate`` must report exactly the refused (field, code, reason).  A second copy of a rule
inside a verb would refuse with words ``validate`` never says, and fail here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import itsmctl.tickets.edit as edit
from itsmctl.rules import RULES
from itsmctl.rules.lifecycle import LIFECYCLES
from itsmctl.store.loader import dotted
from tests.conftest import Cli

DAY = "2026-11-02"
PLAN = (
    "--goal", "升级到19c", "--content", "数据库升级", "--step", "备份", "--person", "wang.qiang", "--budget", "0",
    "--start", "2026-11-07T20:00+08:00", "--end", "2026-11-07T23:00+08:00",
    "--risk-plan", "DBA待命", "--rollback-plan", "从备份恢复",
)  # fmt: skip
INCIDENT = ("new", "incident", "--title", "打印机卡纸", "--service", "SVC-ONSITE", "--dim", "urgency=low",
            "--dim", "impact=one")  # fmt: skip
CHANGE = ("new", "change", "--title", "数据库升级", "--service", "SVC-ONSITE", "--priority", "P3")
COMPLAINT = ("new", "complaint", "--title", "工程师迟到", "--service", "SVC-ONSITE", "--priority", "P3",
             "--about", "wang.qiang", "--requester", "li.na")  # fmt: skip

Step = tuple[tuple[str, ...], str, str]
"""(ticket command words, with ID for the ticket; --by; --at)"""


def t(hhmm: str, day: str = DAY) -> str:
    return f"{day}T{hhmm}:00+08:00"


RESOLVED: list[Step] = [
    (INCIDENT, "wang.qiang", t("09:00")),
    (("resolve", "ID", "--resolution", "重启"), "wang.qiang", t("09:30")),
]
PLANNED: list[Step] = [
    (CHANGE, "wang.qiang", t("09:00")),
    (("plan", "ID", *PLAN), "wang.qiang", t("09:10")),
    (("assess", "ID", "--risk", "medium"), "zhou.min", t("09:20")),
]
SCHEDULED: list[Step] = [
    *PLANNED,
    (("approve", "ID", "--approver", "li.na", "--method", "mail"), "wang.qiang", t("10:00")),
    (
        ("schedule", "ID", "--start", "2026-11-07T20:00+08:00", "--end", "2026-11-07T23:00+08:00"),
        "wang.qiang",
        t("10:05"),
    ),
]
IN_TRIAL: list[Step] = [
    *SCHEDULED,
    (("implement", "ID"), "wang.qiang", t("20:05", "2026-11-07")),
    (("trial", "ID", "--period", "7d"), "wang.qiang", t("23:00", "2026-11-07")),
]

SCENARIOS: dict[str, tuple[list[Step], Step]] = {
    "confirmation": (RESOLVED, (("close", "ID"), "wang.qiang", t("09:40"))),
    "confirmation-contact": (
        RESOLVED,
        (("confirm", "ID", "--contact", "zhou.min", "--method", "phone"), "wang.qiang", t("09:40")),
    ),
    "tacit-confirmation": (RESOLVED, (("confirm", "ID", "--tacit"), "wang.qiang", t("09:40", "2026-11-20"))),
    "assignee-role": (
        [(INCIDENT, "wang.qiang", t("09:00"))],
        (("assign", "ID", "--to", "li.na"), "zhou.min", t("09:05")),
    ),
    "reopen-window": (
        [
            *RESOLVED,
            (("confirm", "ID", "--contact", "li.na", "--method", "phone"), "wang.qiang", t("09:40")),
            (("close", "ID"), "wang.qiang", t("09:41")),
        ],
        (("reopen", "ID", "--reason", "复发"), "wang.qiang", t("09:42", "2026-11-12")),
    ),
    "change-plan": (
        [
            (CHANGE, "wang.qiang", t("09:00")),
            (("plan", "ID", "--goal", "升级"), "wang.qiang", t("09:10")),
            (("assess", "ID", "--risk", "low"), "zhou.min", t("09:20")),
        ],
        (("approve", "ID", "--approver", "li.na", "--method", "mail"), "wang.qiang", t("10:00")),
    ),
    "change-approval": (
        PLANNED,
        (("approve", "ID", "--approver", "zhou.min", "--method", "mail"), "wang.qiang", t("10:00")),
    ),
    "change-reviews": (
        [(CHANGE, "wang.qiang", t("09:00")), (("plan", "ID", *PLAN), "wang.qiang", t("09:10"))],
        (("assess", "ID", "--risk", "medium"), "wang.qiang", t("09:20")),
    ),
    "change-window": (SCHEDULED, (("implement", "ID"), "wang.qiang", t("10:00", "2026-11-06"))),
    "change-trial": (IN_TRIAL, (("review", "ID", "--result", "successful"), "zhou.min", t("23:20", "2026-11-07"))),
    "change-trial/failed": (
        [*IN_TRIAL, (("review", "ID", "--result", "failed"), "zhou.min", t("09:00", "2026-11-08"))],
        (("close", "ID"), "zhou.min", t("09:30", "2026-11-08")),
    ),
    "known-error": (
        [
            (
                ("new", "problem", "--title", "连接池耗尽", "--service", "SVC-ONSITE", "--priority", "P2"),
                "zhou.min",
                t("09:00"),
            ),
            (("start", "ID"), "wang.qiang", t("09:05")),
        ],
        (("known-error", "ID", "--workaround", " "), "wang.qiang", t("09:10")),
    ),
    "handler-role": (
        [(INCIDENT, "wang.qiang", t("09:00"))],
        (("resolve", "ID", "--resolution", "重启"), "li.na", t("09:30")),
    ),
    "complaint": ([(COMPLAINT, "zhou.min", t("09:00"))], (("start", "ID"), "wang.qiang", t("09:05"))),
    "first-line": (
        [(INCIDENT, "wang.qiang", t("09:00")), (("onsite", "ID"), "wang.qiang", t("09:20"))],
        (("resolve", "ID", "--resolution", "更换硒鼓", "--first-line"), "wang.qiang", t("09:30")),
    ),
    "first-line/dispatched": (
        [(INCIDENT, "wang.qiang", t("09:00")), (("assign", "ID", "--to", "wang.qiang"), "wang.qiang", t("09:05"))],
        (("resolve", "ID", "--resolution", "远程指导重启", "--first-line"), "wang.qiang", t("09:30")),
    ),
    "explanation-author": (
        [(INCIDENT, "wang.qiang", t("09:00"))],
        (("explain", "ID", "--target", "response", "--reason", "客户停电"), "li.na", t("10:00", "2026-11-04")),
    ),
    "vendor-repair": (
        [(INCIDENT, "wang.qiang", t("09:00"))],
        (("repair-progress", "ID", "厂商已检测"), "wang.qiang", t("09:30")),
    ),
    "vendor-repair/twice": (
        [
            (INCIDENT, "wang.qiang", t("09:00")),
            (("repair-send", "ID", "--vendor", "南天信息", "--device", "打印机"), "wang.qiang", t("09:20")),
        ],
        (("repair-send", "ID", "--vendor", "南天信息"), "wang.qiang", t("09:30")),
    ),
    "vendor-repair/loaner": (
        [(INCIDENT, "wang.qiang", t("09:00"))],
        (("loaner-issue", "ID", "--device", "备用打印机"), "wang.qiang", t("09:30")),
    ),
    "exception-manager": (
        [
            (INCIDENT, "wang.qiang", t("09:00")),
            (("report-exception", "ID", "--reason", "机房断电"), "wang.qiang", t("09:20")),
        ],
        (("inform-manager", "ID", "--manager", "wang.qiang", "--method", "电话"), "wang.qiang", t("09:30")),
    ),
}


def run(cli: Cli, store: Path, step: Step, tid: str | None):
    words, by, when = step
    words = tuple(tid if w == "ID" else w for w in words)
    return cli("ticket", *words, "--records", store, "--by", by, "--at", when)


def setup(cli: Cli, store: Path, steps: list[Step]) -> str | None:
    tid = None
    for step in steps:
        result = run(cli, store, step, tid)
        assert result.code == 0, (step, result)
        if step[0][0] == "new":
            tid = result.stdout.strip()
    return tid


@pytest.mark.parametrize("code", sorted(SCENARIOS))
def test_the_verb_refuses_with_what_validate_reports(code: str, cli: Cli, store: Path, monkeypatch) -> None:
    steps, refused_step = SCENARIOS[code]
    code = code.split("/")[0]
    tid = setup(cli, store, steps)
    seen: list[tuple[str, str, str]] = []
    real = edit.refuse_violations

    def recording(record_id, found):
        seen.extend((dotted(v.path), v.code, v.message) for v in found)
        real(record_id, found)

    monkeypatch.setattr("itsmctl.tickets.edit.refuse_violations", recording)
    monkeypatch.setattr("itsmctl.tickets.create.refuse_violations", recording)
    refused = run(cli, store, refused_step, tid)
    assert refused.code == 1, refused
    assert any(c == code for _, c, _ in seen), (seen, refused)
    for field, rule_code, reason in seen:  # the person at the terminal reads the rule's own words
        assert f"{reason} ({field}) [{rule_code}]" in refused.stderr, refused

    # the same command with the rule book's refusal switched off: the file a hand edit would write
    monkeypatch.setattr("itsmctl.tickets.edit.refuse_violations", lambda *a, **k: None)
    monkeypatch.setattr("itsmctl.tickets.create.refuse_violations", lambda *a, **k: None)
    written = run(cli, store, refused_step, tid)
    assert written.code == 0, written
    result = cli("validate", "--records", store, "--format", "json")
    assert result.code == 1, result
    data = json.loads(result.stdout)
    findings = data if isinstance(data, list) else data["findings"]
    reported = {(f["field"], f["code"], f["message"]) for f in findings if f["file"].endswith(f"{tid}.yaml")}
    assert set(seen) <= reported, (seen, reported)


def test_every_rule_a_table_names_exists_and_every_guarded_rule_has_a_scenario() -> None:
    codes = {r.code for r in RULES}
    named = {code for lc in LIFECYCLES for tr in lc.transitions for code in tr.rules} | {
        code for lc in LIFECYCLES for code in lc.always
    }
    assert named <= codes, named - codes
    # every rule a verb can break has a scenario above (resolution: no verb writes it broken)
    assert named - {"resolution"} <= set(SCENARIOS), named - set(SCENARIOS)
