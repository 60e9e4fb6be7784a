"""Flat tables for BI tools and spreadsheets: tickets, events, SLA results, surveys.

``export_tables`` reads a snapshot as of ``now`` into rows (``rows``), ``render`` writes
one table in a format (``formats``), and ``columns`` is the documented schema both follow
(docs/export.md).  Analytics over many stores run in an engine that reads these files
(DuckDB, Spark, Trino), not in itsmctl.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from itsmctl.errors import UsageError
from itsmctl.export.columns import TABLES, Column
from itsmctl.export.formats import EXPORT_FORMATS, EXTENSIONS
from itsmctl.export.rows import ROWS, ExportView, Row, Selection
from itsmctl.store.snapshot import Snapshot


def export_tables(
    snapshot: Snapshot, now: datetime, selection: Selection, tables: Iterable[str] = TABLES
) -> dict[str, list[Row]]:
    """The rows of each of ``tables`` for the records ``selection`` picks, as of ``now``."""
    view = ExportView(snapshot, now, selection)
    return {name: list(ROWS[name](view)) for name in tables}


def render(table: str, rows: Iterable[Row], fmt: str, *, bom: bool = False) -> bytes:
    """One table's file in ``fmt`` (``jsonl`` or ``csv``); ``bom`` only for CSV."""
    if bom and fmt != "csv":
        raise UsageError("a byte order mark is for CSV files only (Excel); JSON Lines never has one")
    return EXPORT_FORMATS[fmt](TABLES[table], rows, bom)


def file_name(table: str, fmt: str) -> str:
    return table + EXTENSIONS[fmt]


__all__ = ["EXPORT_FORMATS", "TABLES", "Column", "Selection", "export_tables", "file_name", "render"]
