"""``itsmctl sla status``."""

from __future__ import annotations

import json
from pathlib import Path


def test_text_and_json(cli, store: Path) -> None:
    r = cli("sla", "status", "--records", store, "--at", "2026-10-09T10:00:00+08:00", "--format", "text")
    assert r.code == 0, r
    lines = r.stdout.splitlines()
    assert lines[1].split() == [
        "INC-2610-7KQ3P",
        "response",
        "met",
        "P2",
        "2026-10-09",
        "10:12:00",
        "8m",
        "52m",
        "13.3",
    ]
    # P2 8h from Fri 09:12: 26 280 s on Friday, the other 2 520 s (42 min) on the make-up Saturday
    assert lines[2].split()[:6] == ["INC-2610-7KQ3P", "resolution", "ok", "P2", "2026-10-10", "09:42:00"]
    r = cli(
        "sla", "status", "INC-2610-7KQ3P", "--records", store, "--at", "2026-10-09T10:00:00+08:00", "--format", "json"
    )
    rows = json.loads(r.stdout)
    assert {
        k: rows[1][k] for k in ("id", "target", "state", "deadline", "elapsed_seconds", "remaining_seconds", "percent")
    } == {
        "id": "INC-2610-7KQ3P",
        "target": "resolution",
        "state": "ok",
        "deadline": "2026-10-10T09:42:00+08:00",
        "elapsed_seconds": 2880,
        "remaining_seconds": 25920,
        "percent": 10.0,
    }


def test_open_only_skips_closed_tickets(cli, store: Path) -> None:
    r = cli("sla", "status", "--records", store, "--at", "2026-11-20T15:00:00+08:00", "--open-only", "--format", "json")
    assert r.code == 0 and json.loads(r.stdout) == []


def test_errors(cli, store: Path) -> None:
    r = cli("sla", "status", "INC-2610-AAAAA", "--records", store)
    assert r.code == 2 and "no ticket INC-2610-AAAAA" in r.stderr
    r = cli("sla", "status", "--records", store, "--format", "xml")
    assert r.code == 2 and "'text', 'json', 'table', 'github'" in r.stderr
    r = cli("sla", "status", "--records", store, "--at", "yesterday")
    assert r.code == 2 and "ISO 8601" in r.stderr


def test_table_reporter_shows_states_in_chinese() -> None:
    from datetime import datetime

    from itsmctl.reporters.sla import STATUS_REPORTERS, duration
    from itsmctl.sla import ClockStatus

    t = datetime.fromisoformat("2026-11-16T09:00:00+08:00")
    row = ClockStatus(
        "INC-2611-00001",
        "incident",
        "response",
        "breached",
        "P1",
        "SLA-T",
        t,
        t,
        None,
        1800,
        2700,
        -900,
        150.0,
        "business",
    )
    assert "超时 breached" in STATUS_REPORTERS["table"]([row])
    assert duration(-900) == "-15m" and duration(3725) == "1h02m05s" and duration(0) == "0s"


def test_a_ticket_whose_file_does_not_load_is_named_not_called_missing(cli, tmp_path) -> None:
    import shutil

    from tests.conftest import EXAMPLE_STORE

    store = tmp_path / "records"
    shutil.copytree(EXAMPLE_STORE, store)
    path = store / "tickets" / "2026" / "10" / "INC-2610-7KQ3P.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("priority: P", "major: yes\npriority: P", 1), "utf-8")
    at = ("--at", "2026-11-02T09:00:00+08:00")
    for args in (("sla", "status", "INC-2610-7KQ3P", *at), ("priority", "explain", "INC-2610-7KQ3P")):
        result = cli(*args, "--records", store)
        assert result.code == 1, result
        assert "ticket INC-2610-7KQ3P does not load: " in result.stderr and "INC-2610-7KQ3P.yaml:" in result.stderr
        assert "major" in result.stderr
