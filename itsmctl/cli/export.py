"""``itsmctl export``: flat tables (tickets, events, SLA results, surveys) for BI tools.

``--out DIR`` writes every table (or those ``--table`` names) as one file each, each
replaced atomically: what a cron job feeding a warehouse wants.  Without ``--out`` one
``--table`` goes to stdout, for a pipe.  The moment is ``--at``; with ``--month`` and no
``--at`` the end of the month (as ``report monthly``), so reruns give the same files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, AtOption, RecordsOption, choice
from itsmctl.cli.output import emit, finish, note
from itsmctl.cli.records import open_records
from itsmctl.clock import parse_at
from itsmctl.errors import FieldError
from itsmctl.exits import CommandResult
from itsmctl.export import EXPORT_FORMATS, TABLES, Selection, export_view, file_name, render
from itsmctl.fs import atomic_write
from itsmctl.models import TICKET_KINDS
from itsmctl.reports.common import Period, report_zone

if TYPE_CHECKING:
    ExportFormat: TypeAlias = str
    TableName: TypeAlias = str
    TicketKind: TypeAlias = str
else:
    ExportFormat = choice("ExportFormat", EXPORT_FORMATS)
    TableName = choice("TableName", TABLES)
    TicketKind = choice("TicketKind", TICKET_KINDS)


def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="文件格式 jsonl (JSON Lines) or csv.")] = "jsonl",
    out: Annotated[
        Path | None,
        typer.Option("--out", help="输出目录 Write one file per table into DIR (created; each replaced atomically)."),
    ] = None,
    table: Annotated[
        list[TableName] | None,
        typer.Option("--table", help="表 Only this table (repeat); without --out exactly one, written to stdout."),
    ] = None,
    kind: Annotated[
        list[TicketKind] | None, typer.Option("--kind", help="工单类型 Only tickets of this kind (repeat).")
    ] = None,
    month: Annotated[
        str | None,
        typer.Option("--month", help="月份 Only what the monthly report counts in this month (YYYY-MM)."),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="BOM 头 Start CSV files with a UTF-8 byte order mark (for Excel).")
    ] = False,
    records: RecordsOption = DEFAULT_RECORDS,
    at: AtOption = None,
) -> int:
    """导出 Export flat tables (tickets, events, sla_results, surveys) as JSON Lines or CSV.

    Exit 0 when every record loaded; 1 when files were left out (named on stderr; the rest is exported).
    """
    tables = list(dict.fromkeys(table or TABLES))
    if out is None and len(tables) != 1:
        raise FieldError("table", "without --out, name exactly one --table to write to stdout (or pass --out DIR)")
    if bom and format != "csv":
        raise FieldError("bom", "is for --format csv only (JSON Lines never starts with a byte order mark)")
    if out is not None and out.exists() and not out.is_dir():
        raise FieldError("out", f"{out} is a file, not a folder: --out names the folder the tables are written into")
    pinned = parse_at(at) if at else None
    store = open_records(records)
    snapshot = store.snapshot()
    store.require_policy()
    now = pinned
    if now is None:
        wall = parse_at(None)
        now = wall
        if month is not None:
            end = Period.month(month, report_zone(snapshot)).end
            if end > wall:
                note("itsmctl: the month has not ended; exporting as of now (pass --at for a reproducible export)")
            else:
                now = end
    view = export_view(snapshot, now, Selection(kinds=tuple(kind or ()), month=month))
    for name in tables:
        written = render(view, name, format, bom=bom)
        if out is None:
            emit(written.data.decode("utf-8"))
        else:
            target = out / file_name(name, format)
            atomic_write(target, written.data)
            note(f"wrote {target} ({written.rows} rows)")
    return finish(CommandResult(left_out=store.left_out()))
