"""Hostile outbox files: each is a finding naming the file, never a crash of ``validate`` or
``escalate`` (they used to exit 3 on ``Infinity``, deep nesting, or a path as the ticket)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli

GOOD = {
    "ticket": "INC-2611-AB3CD",
    "title": "t",
    "event": "EAAAAA1",
    "level": 1,
    "name": "预警",
    "target": "resolution",
    "state": "warning",
    "deadline": None,
    "percent": 80.0,
    "priority": "P3",
    "created_at": "2026-11-02T09:00:00+08:00",
    "recipients": [],
    "message": "m",
    "subject": "s",
    "actions": [],
    "deliveries": {},
}


def _with(**changes: object) -> str:
    return json.dumps({**GOOD, **changes})


CASES = {
    "Infinity as level": _with().replace('"level": 1', '"level": Infinity'),
    "Infinity as percent": _with().replace('"percent": 80.0', '"percent": Infinity'),
    "NaN as percent": _with().replace('"percent": 80.0', '"percent": NaN'),
    "a huge level": _with(level=10**30),
    "a boolean level": _with(level=True),
    "100,000 nested brackets": "[" * 100_000 + "]" * 100_000,
    "an absolute path as ticket": _with(ticket="/etc/passwd"),
    "a relative path as ticket": _with(ticket="../../policy"),
    "a file larger than any notice": _with(message="x" * 100_000),
    "a control character in the event": _with(event="E\x1b[2J"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_notice_is_a_finding_and_crashes_nothing(name: str, cli: Cli, store: Path) -> None:
    path = store / "outbox" / "2026" / "11" / "INC-2611-AB3CD.L1.resolution.json"
    path.parent.mkdir(parents=True)
    path.write_text(CASES[name], encoding="utf-8")
    result = cli("validate", "--records", store)
    assert result.code == 1, result
    assert f"{path}:1:1: not a notice file" in result.stdout, result
    ran = cli("escalate", "--dry-run", "--records", store, "--at", "2026-11-02T10:00:00+08:00")
    assert ran.code == 1, ran
    assert "Traceback" not in ran.stderr and "unexpected error" not in ran.stderr, ran
