"""Commands that load only the records they need (``Store.partial``, from the cache's facts) give
what loading everything gives: ``sla status --open-only`` and ``validate``'s estimated-year check
on a store whose findings came from the cache."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from itsmctl.cache import ContentCache
from itsmctl.store.facts import open_tickets
from itsmctl.store.store import Store
from tests.conftest import Cli

LATE = """kind: incident
id: INC-2612-7KQ3P
title: 年末打印机故障
service: SVC-ONSITE
requester: li.na
dimensions: {urgency: low, impact: one}
priority: P3
status: new
events:
  - {id: E7KQ4P, at: 2026-12-01T10:00:00+08:00, by: wang.qiang, type: opened}
"""
LATE_PATH = "tickets/2026/12/INC-2612-7KQ3P.yaml"
CLOSED = "tickets/2026/10/INC-2610-7KQ3P.yaml"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"ITSMCTL_CACHE_DIR": str(tmp_path / "cache")}


def compare(cli: Cli, env: dict[str, str], *args: str) -> str:
    cached = cli(*args, env={**env, "ITSMCTL_CACHE": "on"})
    plain = cli(*args, env={**env, "ITSMCTL_CACHE": "off"})
    assert (cached.code, cached.stdout) == (plain.code, plain.stdout), (cached, plain)
    return cached.stdout


def test_open_only_skips_closed_tickets_and_shows_what_a_full_load_shows(
    cli: Cli, store: Path, env: dict[str, str], tmp_path: Path
) -> None:
    (store / LATE_PATH).parent.mkdir(parents=True)
    (store / LATE_PATH).write_text(LATE, "utf-8")
    at = "2026-12-01T12:00:00+08:00"
    args = ("sla", "status", "--open-only", "--records", str(store), "--at", at, "--format", "json")
    first = compare(cli, env, *args)
    again = compare(cli, env, *args)
    assert first == again and "INC-2612-7KQ3P" in first
    # the closed ticket was not loaded on the second run
    clock = lambda: time.time_ns() + 3600 * 10**9  # noqa: E731
    s = Store.open(store, cache=ContentCache(tmp_path / "cache" / "direct", clock_ns=clock))
    s.snapshot()  # facts for every file
    partial = Store.open(store, cache=ContentCache(tmp_path / "cache" / "direct", clock_ns=clock))
    from datetime import datetime

    snap = partial.partial(open_tickets(datetime.fromisoformat(at)))
    assert snap.get("INC-2612-7KQ3P") is not None and snap.get("INC-2610-7KQ3P") is None
    assert snap.policy is not None and snap.calendars and snap.slas
    # asked about a moment before it closed, the closed ticket is open again, and loaded
    earlier = compare(cli, env, "sla", "status", "--open-only", "--records", str(store), "--at",
                      "2026-10-09T10:00:00+08:00", "--format", "json")  # fmt: skip
    assert "INC-2610-7KQ3P" in earlier


def test_a_reopened_ticket_is_loaded_again(cli: Cli, store: Path, env: dict[str, str]) -> None:
    at = "2026-11-20T10:00:00+08:00"
    args = ("sla", "status", "--open-only", "--records", str(store), "--at", at, "--format", "json")
    assert "INC-2610-7KQ3P" not in compare(cli, env, *args)
    path = store / CLOSED
    path.write_text(
        path.read_text("utf-8").replace("status: closed", "status: in_progress")
        + "  - {id: ED1B2C, at: 2026-10-12T09:00:00+08:00, by: wang.qiang, type: reopened, reason: 客户反馈再次超时}\n",
        "utf-8",
    )
    assert "INC-2610-7KQ3P" in compare(cli, env, *args)


def test_cached_findings_still_get_the_estimated_year_warning_of_a_later_now(
    cli: Cli, store: Path, env: dict[str, str]
) -> None:
    (store / LATE_PATH).parent.mkdir(parents=True)
    (store / LATE_PATH).write_text(LATE, "utf-8")
    base = ("validate", "--records", str(store), "--format", "json", "--at")
    december = compare(cli, env, *base, "2026-12-10T10:00:00+08:00")
    assert not [f for f in json.loads(december) if f["code"] == "calendar-estimated"]
    noted = cli(*base, "2027-01-04T10:00:00+08:00", env={**env, "ITSMCTL_CACHE": "on"})
    assert "nothing changed since the last check" in noted.stderr
    january = compare(cli, env, *base, "2027-01-04T10:00:00+08:00")
    found = [f for f in json.loads(january) if f["code"] == "calendar-estimated"]
    assert len(found) == 1 and "2027" in found[0]["message"]
    assert os.path.isdir(env["ITSMCTL_CACHE_DIR"])


def test_escalate_dry_run_loads_only_what_a_run_can_touch(cli: Cli, tmp_path: Path, env: dict[str, str]) -> None:
    import shutil

    from tests.conftest import SAMPLE_RECORDS

    store = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, store)
    args = ("escalate", "--dry-run", "--records", str(store), "--at", "2026-11-20T15:00:00+08:00", "--format", "json")
    first = compare(cli, env, *args)  # the first run with the cache loads everything and keeps the facts
    second = compare(cli, env, *args)  # the second loads the open tickets only
    assert first == second and json.loads(second)
