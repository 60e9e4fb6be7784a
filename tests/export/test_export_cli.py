"""``itsmctl export``: where tables go, what --kind and --month keep, CSV quoting and the
formula guard, and a store with a broken record."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.export.conftest import HOSTILE

AT = "2026-12-01T00:00:00+08:00"


def jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_table_to_stdout_as_json_lines(cli: Cli, export_store: Path) -> None:
    result = cli("export", "--records", export_store, "--at", AT, "--table", "tickets")
    assert result.code == 0, result
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["INC-2610-7KQ3P", "INC-2610-9ZZ2X", "REQ-2611-4BC7D"]
    assert rows[1]["title"] == HOSTILE  # JSON Lines are never altered
    assert rows[0]["cis"] == ["CI-SRV-01"] and rows[0]["closed_at"] == "2026-10-09T15:01:00+08:00"
    assert rows[0]["open"] is False and rows[2]["open"] is True


def test_out_writes_the_tables_asked_for_and_a_rerun_replaces_them(
    cli: Cli, export_store: Path, tmp_path: Path
) -> None:
    out = tmp_path / "new" / "export"  # created
    result = cli("export", "--records", export_store, "--at", AT, "--table", "surveys", "--out", out)
    assert result.code == 0, result
    assert sorted(p.name for p in out.iterdir()) == ["surveys.jsonl"] and result.stdout == ""
    assert f"wrote {out / 'surveys.jsonl'} (1 rows)" in result.stderr
    result = cli(
        "export", "--records", export_store, "--at", "2026-10-01T00:00:00+08:00", "--table", "surveys", "--out", out
    )
    assert result.code == 0, result
    assert (out / "surveys.jsonl").read_text(encoding="utf-8") == ""  # as of October 1st no survey existed yet
    assert sorted(p.name for p in out.iterdir()) == ["surveys.jsonl"]  # no temporary file left


def test_csv_quotes_and_guards_cells_a_spreadsheet_would_run(cli: Cli, export_store: Path, tmp_path: Path) -> None:
    result = cli("export", "--records", export_store, "--at", AT, "--format", "csv", "--bom", "--out", tmp_path)
    assert result.code == 0, result
    raw = (tmp_path / "events.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    tickets = list(csv.DictReader(io.StringIO((tmp_path / "tickets.csv").read_text(encoding="utf-8-sig"))))
    assert tickets[1]["title"] == "'" + HOSTILE
    events = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    note = next(e for e in events if e["type"] == "note")
    assert note["note"] == '\'-第一行, with a comma\n第二行 "quoted"'
    assert next(e for e in events if e["event_id"] == "EC9ZZ2")["reason"] == "'@重启服务"
    survey = next(csv.DictReader(io.StringIO((tmp_path / "surveys.csv").read_text(encoding="utf-8-sig"))))
    assert survey["comment"] == "'+满意" and survey["scores"] == "{}" and survey["reached"] == "true"
    # generated values are never guarded: a negative number stays a number
    results = list(csv.DictReader(io.StringIO((tmp_path / "sla_results.csv").read_text(encoding="utf-8-sig"))))
    assert any(r["remaining_seconds"].startswith("-") for r in results)


def test_kind_keeps_those_tickets_their_events_clocks_and_callbacks(
    cli: Cli, export_store: Path, tmp_path: Path
) -> None:
    result = cli("export", "--records", export_store, "--at", AT, "--kind", "request", "--out", tmp_path)
    assert result.code == 0, result
    assert [r["id"] for r in jsonl(tmp_path / "tickets.jsonl")] == ["REQ-2611-4BC7D"]
    assert {r["ticket_id"] for r in jsonl(tmp_path / "events.jsonl")} == {"REQ-2611-4BC7D"}
    assert {r["ticket_id"] for r in jsonl(tmp_path / "sla_results.jsonl")} == {"REQ-2611-4BC7D"}
    assert jsonl(tmp_path / "surveys.jsonl") == []  # the one callback is about an incident


def test_month_keeps_what_the_report_counts_in_it(cli: Cli, export_store: Path, tmp_path: Path) -> None:
    result = cli("export", "--records", export_store, "--month", "2026-11", "--out", tmp_path)
    assert result.code == 0, result
    # October's incidents were closed or resolved in October: only the request opened in November
    assert [r["id"] for r in jsonl(tmp_path / "tickets.jsonl")] == ["REQ-2611-4BC7D"]
    results = jsonl(tmp_path / "sla_results.jsonl")
    assert results and {r["month"] for r in results} == {"2026-11"} and all(r["settled"] for r in results)
    assert all(str(r["at"]).startswith("2026-11") for r in jsonl(tmp_path / "events.jsonl"))
    assert jsonl(tmp_path / "surveys.jsonl") == []
    october = tmp_path / "october"
    assert cli("export", "--records", export_store, "--month", "2026-10", "--out", october).code == 0
    assert [r["id"] for r in jsonl(october / "tickets.jsonl")] == ["INC-2610-7KQ3P", "INC-2610-9ZZ2X"]
    assert [r["id"] for r in jsonl(october / "surveys.jsonl")] == ["SUR-2610-5QW3E"]


def test_a_broken_record_is_named_and_the_others_exported(cli: Cli, export_store: Path, tmp_path: Path) -> None:
    broken = export_store / "tickets/2026/11/REQ-2611-4BC7D.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: [", 1), encoding="utf-8")
    result = cli("export", "--records", export_store, "--at", AT, "--out", tmp_path)
    assert result.code == 1, result
    assert "1 file(s) do not load and are left out" in result.stderr
    assert "tickets/2026/11/REQ-2611-4BC7D.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert [r["id"] for r in jsonl(tmp_path / "tickets.jsonl")] == ["INC-2610-7KQ3P", "INC-2610-9ZZ2X"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "itsmctl: --table: without --out, name exactly one --table"),
        (("--table", "tickets", "--table", "events"), "exactly one --table"),
        (("--table", "tickets", "--bom"), "--bom: is for --format csv only"),
        (("--table", "tickets", "--month", "2026-13"), "--month '2026-13' is not a month"),
    ],
)
def test_usage_errors_exit_2(cli: Cli, export_store: Path, args: tuple[str, ...], message: str) -> None:
    result = cli("export", "--records", export_store, "--at", AT, *args)
    assert result.code == 2, result
    assert message in result.stderr and result.stdout == ""


def test_out_onto_a_file_is_a_usage_error_and_the_file_is_kept(cli: Cli, export_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("keep\n", encoding="utf-8")
    result = cli("export", "--records", export_store, "--at", AT, "--out", target)
    assert result.code == 2, result
    assert f"--out: {target} is a file, not a folder" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep\n"
