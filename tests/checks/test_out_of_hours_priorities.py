"""``validate`` reports an out-of-hours target for a priority the policy does not have, like the SLA's own."""

from __future__ import annotations

import json
from pathlib import Path


def _coverage(store: Path, targets: str) -> None:
    path = store / "slas/SLA-MAIN.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"out_of_hours:\n  calendar: CAL-CN\n  targets:\n{targets}", encoding="utf-8")


def _refs(cli, store: Path) -> list[dict]:
    r = cli("validate", "--records", store, "--format", "json")
    return [f for f in json.loads(r.stdout) if f["file"].endswith("SLA-MAIN.yaml")]


def test_an_out_of_hours_target_of_an_unknown_priority_is_a_finding(cli, store: Path) -> None:
    _coverage(store, "    P1: {response: 30m}\n    P9: {response: 30m}\n")
    found = _refs(cli, store)
    assert [(f["code"], f["field"], f["message"], f["line"]) for f in found] == [
        ("ref", "out_of_hours.targets.P9", "'P9' is not a priority of the policy", 16)
    ]


def test_known_priorities_give_no_finding(cli, store: Path) -> None:
    _coverage(store, "    P1: {response: 30m}\n")
    assert _refs(cli, store) == []
