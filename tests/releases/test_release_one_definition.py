"""A release verb refuses what ``validate`` reports, in the same words: each rule a release verb
can break, refused first (exit 1, field, code and reason), then written with the refusal
switched off (as a hand edit would write it) and found by ``validate`` as (field, code, reason)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_RECORDS, Cli

AT = "2026-11-12T10:00:00+08:00"
SAMPLE_ID = "REL-2026-11-01"
HAND_WRITTEN = """kind: release
id: REL-2026-11-05
title: 虚拟化集群扩容发布
changes: [{change}]
plan:
  window_start: 2026-11-28T22:00:00+08:00
  window_end: 2026-11-29T02:00:00+08:00
  owner: wang.qiang
{rollback}"""
NEW = ("new", "--title", "t", "--window-start", "2026-11-21T22:00+08:00", "--window-end", "2026-11-22T03:00+08:00",
       "--rollback", "回退", "--id", "REL-2026-11-05", "--change")  # fmt: skip
REFUSAL = re.compile(r"(?P<reason>.+) \((?P<field>[^()]+)\) \[(?P<code>[a-z-]+)\]")

SCENARIOS = {
    "release-rollback": ("CHG-2610-YCSFF", ("approve", "REL-2026-11-05")),
    "release-change": ("CHG-2611-F6K4J", ("approve", "REL-2026-11-05")),  # the change is only assessed
    "release-steps": (None, ("accept", SAMPLE_ID, "--by-customer", "李娜", "--on", "2026-11-01")),
    "release-change/new": (None, (*NEW, "INC-2611-JZKMW")),
}


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, target)
    return target


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_the_refusal_is_the_finding(scenario: str, cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    change, args = SCENARIOS[scenario]
    if change is not None:
        (sample / "releases" / "REL-2026-11-05.yaml").write_text(
            HAND_WRITTEN.format(
                change=change, rollback="" if scenario == "release-rollback" else "rollback_plan: 移除宿主机 03\n"
            ),
            encoding="utf-8",
        )
    before = {p.name: p.read_bytes() for p in (sample / "releases").iterdir()}
    command = ("release", *args, "--records", str(sample), "--by", "zhou.min", "--at", AT, "--no-commit")
    refused = cli(*command)
    assert refused.code == 1, refused
    said = refused.stderr.splitlines()[0].partition("would break the rules: ")[2]
    seen = [(m["field"], m["code"], m["reason"]) for part in said.split("; ") if (m := REFUSAL.fullmatch(part))]
    assert seen and all(code == scenario.split("/")[0] for _, code, _ in seen), refused
    assert {p.name: p.read_bytes() for p in (sample / "releases").iterdir()} == before

    monkeypatch.setattr("itsmctl.editing.record.refuse_violations", lambda *a, **k: None)
    written = cli(*command)
    assert written.code == 0, written
    found = cli("validate", "--records", str(sample), "--at", "2026-11-20T15:00:00+08:00", "--format", "json")
    assert found.code == 1, found
    reported = {(f["field"], f["code"], f["message"]) for f in json.loads(found.stdout) if "releases/" in f["file"]}
    assert set(seen) <= reported, (seen, reported)
