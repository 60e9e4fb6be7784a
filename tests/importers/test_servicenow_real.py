"""A slice of the real UCI ServiceNow log (read in place from the shared data folder; skipped without it).

The whole log (24,918 incidents) is imported by ``tools/import_benchmark.py``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from itsmctl.importers.run import import_servicenow, import_zone
from itsmctl.store.store import Store
from itsmctl.tickets.edit import load_policy
from itsmctl.validation import validate_store

UCI = Path(__file__).resolve().parents[3] / "shared" / "data" / "servicenow-uci" / "incident_event_log.zip"
if not UCI.is_file():
    UCI = Path("/work/shared/data/servicenow-uci/incident_event_log.zip")
INCIDENTS = 300

pytestmark = pytest.mark.skipif(not UCI.is_file(), reason="the UCI ServiceNow log is not on this machine")


def _rows_of_first(n: int) -> int:
    with zipfile.ZipFile(UCI) as archive, archive.open("incident_event_log.csv") as raw:
        numbers: list[str] = []
        rows = 0
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
            if not numbers or numbers[-1] != row["number"]:
                numbers.append(row["number"])
            if len(numbers) > n:
                return rows
            rows += 1
    return rows


def test_a_slice_imports_validates_and_reports(itil_records: Path, cli) -> None:  # type: ignore[no-untyped-def]
    policy = load_policy(itil_records)
    zone = import_zone("Asia/Shanghai", None)
    s = import_servicenow(itil_records, policy, UCI, zone=zone, service="SVC-SUPPORT", limit=INCIDENTS)
    assert (s.tickets, s.written.created, s.written.refused) == (INCIDENTS, INCIDENTS, 0)
    assert s.rows == _rows_of_first(INCIDENTS)  # every row of these incidents is read and counted
    assert s.agreement is not None and s.agreement.agree == INCIDENTS
    found = validate_store(Store.open(itil_records)).errors
    by_code: dict[str, int] = {}
    for f in found:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    assert by_code == dict(s.written.rule_findings), "validate finds only what the import summary named"
    assert set(by_code) <= {"confirmation", "reopen-window"}
    listed = cli("ticket", "list", "--records", itil_records, "--format", "text")
    assert listed.code == 0, listed
    assert len(listed.stdout.splitlines()) >= INCIDENTS
    status = cli("sla", "status", "--records", itil_records, "--at", "2016-04-01T00:00+08:00", "--format", "text")
    assert status.code in (0, 1), status
    report = cli("report", "monthly", "--records", itil_records, "--month", "2016-03", "--at", "2016-04-01T00:00+08:00")
    assert report.code in (0, 1), report
    assert "2016" in report.stdout
