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
        assert row["remaining_seconds"] == row["goal_seconds"] - row["elapsed_seconds"]
        assert row["percent"] == round(row["elapsed_seconds"] * 100 / row["goal_seconds"], 1)
        assert (row["deadline"] is None) == (row["state"] == "paused")
