"""Values past every bound a record has: one such file is a finding with file and line, never
a crash (exit 3) or a hang of the commands that read the store, and never hides another file.

Each case is a hand edit of the example store that used to pass ``validate`` (or stop every
command) before the bounds were in the reader and the models.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import Cli

AT = "2026-11-02T09:00:00+08:00"
TICKET = "tickets/2026/10/INC-2610-7KQ3P.yaml"


def _event_year_one(store: Path) -> str:
    path = store / TICKET
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"at: 2026-10-\d\dT", "at: 0001-01-01T", text, count=1), encoding="utf-8")
    return TICKET


def _huge_number(store: Path) -> str:
    path = store / TICKET
    path.write_text(path.read_text(encoding="utf-8") + "unknown_count: " + "9" * 5000 + "\n", encoding="utf-8")
    return TICKET


def _huge_target(store: Path) -> str:
    path = store / "slas" / "SLA-MAIN.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("resolution: 4h", "resolution: 99999999d"), "utf-8")
    return "slas/SLA-MAIN.yaml"


def _huge_business_days(store: Path) -> str:
    path = store / "slas" / "SLA-MAIN.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("resolution: 3bd", "resolution: 9999bd"), "utf-8")
    return "slas/SLA-MAIN.yaml"


def _inverted_hours(store: Path) -> str:
    path = store / "calendars" / "CAL-CN.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"13:30-18:00"', '"18:00-09:00"', 1), "utf-8")
    return "calendars/CAL-CN.yaml"


def _empty_hours(store: Path) -> str:
    path = store / "calendars" / "CAL-CN.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"09:00-12:00"', '"10:00-10:00"', 1), "utf-8")
    return "calendars/CAL-CN.yaml"


CASES = {
    "event in year 1": (_event_year_one, "outside the years 1970–2199"),
    "number of 5000 digits": (_huge_number, "a number of 5000 characters"),
    "SLA target of 99999999 days": (_huge_target, "is not a duration"),
    "SLA target of 9999 business days": (_huge_business_days, "longer than any duration a record gives"),
    "inverted working hours": (_inverted_hours, "ends before it starts"),
    "empty working period": (_empty_hours, "ends before it starts"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_value_past_its_bound_is_a_finding_and_stops_nothing(name: str, cli: Cli, store: Path) -> None:
    break_it, words = CASES[name]
    rel = break_it(store)
    sentinel = "kind: service\nid: SVC-SENTINEL\nname: 哨兵\nclass: reactive\ndeliverable: 无\nservice_level: 无\n"
    (store / "services" / "SVC-SENTINEL.yaml").write_text(sentinel + "colour: red\n", encoding="utf-8")
    result = cli("validate", "--records", store, "--format", "json")
    assert result.code == 1, result
    findings = json.loads(result.stdout)
    mine = [f for f in findings if f["file"] == f"{store}/{rel}" and words in f["message"]]
    assert mine and mine[0]["line"] > 1, findings
    assert any(f["file"].endswith("SVC-SENTINEL.yaml") for f in findings), "another file's finding is hidden"
    for args in (
        ("validate", "--format", "github"),
        ("sla", "status", "--at", AT),
        ("ticket", "list", "--at", AT),
        ("report", "monthly", "--month", "2026-10", "--at", AT),
        ("summary",),
    ):
        ran = cli(*args, "--records", store)
        assert ran.code in (1, 2), (args, ran)
        assert "Traceback" not in ran.stderr and "unexpected error" not in ran.stderr, (args, ran)
