"""Flat tables for BI tools and spreadsheets: tickets, events, SLA results, surveys.

``export_view`` reads a snapshot as of ``now`` (``rows``), ``render`` writes one table of
it in a format (``formats``), and ``columns`` is the documented schema both follow
(docs/export.md).  Analytics over many stores run in an engine that reads these files
(DuckDB, Spark, Trino), not in itsmctl.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from itsmctl.errors import UsageError
from itsmctl.export.columns import TABLES, Column
from itsmctl.export.formats import EXPORT_FORMATS, EXTENSIONS
from itsmctl.export.rows import ROWS, ExportView, Row, Selection
from itsmctl.store.snapshot import Snapshot


@dataclass(frozen=True)
class Table:
    """One table's file: its bytes and how many rows it holds."""

    name: str
    data: bytes
    rows: int


def export_view(snapshot: Snapshot, now: datetime, selection: Selection) -> ExportView:
    """The records ``selection`` picks, as of ``now``, with their SLA clocks: read once for every table."""
    return ExportView(snapshot, now, selection)


def render(view: ExportView, table: str, fmt: str, *, bom: bool = False) -> Table:
    """One table's file in ``fmt`` (``jsonl`` or ``csv``); ``bom`` only for CSV.  Tables are
    rendered one at a time, so only one table's rows are held at once."""
    if bom and fmt != "csv":
        raise UsageError("a byte order mark is for CSV files only (Excel); JSON Lines never has one")
    counted = _Counted(ROWS[table](view))
    data = EXPORT_FORMATS[fmt](TABLES[table], counted, bom)
    return Table(table, data, counted.count)


class _Counted:
    """Rows passed through, counted on the way."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Row]:
        for row in self._rows:
            self.count += 1
            yield row


def file_name(table: str, fmt: str) -> str:
    return table + EXTENSIONS[fmt]


__all__ = [
    "EXPORT_FORMATS",
    "TABLES",
    "Column",
    "ExportView",
    "Selection",
    "Table",
    "export_view",
    "file_name",
    "render",
]
