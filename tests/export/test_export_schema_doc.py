"""docs/export.md documents every column the export writes, with its type and meaning, in order."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from itsmctl.export import TABLES
from tests.conftest import ROOT, Cli

AT = "2026-12-01T00:00:00+08:00"
ROW = re.compile(r"^\| `(?P<name>[a-z_]+)` \| (?P<type>[a-z]+) \| (?P<meaning>.+) \|$")


def documented() -> dict[str, list[tuple[str, str, str]]]:
    tables: dict[str, list[tuple[str, str, str]]] = {}
    current: list[tuple[str, str, str]] | None = None
    for line in (ROOT / "docs" / "export.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            name = line[3:].strip()
            current = tables.setdefault(name, []) if name in TABLES else None
        elif current is not None and (m := ROW.match(line)):
            current.append((m["name"], m["type"], m["meaning"]))
    return tables


def test_the_page_documents_the_schema_in_order() -> None:
    expected = {name: [(c.name, c.type, c.meaning) for c in cols] for name, cols in TABLES.items()}
    assert documented() == expected


def test_the_files_written_have_the_documented_columns(cli: Cli, export_store: Path, tmp_path: Path) -> None:
    docs = {name: [c[0] for c in cols] for name, cols in documented().items()}
    assert set(docs) == {"tickets", "events", "sla_results", "surveys"}
    for fmt in ("jsonl", "csv"):
        out = tmp_path / fmt
        result = cli("export", "--records", export_store, "--at", AT, "--format", fmt, "--out", out)
        assert result.code == 0, result
        for name, columns in docs.items():
            text = (out / f"{name}.{fmt}").read_text(encoding="utf-8")
            if fmt == "csv":
                assert next(csv.reader(io.StringIO(text))) == columns
            else:
                rows = [json.loads(line) for line in text.splitlines()]
                assert rows, name  # every table has rows in this store, so every key is seen
                assert all(list(row) == columns for row in rows), name
