"""The sample store ``records/`` must show every clock state at its reference time."""

from __future__ import annotations

import json

import pytest

from itsmctl.sla import STATES
from tests.conftest import SAMPLE_RECORDS

REFERENCE_NOW = "2026-11-20T15:00:00+08:00"


@pytest.mark.skipif(not (SAMPLE_RECORDS / "policy.yaml").exists(), reason="records/ not generated yet")
def test_every_state_appears_in_the_sample_store(cli) -> None:
    r = cli("sla", "status", "--records", SAMPLE_RECORDS, "--at", REFERENCE_NOW, "--format", "json")
    assert r.code == 0, r
    rows = json.loads(r.stdout)
    assert {row["state"] for row in rows} == set(STATES)
    for row in rows:  # the figures agree with each other
        if row["breached_at"] is None:
            assert row["remaining_seconds"] == row["goal_seconds"] - row["elapsed_seconds"]
            assert row["percent"] == round(row["elapsed_seconds"] * 100 / row["goal_seconds"], 1)
        else:  # judged against the goal it breached: overdue, at 100 % or more, whatever came later
            assert row["remaining_seconds"] <= 0 and row["percent"] >= 100, row
        assert (row["deadline"] is None) == (row["state"] == "paused")


@pytest.mark.skipif(not (SAMPLE_RECORDS / "policy.yaml").exists(), reason="records/ not generated yet")
def test_the_sample_store_exercises_every_promise_of_the_contract(cli) -> None:
    """Each service-desk timing, both vendor-repair clocks and out-of-hours coverage have rows, met and not."""
    r = cli("sla", "status", "--records", SAMPLE_RECORDS, "--at", REFERENCE_NOW, "--format", "json")
    rows = json.loads(r.stdout)
    states: dict[str, set[str]] = {}
    for row in rows:
        states.setdefault(row["target"], set()).add(row["state"])
    for target in ("remote_guidance", "execution_confirmed", "redispatch", "escalate_to_manager", "repair_progress"):
        assert "met" in states[target] or target == "repair_progress", (target, states.get(target))
        assert states[target] - {"met", "ok"}, (target, states[target])  # a late one to report too
    assert {"missed", "warning"} <= states["repair_progress"] and {"missed", "ok"} <= states["repair_return"]
    ooh = {row["state"] for row in rows if row.get("coverage") == "out_of_hours"}
    assert {"met", "missed"} <= ooh
