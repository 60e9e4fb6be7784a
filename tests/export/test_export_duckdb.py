"""The export in an engine: DuckDB reads the sample store's month and recomputes the monthly
report's SLA achievement per target and per priority, which must equal the report's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb  # the test extra: a missing install fails here, it is not skipped

from itsmctl.reports import monthly
from itsmctl.reports.as_of import snapshot_as_of
from itsmctl.reports.common import Period, ReportInput, report_zone
from itsmctl.reports.slafigures import COVERAGE_MARK
from itsmctl.store.store import Store
from tests.conftest import SAMPLE_RECORDS, Cli

MONTH = "2026-11"

PER_TARGET = """
SELECT sla, coverage, target, NULL AS priority,
       count(*) FILTER (WHERE state = 'met') AS met, count(*) AS judged
FROM {source} WHERE counts_as = 'achievement' AND month = '{month}'
GROUP BY sla, coverage, target
UNION ALL
SELECT sla, coverage, target, judged_priority AS priority,
       count(*) FILTER (WHERE state = 'met') AS met, count(*) AS judged
FROM {source} WHERE counts_as = 'achievement' AND month = '{month}'
GROUP BY sla, coverage, target, judged_priority
"""


def from_sql(con: Any, source: str) -> dict[tuple[str, str, str | None], tuple[int, int, float]]:
    out = {}
    for sla, coverage, target, priority, met, judged in con.sql(
        PER_TARGET.format(source=source, month=MONTH)
    ).fetchall():
        key = sla if coverage is None else f"{sla} {COVERAGE_MARK}"
        out[(key, target, priority)] = (met, judged, round(100.0 * met / judged, 1))
    return out


def from_report() -> dict[tuple[str, str, str | None], tuple[int, int, float]]:
    """The report's own figures: ``monthly.build`` on the store as of the month's end, as
    ``itsmctl report monthly --month`` renders them."""
    snapshot = Store.open(SAMPLE_RECORDS).snapshot()
    zone = report_zone(snapshot)
    period = Period.month(MONTH, zone)
    context = monthly.build(ReportInput(snapshot_as_of(snapshot, period.end), period.end, zone), period)
    rows = [*context["sla"]["targets"], *context["sla"]["priorities"]]
    return {(r["sla"], r["target"], r.get("priority")): (r["met"], r["total"], r["percent"]) for r in rows}


def test_duckdb_recomputes_the_monthly_reports_achievement(cli: Cli, tmp_path: Path) -> None:
    jsonl_out, csv_out = tmp_path / "jsonl", tmp_path / "csv"
    result = cli("export", "--records", SAMPLE_RECORDS, "--month", MONTH, "--out", jsonl_out)
    assert result.code == 0, result
    result = cli("export", "--records", SAMPLE_RECORDS, "--month", MONTH, "--format", "csv", "--bom", "--out", csv_out)
    assert result.code == 0, result
    expected = from_report()
    assert any(met < judged for met, judged, _ in expected.values()), "the month should hold a breach"
    con = duckdb.connect()
    assert from_sql(con, f"read_json_auto('{jsonl_out / 'sla_results.jsonl'}')") == expected
    # the CSV variant parses (BOM, quoting, line breaks in cells) and gives the same figures and rows
    assert from_sql(con, f"read_csv('{csv_out / 'sla_results.csv'}', header = true)") == expected
    for name, key in (("tickets", "id"), ("events", "event_id"), ("surveys", "id")):
        query = (
            'SELECT ticket_id, {key}, "at" FROM {src} ORDER BY ALL'
            if name == "events"
            else "SELECT {key} FROM {src} ORDER BY ALL"
        )
        from_csv = con.sql(
            query.format(key=key, src=f"read_csv('{csv_out / (name + '.csv')}', header = true)")
        ).fetchall()
        from_json = con.sql(query.format(key=key, src=f"read_json_auto('{jsonl_out / (name + '.jsonl')}')")).fetchall()
        assert from_csv and from_csv == from_json, name
