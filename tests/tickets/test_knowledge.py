"""``itsmctl kb search``: known errors, workarounds and resolutions found by their words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from itsmctl.tickets.knowledge import folded, terms_of
from tests.conftest import SAMPLE_RECORDS, Cli


def test_chinese_is_matched_as_written_and_full_width_folds() -> None:
    assert terms_of("连接池 超时") == ["连接池", "超时"]  # the spaces typed separate terms
    assert terms_of("连接池耗尽") == ["连接池耗尽"]  # never split further
    assert terms_of("ＤＢ２　锁") == ["db2", "锁"]  # a full-width space and letters
    assert folded("Oracle ＲＡＣ") == "oracle rac"


def test_a_known_error_comes_first_and_every_term_must_be_found(cli: Cli) -> None:
    r = cli("kb", "search", "连接", "超时", "--records", SAMPLE_RECORDS, "--format", "json")
    assert r.code == 0, r
    hits = json.loads(r.stdout)
    assert hits[0]["id"] == "PRB-2610-51PV1" and hits[0]["known_error"] is True
    known = [h["known_error"] for h in hits]
    assert known == sorted(known, reverse=True)  # known errors before everything else
    only = json.loads(
        cli("kb", "search", "连接", "--known-errors", "--records", SAMPLE_RECORDS, "--format", "json").stdout
    )
    assert only and all(h["known_error"] for h in only)
    none = cli("kb", "search", "连接池", "打印机卡纸", "--records", SAMPLE_RECORDS)
    assert none.code == 0 and none.stdout.endswith("0 条 record(s)\n")


def test_a_broken_ticket_is_named_and_the_rest_searched(cli: Cli, tmp_path: Path) -> None:
    store = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, store)
    broken = sorted((store / "tickets" / "2026" / "11").glob("INC-*.yaml"))[0]
    broken.write_text(broken.read_text(encoding="utf-8") + "kind: again\n", encoding="utf-8")
    r = cli("kb", "search", "数据库", "--records", store)
    assert r.code == 1 and broken.name in r.stderr and "PRB-2610-51PV1" in r.stdout, r
