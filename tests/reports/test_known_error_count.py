"""The monthly report counts incidents resolved with a known error, linked either way (004 §7.2.2)."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers_reports import AT, REPORT_STORE

SENTENCE = "本月借助已知错误解决事件 {} 个。"


def _count(cli, store: Path) -> str:
    result = cli("report", "monthly", "--month", "2026-10", "--records", str(store), "--at", AT)
    assert result.code in (0, 1), result
    return result.stdout


def test_incidents_solved_by_a_known_error_either_link(cli, tmp_path: Path) -> None:
    store = tmp_path / "records"
    shutil.copytree(REPORT_STORE, store)
    problem = store / "tickets" / "2026" / "10" / "PRB-2610-A0005.yaml"
    incident = store / "tickets" / "2026" / "10" / "INC-2610-A0002.yaml"
    assert SENTENCE.format(1) in _count(cli, store)
    problem.write_text(problem.read_text(encoding="utf-8").replace("incidents: [INC-2610-A0002]", "incidents: []"))
    assert SENTENCE.format(1) in _count(cli, store)  # the incident's related: still links it
    text = incident.read_text(encoding="utf-8")
    incident.write_text(text.replace("related: [PRB-2610-A0005, CHG-2610-A0007]", "related: [CHG-2610-A0007]"))
    assert SENTENCE.format(0) in _count(cli, store)
    problem.write_text(problem.read_text(encoding="utf-8").replace("incidents: []", "incidents: [INC-2610-A0002]"))
    assert SENTENCE.format(1) in _count(cli, store)  # the problem's incidents: alone
