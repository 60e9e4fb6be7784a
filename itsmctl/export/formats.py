"""How a table is written: JSON Lines for engines, CSV for spreadsheets.

Both write the columns of ``columns.TABLES`` in their order.  JSONL: one object per line,
every key present (null when empty), through ``escape.json_text``.  CSV: RFC 4180 (a
header line, CRLF line ends, a cell quoted when it holds a comma, quote or line break),
UTF-8, optionally with a BOM so Excel opens Chinese text right; every text cell through
``escape.spreadsheet_cell``, so no cell a record wrote can start a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from itsmctl.escape import json_text, spreadsheet_cell
from itsmctl.export.columns import Column

BOM = "\ufeff"

Writer = Callable[[tuple[Column, ...], Iterable[dict[str, Any]], bool], bytes]
"""``(columns, rows, bom)`` to the file's bytes."""


def jsonl(columns: tuple[Column, ...], rows: Iterable[dict[str, Any]], bom: bool = False) -> bytes:
    names = [c.name for c in columns]
    lines = [json_text({name: row[name] for name in names}) + "\n" for row in rows]
    return "".join(lines).encode("utf-8")


def _cell(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column.type == "list":
        return " ".join(str(item) for item in value)
    if column.type == "object":
        return json_text(value, sort_keys=True)
    if column.type == "string":
        return spreadsheet_cell(str(value))
    return str(value)


def csv_table(columns: tuple[Column, ...], rows: Iterable[dict[str, Any]], bom: bool = False) -> bytes:
    out = io.StringIO()
    if bom:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_cell(c, row[c.name]) for c in columns])
    return out.getvalue().encode("utf-8")


EXPORT_FORMATS: dict[str, Writer] = {"jsonl": jsonl, "csv": csv_table}
"""``--format`` of ``itsmctl export``: the writer of each."""

EXTENSIONS = {"jsonl": ".jsonl", "csv": ".csv"}
