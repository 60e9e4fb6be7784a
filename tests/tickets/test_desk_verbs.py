"""The service-desk and vendor-repair verbs write the events ``sla status`` measures."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli

DAY = "2026-11-02"  # a Monday


def at(hhmm: str, day: str = DAY) -> str:
    return f"{day}T{hhmm}:00+08:00"


def test_verbs_record_the_events_and_sla_status_measures_them(cli: Cli, store: Path) -> None:
    sla = store / "slas" / "SLA-MAIN.yaml"
    sla.write_text(
        sla.read_text(encoding="utf-8")
        + "service_desk: {remote_guidance: 5m, execution_confirmed: 30m, escalate_to_manager: 20m}\n"
        + "vendor_repair: {}\n",
        encoding="utf-8",
    )
    opened = cli(
        "ticket", "new", "incident", "--title", "打印机送修", "--service", "SVC-ONSITE", "--dim", "urgency=low",
        "--dim", "impact=one", "--delivery", "remote", "--records", store, "--by", "wang.qiang", "--at", at("09:00"),
    )  # fmt: skip
    assert opened.code == 0, opened
    tid = opened.stdout.strip()
    steps = [
        (("guide", tid), at("09:03")),
        (("assign", tid, "--to", "wang.qiang"), at("09:05")),
        (("confirm-execution", tid), at("09:20")),
        (("report-exception", tid, "--reason", "打印头损坏，需送修"), at("09:40")),
        (("inform-manager", tid, "--manager", "zhou.min", "--method", "电话"), at("09:50")),
        (("repair-send", tid, "--vendor", "南天信息", "--device", "存折打印机"), at("10:00")),
        (("loaner-issue", tid, "--device", "备用打印机"), at("10:30")),
        (("repair-progress", tid, "厂商已检测，更换打印头"), at("15:00", "2026-11-04")),
    ]
    for words, when in steps:
        done = cli("ticket", *words, "--records", store, "--by", "wang.qiang", "--at", when)
        assert done.code == 0, (words, done)
    text = next(store.glob(f"tickets/*/*/{tid}.yaml")).read_text(encoding="utf-8")
    assert "method: phone" in text and "type: loaner_issued" in text
    assert cli("validate", "--records", store, "--at", at("10:00", "2026-11-05")).code == 0
    status = cli("sla", "status", tid, "--records", store, "--at", at("10:00", "2026-11-05"), "--format", "json")
    rows = {r["target"]: r for r in json.loads(status.stdout)}
    assert (rows["remote_guidance"]["state"], rows["remote_guidance"]["elapsed_seconds"]) == ("met", 180)
    assert (rows["execution_confirmed"]["state"], rows["execution_confirmed"]["elapsed_seconds"]) == ("met", 900)
    assert (rows["escalate_to_manager"]["state"], rows["escalate_to_manager"]["elapsed_seconds"]) == ("met", 600)
    # since Wed 15:00: 3h Wednesday + Thu 09:00-10:00 = 4h of 3 x 7.5h
    progress = rows["repair_progress"]
    assert (progress["state"], progress["elapsed_seconds"], progress["goal_seconds"]) == ("ok", 14400, 81000)
    assert rows["repair_return"]["deadline"] == "2026-11-14T00:00:00+08:00"


def test_the_project_manager_informed_must_be_one(cli: Cli, store: Path) -> None:
    opened = cli(
        "ticket", "new", "incident", "--title", "机房断电", "--service", "SVC-ONSITE", "--dim", "urgency=low",
        "--dim", "impact=one", "--records", store, "--by", "wang.qiang", "--at", at("09:00"),
    )  # fmt: skip
    tid = opened.stdout.strip()
    refused = cli(
        "ticket", "inform-manager", tid, "--manager", "wang.qiang", "--records", store, "--by", "wang.qiang",
        "--at", at("09:10"),
    )  # fmt: skip
    assert refused.code == 1, refused
    assert "[exception-manager]" in refused.stderr and "--manager names the person" in refused.stderr
