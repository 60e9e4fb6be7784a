"""Document control of the reports a contract requires: number, version, who prepared, reviewed,
approved and signs for them, from the SLA's reporting duty."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from helpers_reports import REPORT_STORE

from tests.conftest import SAMPLE_RECORDS

AT = "2026-11-20T15:00:00+08:00"
SLA = Path("slas") / "SLA-HXB-2026.yaml"


def _report(cli: Any, store: Path, kind: str, lang: str = "zh") -> str:
    result = cli("report", kind, "--month", "2026-10", "--lang", lang, "--records", store, "--at", AT)
    assert result.code in (0, 1), result
    return str(result.stdout)


def test_the_block_names_the_number_version_and_people(cli: Any) -> None:
    monthly = _report(cli, SAMPLE_RECORDS, "monthly")
    assert "| HXB-YW-YDZJ-202610 | 1.0 | 周敏 | 何静 | 吴刚 | 李娜，签字：" in monthly
    repairs = _report(cli, SAMPLE_RECORDS, "repairs", "en")
    assert "| HXB-YW-WXZJ-202610 | 1.0 | Zhou Min | — | Wu Gang | Li Na, signature: " in repairs
    # a duty that names none of it (the report store's SLA) prints no block
    assert "文档编号" not in _report(cli, REPORT_STORE, "monthly")


def test_a_version_and_an_unknown_person_are_checked(cli: Any, tmp_path: Path) -> None:
    store = tmp_path / "records"
    shutil.copytree(SAMPLE_RECORDS, store)
    path = store / SLA
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    reviewed_by: he.jing\n", "    reviewed_by: nobody\n    version: '2.1'\n"),
                    encoding="utf-8")  # fmt: skip
    found = json.loads(cli("validate", "--records", store, "--at", AT, "--format", "json").stdout)
    mine = [f for f in found if f["file"].endswith("SLA-HXB-2026.yaml")]
    assert [(f["field"], f["code"]) for f in mine] == [("reporting[0].reviewed_by", "ref")], mine
    assert "unknown person 'nobody'" in mine[0]["message"] and mine[0]["line"] > 1
    assert "| HXB-YW-YDZJ-202610 | 2.1 |" in _report(cli, store, "monthly")
    path.write_text(text.replace("    document_code: HXB-YW-YDZJ\n", "    document_code: 'HXB YW'\n"), encoding="utf-8")
    bad = json.loads(cli("validate", "--records", store, "--at", AT, "--format", "json").stdout)
    assert any(f["field"] == "reporting[0].document_code" for f in bad), bad
