"""``--format json`` of calendar show and priority calc/explain: what a script reads."""

from __future__ import annotations

import json

from tests.conftest import SAMPLE_RECORDS, Cli


def run_json(cli: Cli, *args: str) -> object:
    result = cli(*args, "--records", SAMPLE_RECORDS, "--format", "json")
    assert result.code == 0, result
    return json.loads(result.stdout)


def test_calendar_show_json(cli: Cli) -> None:
    data = run_json(cli, "calendar", "show", "2026-10")
    assert isinstance(data, dict)
    assert data["month"] == "2026-10" and len(data["days"]) == 31
    makeup = next(d for d in data["days"] if d["day"] == "2026-10-10")
    assert makeup["kind"] == "makeup" and makeup["working"] is True
    assert makeup["hours"] == [["09:00", "12:00"], ["13:30", "18:00"]]
    assert data["working_days"] == sum(d["working"] for d in data["days"])


def test_priority_calc_json(cli: Cli) -> None:
    data = run_json(cli, "priority", "calc", "--urgency", "紧急", "--impact", "全部对象", "--importance", "重要")
    assert isinstance(data, dict)
    assert data["priority"] == "P2" and data["values"]["urgency"] == "urgent"
    assert data["source"].startswith("policy of")


def test_priority_explain_json(cli: Cli) -> None:
    data = run_json(cli, "priority", "explain", "INC-2611-JZKMW")
    assert isinstance(data, dict)
    assert data["ticket_id"] == "INC-2611-JZKMW" and data["current"] == "P2"
    assert data["history"][0]["source"] == "opened" and data["history"][0]["at"].startswith("2026-11-17T10:20")
